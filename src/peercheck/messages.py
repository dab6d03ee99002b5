"""All user-facing words in one place, so the voice stays consistent.

peercheck speaks as a peer would: strengths first, curious, never clinical, never judging.
Each domain keeps its own section; use ``str.format`` placeholders for the variable parts.
"""

from __future__ import annotations

# --- general -----------------------------------------------------------------------------
UNEXPECTED = (
    "Something unexpected went wrong inside peercheck, and it is not anything you did. "
    "Nothing you wrote has been lost."
)
UNEXPECTED_HINT = "Run the same command with --debug to see the details for a bug report."
INTERRUPTED = "Stopped. Nothing has been changed."
DISK_FULL = "There is no space left on the device, so {what} could not be written."
DISK_FULL_HINT = "Free some space and try again; nothing already saved has been touched."
CANNOT_WRITE = "peercheck could not write to {path}: {reason}."
HOME_IS_FILE = "PEERCHECK_HOME points at {path}, which is a file, not a folder."
HOME_NOT_WRITABLE = "peercheck cannot write to its folder {path}: {reason}."
HOME_HINT = "Point PEERCHECK_HOME at a folder you own, or unset it to use the default."
OUTPUT_IS_FOLDER = "{path} is a folder; please name a file to write to."
NO_SUCH_FOLDER = "There is no folder {folder}, so peercheck could not write {name} there."
NO_SUCH_FOLDER_HINT = "Create the folder first, or name a file in a folder that exists."

# --- values library (frameworks, values, concepts, principles) -----------------------------
NO_VALUE = "There is no value named “{name}” in peercheck's frameworks yet."
NO_VALUE_CLOSEST = "Closest names: {names}. (peercheck values lists them all.)"
NO_VALUE_HINT = "peercheck values lists every value, and peercheck compare the shared concepts."
NO_VALUE_NAMED = "Please name a value, for example mutuality or \"stay in lane\"."
NO_FRAMEWORK = "There is no framework named “{name}”."
NO_FRAMEWORK_HINT = "The frameworks are: {ids}."
NOT_IN_FRAMEWORK = (
    "{framework} has no value linked to {concept}; the other frameworks do, and peercheck "
    "show {name} brings them together."
)
NO_DEFINITION = (
    "The source lists “{name}” as a core value without a definition. Statements from the "
    "same source that speak to it:"
)
NO_DEFINITION_MD = (
    "*The source lists “{name}” as a core value without a definition. Statements from the "
    "same source that speak to it:*"
)
IN_OUR_WORDS = "In our words: {summary}"
SHOW_FRAMEWORK_HINT = (
    "{id} is a framework: peercheck values --framework {id} lists its values, and "
    "peercheck show NAME --framework {id} quotes one."
)
MATCHED_VALUE = "“{value}” ({framework}) is part of {concept}."
VALIDATE_WHICH_FILE = (
    "{path} is not a file peercheck knows; point validate at a folder holding values.yaml "
    "and/or principles.yaml."
)
VALIDATE_OK = "Everything checks out: {frameworks} frameworks, {values} values, {concepts} concepts, {principles} principles."  # noqa: E501
VALIDATE_ORG = "Checked {path} merged over the built-in data."
VALIDATE_BUILTIN = "Checked peercheck's built-in data."

# --- prompts and reflection ----------------------------------------------------------------
WELCOME = "A few minutes to look back on your session."
NO_NAMES = (
    "peercheck never needs the peer's name or anything that could identify them; "
    "your own words about what happened are enough."
)
KEYS = "Enter skips a question · b goes back · q stops (your answers are kept)"
CONTEXT_HEADING = "About the session (all optional)"
CONTEXT_QUESTIONS = {
    "date": "When was it? (Enter for today, or e.g. yesterday, 2026-11-20)",
    "kind": "What kind of session? (one-to-one, group, phone, online, other)",
    "minutes": "About how many minutes?",
    "tags": "Any tags of your own? (words separated by commas)",
}
AT_START = "This is the first question."
RETRY = "Have another go, or press Enter to skip."
NOT_ON_THE_LIST = (
    "“{value}” isn't one of the answers here. Have another go with a number from 1 to {last}, "
    "or press Enter to skip."
)
NOT_YES_NO = "“{value}” isn't one of the answers here. Have another go with y, n or u (unsure), or press Enter to skip."  # noqa: E501
KEEP_EXISTING = "You answered: {value}. Press Enter to keep it, or type a new answer."
EARLIER_DRAFT = (
    "You have an unfinished reflection too; peercheck reflect --resume picks it up later."
)
RESUMING = "Welcome back. Picking up where you left off ({count} answered so far)."
KEPT_DRAFT = (
    "Your answers are kept. Run peercheck reflect --resume to carry on whenever you like."
)
DRAFT_UNSAVED = "Your answers are still here while you keep going."
STOPPED_EMPTY = "Stopped before anything was typed, so there is nothing to keep."
LOOKS_EMAIL = "an email address"
LOOKS_PHONE = "a phone number"
LOOKS_NAME = 'a name ("{words}")'
LOOKS_IDENTIFYING = (
    "That looks like it might include {what}, which could identify someone. "
    "You're welcome to keep it; leaving details like that out protects the peer's privacy."
)
EDIT_OFFER = "Edit it before it's kept? [Y/n] "
LOOKS_IDENTIFYING_FILE = (
    "A note on privacy: the answer to {line} might identify someone. "
    "It was kept as written; you can edit the file and reflect again if you'd rather."
)
BAD_KIND = "The session kind \"{value}\" is not one peercheck knows; it takes {kinds}."
BAD_MINUTES = "\"{value}\" is not a length peercheck can read; use whole minutes, e.g. 50."
BAD_TAGS = "Tags are words, or a list of words, e.g. [first-meeting, drop-in]."
BAD_CONTEXT = "context: should hold date, kind, minutes and tags."
UNKNOWN_CONTEXT = "context: has {key}, which peercheck doesn't use; it takes {fields}."
ANSWERS_MISSING = "There is no answers file at {path}."
ANSWERS_NO_NAME = "Please name the answers file after --answers, or use - to read standard input."
ANSWERS_IS_FOLDER = "{path} is a folder; please name an answers file."
ANSWERS_NOT_TEXT = "{name} is not UTF-8 text, so peercheck cannot read the answers in it."
ANSWERS_UNREADABLE = "peercheck could not read {name}: {reason}."
ANSWERS_NOT_YAML = "{name} is not valid YAML{where}."
ANSWERS_EMPTY = "{name} has no answers in it."
ANSWERS_NOT_MAPPING = "{name} should hold context: and answers: (as in the template)."
ANSWERS_UNKNOWN_KEY = (
    "{name} has {key}:, which peercheck doesn't use; it reads context: and answers:."
)
NOTHING_SAVED_HINT = (
    "Nothing was saved. peercheck reflect --template prints a file to start from."
)
IGNORED_OUTSIDE_FOCUS = "Left aside (not part of the {focus} reflection): {ids}."
ONE_MODE = "Please choose one of --template, --answers and --resume at a time."
NOT_A_TERMINAL = "peercheck reflect asks its questions in a terminal, and this isn't one."
NOT_A_TERMINAL_HINT = (
    "To answer from a file instead: peercheck reflect --template > answers.yaml, "
    "fill it in, then peercheck reflect --answers answers.yaml (or --answers - to read stdin)."
)
NO_DRAFT = "There is no unfinished reflection to carry on with."
NO_DRAFT_HINT = "peercheck reflect starts a new one."
FOCUS_NO_PROMPTS = "No prompts look at {name} yet, so there is nothing to focus on."
FOCUS_HINT = "The prompts cover {ids}."
NOTHING_ANSWERED = "Nothing was answered this time, so there is nothing to keep. That's okay."
SAVE_FAILED = "The reflection could not be saved to the log ({reason})."
SAVE_KEPT_DRAFT = (
    "Your answers are kept as a draft; peercheck reflect --resume saves them once the log "
    "can be written."
)
SAVE_NO_DRAFT = (
    "A draft could not be written either, so here are your answers; save them as a file "
    "and use peercheck reflect --answers FILE later:"
)
SAVED = "Saved your reflection as {id}."
NOT_SAVED = "Not saved (--no-save)."
SUMMARY_TITLE = "Your reflection"
SUMMARY_FOCUS = "focus: {focus}"
SUMMARY_STRENGTHS = "What went well"
SUMMARY_IN_YOUR_WORDS = "In your words: “{text}”"
SUMMARY_NO_STRENGTHS = "Every session has something in it worth noticing; what was it for you?"
SUMMARY_STRONG = "Strong today: {names}."
SUMMARY_GROWING = "Growing: {names}."
SUMMARY_REFLECT_ON = "Worth reflecting on"
SUMMARY_YOU_ANSWERED = "you answered “{said}” ({prompt})."
SUMMARY_YOU_ANSWERED_TO = "you answered {said} to “{question}”"
SUMMARY_MORE = "and {n} more"
SUMMARY_LEANED_AWAY = "some of your answers leaned away from it this time."
SUMMARY_YOU_WROTE = "you wrote “{text}”."
SUMMARY_ASK_DEFAULT = "Looking back, what do you make of it, and what might you try next time?"
SUMMARY_FROM = "(from {sources})"
SUMMARY_PRINCIPLES = "Principles closest to this"
SUMMARY_PRINCIPLE_N = "Principle {number}"
SUMMARY_SUPPORT = "For you"
SUPERVISION_SAFETY = (
    "You noted a concern about someone's safety: bring it to supervision soon, and if anyone "
    "is in danger now, follow your service's safety steps first."
)
SUPERVISION_OTHER = "You noted something to talk through; supervision is a good place for it."
SUMMARY_WELLBEING_LOW = "That sounds like a lot to carry. Lean on your own support and supervision."
SUMMARY_NOT_COVERED = "Not covered this time: {names}."
SUMMARY_NEXT_TIME = "Next time"

# --- prompts: reading answers, the listing (scoring) -----------------------------------------
ANSWER_AMBIGUOUS = '"{value}" could mean {options} at {id}; type the number or more of the words.'
PROMPTS_WHY = "Why: {why}"
PROMPTS_UNCOVERED = "No question in this reflection informs {names}."

# --- language cues -------------------------------------------------------------------------
CHECK_NO_INPUT = (
    "peercheck check listens to a note for advice-giving, clinical, labelling and rescuing "
    "words; give it a file, or pipe text in."
)
CHECK_NO_INPUT_HINT = (
    "For example: peercheck check notes.txt   or   cat notes.txt | peercheck check -"
)
CHECK_TYPING = "Type or paste the text, then press Ctrl-D on a new line (Ctrl-Z, Enter on Windows)."
CHECK_NO_FILE = "There is no file called {path}."
CHECK_NO_FILE_HINT = "Check the spelling and the folder, or use - to read standard input."
CHECK_IS_FOLDER = "{path} is a folder; peercheck check reads one text file at a time."
CHECK_UNREADABLE = "peercheck could not read {path}: {reason}."
CHECK_NOT_UTF8 = "{path} is not UTF-8 text (line {line} has bytes that are not)."
CHECK_NOT_UTF8_HINT = "Save it as UTF-8 (most editors offer this under Save As) and try again."
CHECK_BAD_FORMAT = "There is no format called “{format}”; choose text or json."
CHECK_UNKNOWN_FAMILY = "There is no family of cues called “{name}”."
CHECK_FAMILIES_HINT = "The families are: {families}."
CHECK_NOTHING = (
    "No cues heard in {name}: nothing here drifts from the values peercheck listens for."
)
CHECK_NOT_PENALTIES = (
    "These are notes for reflection, not marks against you: wonder about them, keep what helps."
)

# --- reflection log, exports, reports ------------------------------------------------------
LOG_EMPTY = "Your reflection log is empty so far."
LOG_EMPTY_HINT = "After a session, peercheck reflect starts it; peercheck import adds an export."
LOG_NONE_MATCHED = "No reflections match that yet; a wider --since or another --value may help."
LOG_NO_SUCH_ID = "No reflection in your log has an id starting with {id}."
LOG_NO_SUCH_ID_HINT = "peercheck log lists recent reflections with their ids."
LOG_WHICH_ID = "Which reflection? Please give its id; the first few characters are enough."
LOG_NEEDS_YES = "peercheck asks before {what}, and there is no terminal to ask on."
LOG_NEEDS_YES_HINT = "Add --yes to go ahead."
LOG_DELETE_ASK = "Delete the reflection from {date} ({id}) for good?"
LOG_DELETED = "Deleted the reflection from {date}; its text is gone from the log file too."
LOG_KEPT = "Nothing was deleted."
LOG_PURGE_NONE = "There are no reflections from before {date}; nothing to remove."
LOG_PURGE_ASK = "Remove {n} reflection{s} from before {date} for good?"
LOG_PURGED = (
    "Removed {n} reflection{s} from before {date}; their text is gone from the log file too."
)
LOG_BACKED_UP = "Backed up {n} reflection{s} to {path} (only you can read it)."
LOG_SEARCH_NONE = "No reflection's own words contain {words}."
EXPORT_WROTE = "Wrote {n} reflection{s} to {path} (only you can read it)."
EXPORT_BAD_LABEL = "A worker label is one short line (up to 60 characters)."
IMPORT_DONE = "Imported {added} reflection{s}; {skipped} {were} already in your log."
TRENDS_NONE = "There are no scored reflections to chart yet."
REPORT_WROTE = "Wrote the team report to {path} (only you can read it)."
