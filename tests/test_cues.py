"""The cue engine: what it hears, what it leaves alone, and where it says it heard it."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from peercheck import cues


def rules_heard(text: str) -> list[str]:
    return [hit.rule for hit in cues.scan(text)]


def words_heard(text: str) -> list[str]:
    return [hit.text for hit in cues.scan(text)]


# --- each family: sentences that should raise a cue, and near misses that should not ------

POSITIVE = [
    # advice and directing
    ("You should move out before winter.", "you-should"),
    ("Honestly you really should call your sister.", "you-should"),
    ("You need to get more sleep.", "you-need-to"),
    ("You have to stop seeing him.", "you-need-to"),
    ("If I were you, I'd leave.", "if-i-were-you"),
    ("Why don't you just try the group?", "why-dont-you"),
    ("The best thing for you is a fresh start.", "best-thing"),
    ("I told her to phone the landlord.", "told-them-to"),
    ("I told her she should move out.", "told-them-to"),
    ("I said he needs to rest more.", "told-them-to"),
    ("I gave him some advice about his debts.", "told-them-to"),
    # clinical language, leaving the peer lane
    ("He has bipolar disorder, I think.", "diagnosing"),
    ("It sounds like PTSD to me.", "diagnosing"),
    ("She's probably bipolar.", "diagnosing"),
    ("Her symptoms were worse this week.", "clinical-symptoms"),
    ("We reviewed the treatment plan.", "clinical-jargon"),
    ("The intervention went well.", "clinical-jargon"),
    ("She was assessed last month.", "clinical-jargon"),
    ("Maybe stop taking your meds for a while.", "medication-advice"),
    ("He could come off his medication slowly.", "medication-advice"),
    ("A lower dose might suit her better.", "medication-advice"),
    ("Maybe try lowering your dose.", "medication-advice"),
    ("Keep taking your meds and see how it goes.", "medication-advice"),
    ("Try 20mg at night.", "medication-advice"),
    # labels and deficit language
    ("He is an addict.", "addict"),
    ("She is a schizophrenic who lives alone.", "diagnosis-as-identity"),
    ("She is borderline, honestly.", "borderline"),
    ("He suffers from depression.", "suffers-from"),
    ("She's just attention seeking.", "attention-seeking"),
    ("He can be very manipulative.", "manipulative"),
    ("He's a frequent flyer at the drop-in.", "frequent-flyer"),
    ("She was non-compliant with the plan.", "non-compliant"),
    ("He is noncompliant again.", "non-compliant"),
    ("He's resistant to change.", "resistant"),
    ("She has been clean for a year.", "clean-dirty"),
    ("His test came back dirty.", "clean-dirty"),
    ("Her brother committed suicide.", "committed-suicide"),
    # fixing and rescuing
    ("I fixed it for her.", "fixed-it"),
    ("I sorted it out for her with the council.", "fixed-it"),
    ("I saved him that night.", "saved-them"),
    ("I made him call his mum.", "made-them"),
    ("I got her to agree to the group.", "made-them"),
    # judging
    ("He's being lazy about the forms.", "lazy"),
    ("That plan is crazy.", "crazy"),
    ("It was a stupid thing to do.", "stupid"),
    ("She's in denial about the drinking.", "in-denial"),
    ("His goal is unrealistic.", "unrealistic"),
    # rushing to reassure
    ("At least you have a roof over your head.", "at-least"),
    ("Don't worry, it will pass.", "calm-down"),
    ("I know how you feel.", "know-how-you-feel"),
]


@pytest.mark.parametrize(("sentence", "rule"), POSITIVE)
def test_each_family_is_heard(sentence, rule):
    assert rule in rules_heard(sentence), sentence


NEGATIVE = [
    "My shoulder has been sore all week.",  # "should" inside "shoulder"
    "You shouldered a lot this month.",
    "She is cleaning the kitchen, and got clean clothes from the laundry.",
    "He is proud of what he managed.",
    "She should be proud of herself.",  # a strength, not a directive
    "You don't have to decide today.",
    "We talked about what helped last time.",
    "He is patient with his kids.",  # "patient" the adjective
    "The assessor was kind",  # not "assessment"
    "Clean air and a long walk helped.",
    "The suicide prevention line was busy.",
    "She should hear back from the housing office next week.",  # a prediction
    "He needs to be at court on Monday.",
    "They must have been exhausted.",
    "I got him to the bus stop on time.",
    "I made him laugh.",
    "We made a plan together.",
    "Her doctor changed the dose last month.",
    "She has a diagnosis of bipolar, which she talks about openly.",
    "I resisted the urge to tell her what to do.",
    "What would you like to do next?",
]


@pytest.mark.parametrize("sentence", NEGATIVE)
def test_near_misses_are_left_alone(sentence):
    assert rules_heard(sentence) == [], sentence


# --- context --------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "sentence",
    [
        "I didn't tell her what she should do.",
        "I never gave advice.",
        "I did not diagnose.",
        "I didn’t tell him to leave.",  # curly apostrophe
        "I was careful not to tell her that she should move.",
        "I didn't fix it for her.",
        "She is not an addict.",
        "Instead of telling her she should leave, I asked what she wanted.",
    ],
)
def test_negation_silences_a_cue(sentence):
    assert rules_heard(sentence) == [], sentence


def test_negation_does_not_reach_past_a_clause():
    assert rules_heard("I didn't know what to say, so I told her to leave.") == ["told-them-to"]


def test_i_dont_think_you_should_is_still_advice():
    assert "you-should" in rules_heard("I don't think you should go back there.")


@pytest.mark.parametrize(
    "sentence",
    [
        'She said "you should just leave him" and laughed.',
        "She said “you should just leave him” and laughed.",
        "He called it ‘attention seeking’ when he was a teenager.",
        "Her words were 'I'm lazy', and we talked about that.",
    ],
)
def test_quoted_words_are_the_peers_not_ours(sentence):
    assert rules_heard(sentence) == [], sentence


@pytest.mark.parametrize(
    "sentence",
    [
        "She said she should move out.",
        "He asked whether he should stop his meds.",
        "They told me they're an addict and proud of their recovery.",
        "She told me I should mind my own business.",
        "He calls himself an addict.",
        "You should leave him, she said.",
        "In her words, she is lazy on Sundays.",
    ],
)
def test_reported_speech_is_left_alone(sentence):
    assert rules_heard(sentence) == [], sentence


@pytest.mark.parametrize(
    ("sentence", "rule"),
    [
        ("She said she was fine, but she's in denial.", "in-denial"),
        ("He told me about the job, though honestly he's lazy.", "lazy"),
    ],
)
def test_reported_speech_ends_at_a_turn_back_to_the_worker(sentence, rule):
    assert rule in rules_heard(sentence), sentence


def test_reported_speech_ends_where_the_worker_speaks_again():
    text = "She said she was tired and I told her she should rest."
    assert rules_heard(text) == ["told-them-to"]


@pytest.mark.parametrize(
    "sentence",
    [
        "I should have listened more.",
        "I need to rest.",
        "I felt so stupid afterwards.",
        "I was being lazy with my notes.",
        "I was diagnosed with PTSD years ago, and I told her so.",
        "My symptoms were bad back then.",
        "That was stupid of me.",
        "I'm an addict in recovery myself.",
    ],
)
def test_first_person_about_oneself_is_reflection(sentence):
    assert rules_heard(sentence) == [], sentence


def test_open_questions_are_curiosity():
    assert rules_heard("What do you think you should do?") == []
    assert rules_heard("How do you feel you need to handle it?") == []
    assert rules_heard("Why don't you just leave?") == ["why-dont-you"]


def test_case_and_curly_apostrophes():
    assert rules_heard("YOU SHOULD call") == ["you-should"]
    assert rules_heard("Why don’t you try again") == ["why-dont-you"]
    assert rules_heard("you’d better go") == ["you-ought-to"]


def test_phrases_span_line_breaks():
    hits = cues.scan("and you\nshould try it")
    assert [h.text for h in hits] == ["you\nshould"]


def test_inline_opt_out_for_one_line():
    text = (
        "You should rest.  <!-- peercheck: ignore -->\n"
        "You should rest.\n"
        "She is an addict. # peercheck: ignore addict\n"
        "She is an addict and you should go. # peercheck: ignore addict\n"
        "# peercheck: ignore-next-line\n"
        "You need to go.\n"
    )
    hits = cues.scan(text)
    assert [(h.line, h.rule) for h in hits] == [(2, "you-should"), (4, "you-should")]


def test_opt_out_by_family():
    assert rules_heard("You should go. (peercheck: ignore advice)") == []


# --- positions --------------------------------------------------------------------------

def test_offsets_lines_and_columns():
    text = "First line is fine.\nThen I told her to go.\n\n  He’s an addict."
    hits = cues.scan(text)
    assert [(h.rule, h.line, h.column) for h in hits] == [
        ("told-them-to", 2, 6),
        ("addict", 4, 8),
    ]
    for hit in hits:
        assert text[hit.offset : hit.offset + hit.length] == hit.text
        line_start = text.rfind("\n", 0, hit.offset) + 1
        assert hit.column == hit.offset - line_start + 1


def test_offsets_count_characters_not_bytes():
    text = "Café ☕ — naïve me. You should rest."
    (hit,) = cues.scan(text)
    assert text[hit.offset : hit.offset + hit.length] == "You should"
    assert hit.column == text.index("You") + 1


def test_characters_that_change_length_when_lowered_keep_offsets():
    text = "İstanbul trip. You should go."  # "İ".lower() is two characters
    (hit,) = cues.scan(text)
    assert text[hit.offset : hit.offset + hit.length] == "You should"


def test_hit_fields_are_the_contract():
    (hit,) = cues.scan("You should go.")
    assert set(hit.to_dict()) == {
        "line", "column", "offset", "length", "text", "rule", "family", "concepts",
        "principles", "message", "suggestion", "level",
    }
    assert hit.family == "advice" and hit.level in cues.LEVELS
    assert "self-determination" in hit.concepts and 9 in hit.principles


def test_overlapping_cues_report_the_longest_once():
    assert words_heard("I told her she should leave") == ["I told her she should"]


def test_family_filter():
    text = "You should go. He is lazy."
    assert [h.rule for h in cues.scan(text, families=["judging"])] == ["lazy"]


# --- the data ----------------------------------------------------------------------------

def test_at_least_eighty_patterns_over_every_family():
    rules = cues.ruleset()
    assert sum(len(c.patterns) for c in rules.cues) >= 80
    assert {"advice", "clinical", "labelling", "fixing", "judging"} <= set(rules.families)
    for family in rules.families:
        assert any(c.family == family for c in rules.cues), family


def test_rules_name_real_concepts_and_principles():
    """Checked here rather than at every start, so `check` stays quick to start."""
    from peercheck.values import load_catalog

    catalog = load_catalog()
    for cue in cues.ruleset().cues:
        assert cue.concepts, cue.id
        assert set(cue.concepts) <= set(catalog.concepts), cue.id
        assert set(cue.principles) <= set(catalog.principles), cue.id
        assert cue.message and cue.suggestion, cue.id


def test_messages_are_curious_not_scolding():
    for cue in cues.ruleset().cues:
        assert "?" in cue.message, f"{cue.id}: a message wonders rather than tells"
        assert not re.search(r"\b(wrong|bad|never|must not|don't)\b", cue.message, re.I), cue.id


def test_every_rule_hears_its_own_example():
    """Each rule's first pattern, written out plainly, is heard by that rule."""
    examples = {
        "you-should": "you should", "you-need-to": "you need to",
        "if-i-were-you": "if I were you", "why-dont-you": "why don't you",
        "best-thing": "the best thing for you is", "told-them-to": "I told him to",
        "they-should": "she should", "diagnosing": "he probably has schizophrenia",
        "clinical-symptoms": "symptoms", "clinical-jargon": "treatment plan",
        "medication-advice": "stop your meds", "addict": "an addict",
        "diagnosis-as-identity": "a schizophrenic", "borderline": "she is borderline",
        "suffers-from": "suffers from", "attention-seeking": "attention-seeking",
        "manipulative": "manipulative", "frequent-flyer": "frequent flyer",
        "non-compliant": "non-compliant", "resistant": "unmotivated",
        "clean-dirty": "stayed clean", "committed-suicide": "committed suicide",
        "slurs": "lunatic", "the-homeless": "the homeless", "fixed-it": "I fixed it for her",
        "saved-them": "I saved her", "made-them": "I made her promise",
        "did-it-for-them": "I took over", "lazy": "lazy", "crazy": "crazy",
        "stupid": "stupid", "in-denial": "in denial", "unrealistic": "unrealistic",
        "hopeless-case": "a lost cause", "needy-difficult": "needy", "at-least": "at least you",
        "you-ought-to": "you ought to", "you-must": "you must", "therapy-claim": "I counselled her",
        "calm-down": "calm down", "know-how-you-feel": "I know how you feel",
        "privacy-name": "we met and Maya told me", "privacy-address": "she lives at 4 Elm Road",
        "privacy-postcode": "postcode M14 5RB", "privacy-birth-date": "born on 4 July 1992",
        "privacy-id-number": "NHS number 943 476 5919", "privacy-email": "sam@example.org",
        "privacy-phone": "call 07700 900461", "privacy-handle": "find her at @fern_22",
    }
    for cue in cues.ruleset().cues:
        assert cue.id in examples, f"add an example for {cue.id}"
        assert cue.id in rules_heard(examples[cue.id] + "."), cue.id


# --- the phrase syntax --------------------------------------------------------------------

def test_phrase_syntax():
    def heard(phrase: str, text: str) -> bool:
        regex = re.compile(rf"(?<!\w)(?:{cues.compile_phrase(phrase)})(?!\w)")
        return regex.search(text.lower()) is not None

    assert heard("tell~ her", "she tells her") and heard("tell~ her", "telling her")
    assert heard("stop~", "stopped") and heard("diagnose~", "diagnosing")
    assert heard("you [really|just] should", "you really should")
    assert heard("you [really|just] should", "you should")
    assert heard("(he|she) is", "she is") and not heard("(he|she) is", "they is")
    assert heard("non-compliant", "noncompliant") and heard("non-compliant", "non compliant")
    assert heard("don't", "don’t")
    assert heard("you('d| would) better", "you'd better")
    assert heard("# mg", "20mg") and heard("# mg", "2.5 mg")
    assert heard("clean !(clothes)", "clean today")
    assert not heard("clean !(clothes)", "clean clothes")


@pytest.mark.parametrize(
    ("phrase", "complaint"),
    [
        ("you (should", "never closes"),
        ("you should)", "never opened"),
        ("[maybe]", "only optional"),
        ("a (b|) c", "empty choice"),
        ("to~o", "~"),
        ("{nolist}", "not defined"),
    ],
)
def test_bad_phrases_say_what_is_wrong(phrase, complaint):
    with pytest.raises(cues.PatternError, match=re.escape(complaint)):
        cues.compile_phrase(phrase)


@pytest.mark.parametrize(
    ("regex", "complaint"),
    [
        (r"(a+)+b", "repeats inside a repeat"),
        (r"(?P<x>a)", "names a group"),
        (r"(a)\1", "refers back"),
        (r"a*", "matches empty text"),
        (r"(", "not valid"),
    ],
)
def test_risky_regexes_are_refused(regex, complaint):
    with pytest.raises(cues.PatternError, match=re.escape(complaint)):
        cues.compile_regex(regex)


def test_scan_is_linear_on_hostile_input():
    """No catastrophic backtracking: long runs of spaces, quotes and near-misses finish."""
    nasty = ("you " + " " * 5000 + "\n") * 20 + "'" * 20000 + '"' * 3001 + "should " * 5000
    hits = cues.scan(nasty)
    assert isinstance(hits, list)


def test_any_text_gives_consistent_positions():
    """Random text (any Unicode, cue words mixed in): no crash, and every hit's offset,
    length, line and column point at exactly the words it quotes."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    pieces = st.sampled_from([
        "you should", "You SHOULD", "an addict", "I told her to", "don’t worry", "İ", "ß",
        "\n", "\r\n", " ", '"', "“", "’", "'", "—", "20mg", "peercheck: ignore", "lazy",
    ])
    texts = st.lists(st.one_of(pieces, st.text(max_size=8)), max_size=30).map("".join)

    @settings(max_examples=300, deadline=None)
    @given(texts)
    def check(text):
        for hit in cues.scan(text):
            assert text[hit.offset : hit.offset + hit.length] == hit.text
            assert hit.line == text.count("\n", 0, hit.offset) + 1
            assert hit.column == hit.offset - (text.rfind("\n", 0, hit.offset) + 1) + 1

    check()


def test_windows_line_endings():
    hits = cues.scan("Fine.\r\nYou should rest.\r\n")
    assert [(h.line, h.column, h.text) for h in hits] == [(2, 1, "You should")]


_PIECES = [
    "you should", "you shouldn’t", "I told her to", "keep taking your meds", "try 20mg",
    "a lower dose", "he is an addict", "attention-seeking", "attention seeking", "non compliant",
    "I fixed it for him", "lazy", "crazy", "sounds like PTSD", "he has bipolar disorder",
    "in denial", "she said", "“", "”", '"', "I didn't", "never", ".", ",", "!", "?", "\n",
    "İstanbul", "ǅ", "ß", "shoulder", "x", "you", "should",
]


@settings(max_examples=150, deadline=None)
@example(["you should"], " ")
@example(["İstanbul", "I told her to"], " ")
@given(st.lists(st.sampled_from(_PIECES), max_size=25), st.sampled_from([" ", "", "  ", "-"]))
def test_short_texts_find_exactly_what_the_full_scanner_finds(pieces, glue):
    """The reduced scanner for short texts is a speed-up only: the same finds, always."""
    from peercheck.cues import scanner

    text = glue.join(pieces)
    engine = cues.engine(None)
    quick = list(engine.matches(text))
    full_size = scanner.SHORT_TEXT
    try:
        scanner.SHORT_TEXT = -1  # every text now takes the full scanner
        assert list(engine.matches(text)) == quick
    finally:
        scanner.SHORT_TEXT = full_size


# --- good practice left alone, drift still heard ---------------------------------------------


def test_principle_14_in_its_own_words_draws_no_cue():
    """Respecting medication is a principle; only advice or impressions about it are cues."""
    from peercheck.values import load_catalog

    text = load_catalog().principles[14].text
    assert "medication" in text
    assert rules_heard(text) == [], text


@pytest.mark.parametrize(
    "sentence",
    [
        "Why don't you fill me in on the rest of the week?",  # an invitation to say more
        "He's on an antidepressant and says it takes the edge off.",  # a neutral fact
        "Her prescriber moved her to 40mg and she feels steadier.",
        "She has OCD and is proud of how she manages it.",  # her own diagnosis, plainly
        "The nurse was patient and kind with him.",  # "patient" the adjective
        "I volunteer with a homeless outreach van on Fridays.",
        "He is entitled to a carer's allowance.",
        "She was the victim of a mugging in town.",
        "It was a difficult week for the whole team.",
        "I'm trying to stop using labels like junkie in my notes.",  # a word named, not used
        "She asked whether she should go back to her old job.",  # a question she asked
        # her question, however far back its subject: "…, and asked me if", "wondered if"
        "She was tearful, had not slept, and then asked me if she should come off her tablets.",
        "He went over the side effects, the weight gain and the tiredness, and wondered if he "
        "should halve his dose.",
        "I told him he should call 111 or his GP first thing.",  # signposting
        "You should get in touch with the helpline any time, day or night.",
        "You must feel so relieved.",  # empathy, not an order
        "You've got to be proud of that!",  # praise
        "Why don't you start from the beginning?",
        "Have you tried anything like that before?",  # asking about their experience
        "He's been clean-shaven for years.",
        "There was an insane amount of paperwork.",
        "Her family suffered with her through all of it.",
        "When I hear myself say you should, I pause.",
    ],
)
def test_good_practice_draws_no_cue(sentence):
    assert rules_heard(sentence) == [], sentence


@pytest.mark.parametrize(
    ("sentence", "rule"),
    [
        ("Maybe try skipping a dose on weekends.", "medication-advice"),
        ("I think his lithium is too strong for him.", "medication-advice"),
        ("Honestly I reckon he might have PTSD.", "diagnosing"),
        ("I filled in his housing form for him.", "did-it-for-them"),
        ("I made sure she went to the job centre.", "did-it-for-them"),
        ("I counselled him about his divorce.", "therapy-claim"),
        ("I used a few DBT skills on her.", "therapy-claim"),
        ("In our counselling she talked about her mum.", "therapy-claim"),
        ("I told her to ring her landlord, she said she'd think about it.", "told-them-to"),
        ("You should go, I said.", "you-should"),  # "I said": the worker's own words
        ("I reckon he's bipolar.", "diagnosing"),
        ("Maybe he's got OCD.", "diagnosing"),
        ("She could well have PTSD.", "diagnosing"),
        ("He should switch to a different antidepressant.", "medication-advice"),
        ("I suggested she take her meds at night instead.", "medication-advice"),
        ("You might not need that much medication.", "medication-advice"),
        ("Maybe he'd be better off without his meds.", "medication-advice"),
        ("I filled the form in for him.", "did-it-for-them"),
        ("I booked her a GP appointment.", "did-it-for-them"),
        ("I'm filling in her benefits form for her tomorrow.", "did-it-for-them"),
        ("I've been counselling him for a few weeks.", "therapy-claim"),
        ("I'm basically his therapist now.", "therapy-claim"),
        ("I tried some mindfulness therapy techniques on him.", "therapy-claim"),
        ("If you want my advice, leave him.", "told-them-to"),
        ("I listened for an hour and asked if she should lower her dose.",
         "medication-advice"),  # my own question: the nearest subject is "I"
        ("You should call your GP and stop taking the tablets.", "medication-advice"),
    ],
)
def test_drift_that_was_missed_is_heard(sentence, rule):
    assert rule in rules_heard(sentence), sentence


def test_each_message_names_the_words_that_fire_it():
    """A message that quotes words ("should") quotes something every one of its patterns says."""
    quoted = re.compile(r"[\"\u201c]([^\"\u201d]+)[\"\u201d]")
    for cue in cues.ruleset().cues:
        named = [q.lower() for q in quoted.findall(cue.message)]
        if not named:
            continue
        for pattern in cue.patterns:
            text = str(pattern).lower().replace("'", "")
            words = [word for q in named for word in q.replace("'", "").split()]
            stems = [word[:4] if len(word) > 4 else word[:3] for word in words]
            assert any(stem in text for stem in stems), (cue.id, pattern, named)
