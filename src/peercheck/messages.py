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
NO_DEFINITION_NOR_STATEMENT = (
    "The source lists “{name}” as a core value without a definition, and none of its "
    "statements of value speaks to it (its Principles of Practice are quoted as such)."
)
SILENT_ON = (
    "None of the source's statements of value speaks to {parts} (its Principles of Practice "
    "are quoted as such)."
)
# A framework's opening text (not one of its values) linked to a concept, e.g. BCcampus's
# “Hope and Wholeness for All”: labelled the same way in compare, compare --why and values.
OPENING_TEXT = "{title} (opening text)"
WHY_TITLE = "Why each value is part of a concept, in the framework's own words"
WHY_BY_NAME = "(its name alone: the source lists it without a definition)"
IN_OUR_WORDS = "In our words: {summary}"
SHOW_FRAMEWORK_HINT = (
    "{id} is a framework: peercheck values --framework {id} lists its values, and "
    "peercheck show NAME --framework {id} quotes one."
)
MATCHED_VALUE = "“{value}” ({framework}) is part of {concept}."
VALIDATE_WHICH_FILE = (
    "{path} is not a file peercheck knows; point validate at a folder holding values.yaml, "
    "principles.yaml and/or cues.yaml."
)
VALIDATE_NOTHING = "{path} holds no values.yaml, principles.yaml or cues.yaml, so there is nothing to check."  # noqa: E501
VALIDATE_NOTHING_HINT = "Point validate at the folder that holds your organisation's files."
VALIDATE_OK = "Everything checks out: {frameworks} frameworks, {values} values, {concepts} concepts, {principles} principles, {prompts} prompts, {cues} cue rules."  # noqa: E501
VALIDATE_ORG = "Checked {path} merged over the built-in data."
VALIDATE_BUILTIN = "Checked peercheck's built-in data."

# --- prompts and reflection ----------------------------------------------------------------
WELCOME = "A few minutes to look back on your session."
NO_NAMES = (
    "peercheck never needs the peer's name or anything that could identify them; "
    "your own words about what happened are enough."
)
KEYS = "Enter skips a question · b goes back · ? says why it's asked · q stops (your answers are kept)"  # noqa: E501
HELP_WHY = "Why this is asked"
HELP_WHY_CONCEPTS = "It helps you notice how the session sat with {names}."
HELP_WHY_OPEN = "It gives you room to notice what happened, in your own words."
HELP_BACK = "The question again, for when you're ready (Enter skips it):"
HELP_CONTEXT = {
    "date": "The date lets you look back over your reflections in time (log --since). "
            "It stays on this computer.",
    "kind": "One-to-one, group, phone or online: the kind of session can change what felt "
            "easy or hard, and later lets you compare.",
    "minutes": "How long it was, if you'd like to notice how length and energy go together.",
    "tags": "Your own words to find this reflection again (e.g. drop-in, first-meeting). "
            "Please leave out anything that could identify the peer.",
}
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
LOOKS = {  # what the privacy detector heard, by kind (peercheck.privacy.KINDS)
    "name": LOOKS_NAME, "email": LOOKS_EMAIL, "phone": LOOKS_PHONE,
    "address": "an address", "postcode": "a postcode", "birth-date": "a date of birth",
    "id-number": "a health or ID number", "handle": "a social media handle",
}
LOOKS_IDENTIFYING = (
    "That looks like it might include {what}, which could identify someone. "
    "You're welcome to keep it; leaving details like that out protects the peer's privacy."
)
EDIT_OFFER = "Edit it before it's kept? [Y/n] "
LOOKS_IDENTIFYING_FILE = (
    "A note on privacy: the answer to {line} might identify someone. "
    "It was kept as written; you can edit the file and reflect again if you'd rather."
)
LOOKS_IDENTIFYING_NOT_KEPT = (
    "A note on privacy: the answer to {line} might identify someone. "
    "Nothing was kept (--no-save); leaving details like that out of the file protects the peer."
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
ANSWERS_TOO_BIG = (
    "{name} is larger than {size} MB, far more than an answers file holds, so peercheck "
    "stopped reading it."
)
ANSWERS_ALIASES = (
    "{name} uses YAML aliases (*name) {count} times; answers files need none, so peercheck "
    "did not read it."
)
ANSWER_WRONG = '"{value}" is not an answer to {pid}; it takes {allowed}.'
BAD_CONTEXT_DATE = "context: date: {problem}"
FUTURE_DATE = "{date} is in the future; a session date is the day it happened."
ANSWERS_EMPTY = "{name} has no answers in it."
ANSWERS_NOT_MAPPING = "{name} should hold context: and answers: (as in the template)."
ANSWERS_UNKNOWN_KEY = (
    "{name} has {key}:, which peercheck doesn't use; it reads context: and answers:."
)
NOTHING_SAVED_HINT = (
    "Nothing was saved. peercheck reflect --template prints a file to start from."
)
IGNORED_OUTSIDE_FOCUS = "Left aside (not part of the {focus} reflection): {ids}."
ONE_MODE = "Please choose one of --template, --answers, --resume, --drafts and --discard at a time."
NOT_A_TERMINAL = "peercheck reflect asks its questions in a terminal, and this isn't one."
NOT_A_TERMINAL_HINT = (
    "To answer from a file instead: peercheck reflect --template > answers.yaml, "
    "fill it in, then peercheck reflect --answers answers.yaml (or --answers - to read stdin)."
)
NO_DRAFT = "There is no unfinished reflection to carry on with."
NO_DRAFTS = "There are no unfinished reflections."
DRAFTS_COLUMNS = ("id", "date", "answered", "first words")
DRAFTS_HINT = (
    "peercheck reflect --resume ID carries one on; peercheck reflect --discard ID removes it."
)
DRAFT_UNKNOWN = "There is no unfinished reflection with the id {id}."
DRAFT_AMBIGUOUS = "More than one unfinished reflection starts with {id}; please give more of it."
DRAFT_DISCARDED = "Removed the unfinished reflection {id} (from {date})."
DRAFT_ID_ALONE = (
    "An id goes with --resume (or --discard ID); peercheck reflect --drafts lists them."
)
ONLY_CONTEXT = (
    "Only the session details were given, and they are not kept on their own, so there is "
    "nothing to keep. That's okay."
)
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
SUMMARY_YOUR_WORDS = "something in your own words touched on it."
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
SUMMARY_PRIVACY = (
    "Your words in {where} hold what looks like {kinds}. Leaving details like that out keeps "
    "the peer's confidence safe."
)
SUMMARY_PRIVACY_YOUR_WORDS = "your answers"
SUMMARY_PRIVACY_DETAIL = "an identifying detail"
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
CHECK_REGEX_TOO_SLOW = (
    "The regex “{regex}” in the cue “{cue}” ({origin}) took more than {seconds} s on this "
    "text, so peercheck stopped; simplify it (a repeat inside a repeat is the usual cause)."
)
CHECK_TOO_BIG = (
    "{path} is larger than {limit} MB, more than peercheck check reads at once; split it "
    "into smaller files."
)
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
LOG_BACKED_UP = "Backed up {n} reflection{s} to {path}{private}."
LOG_SEARCH_NONE = "No reflection's own words contain {words}."
EXPORT_WROTE = "Wrote {n} reflection{s} to {path}{private}."
EXPORT_BAD_LABEL = (
    "A worker label is one short line (up to 60 characters) of plain text, "
    "without control characters."
)
IMPORT_DONE = "Imported {added} reflection{s}; {skipped} {were} already in your log."
# Import: every record is checked field by field (peercheck.records) before anything is stored.
IMPORT_BAD_FIELD = "{where}: {field} {why}, {then}."
IMPORT_BAD_FIELD_HINT = (
    "peercheck export writes files import reads; a record edited by hand may need that field "
    "put back as it was."
)
IMPORT_TOO_BIG = "{where} is far bigger than any reflection, {then}."
IMPORT_TOO_DEEP = "{where} is nested far deeper than any reflection, {then}."
IMPORT_CONFLICT = (
    "{where} gives the reflection {id} again with different content, {then}."
)
IMPORT_CONFLICT_HINT = "Keep the one you mean in the file and import it again."
TRENDS_NONE = "There are no scored reflections to chart yet."
# periods, export formats, editing and notes (reports)
DATES_REVERSED = "--since {since} comes after --until {until}; swap them to cover that period."
EXPORT_UNKNOWN_ENDING = (
    "peercheck cannot tell which format {name} should be; end the name in .csv, .jsonl, .json, "
    ".md or .html, or add --format."
)
EDIT_FILE_HEAD = (
    "Your reflection from {date} ({id}).\n"
    "Change what you like, then save and close the file. Its id and session date stay as\n"
    "they are; the values are weighed again from these answers.\n"
    "peercheck never needs the peer's name or anything that could identify them."
)
EDIT_UNCHANGED = "Nothing changed, so the reflection stays exactly as it was."
EDIT_SAVED = "Saved your changes to the reflection from {date}; it was weighed again."
EDIT_NOT_SAVED_HINT = (
    "Nothing was saved; the reflection stays as it was. Your edited text is kept in {path} "
    "(only you can read it)."
)
EDIT_AGAIN = "Open it again to fix that?"
EDITOR_NONE = "peercheck found no editor to open; set VISUAL or EDITOR to the one you use."
EDITOR_NONE_HINT = 'For example: export EDITOR=nano, then peercheck log edit ID again.'
EDITOR_UNREADABLE = "The {name} setting is not a command peercheck can read (check its quotes)."
EDITOR_FAILED = "The editor {editor} did not finish ({reason}), so nothing was changed."
NOTE_EMPTY = "The note is empty; please write a few words to add."
NOTE_TOO_LONG = "A note holds up to {limit} characters; a new reflection may suit a longer one."
NOTE_ADDED = "Added your note to the reflection from {date}."
NOTE_LOOKS_IDENTIFYING = (
    "That note looks like it might include {what}, which could identify someone; leaving "
    "details like that out protects the peer's privacy."
)
NOTE_ADD_ASK = "Add it as written?"
NOTE_NOT_ADDED = "Nothing was added."
EDIT_LOOKS_IDENTIFYING = (
    "A note on privacy: the answer to {line} might identify someone. It was kept as written; "
    "peercheck log edit can change it."
)
NOTES_HEAD = "Notes added later"
EDITED_ON = "Answers last edited on {date}."

# --- usage errors (usage.py): what an option takes, in plain words ---------------------------
USAGE_HINT = "{command} --help shows what it takes, with examples."
USAGE_DID_YOU_MEAN = "Did you mean {names}?"
USAGE_DID_YOU_MEAN_COMMAND = "Did you mean “{name}”?"
USAGE_NO_OPTION = "{command} has no option {option}."
USAGE_MISSING = "{command} needs {name}."
USAGE_NO_COMMAND = "peercheck has no command “{name}”."
USAGE_COMMANDS = "peercheck --help lists the commands, with an example of each."
USAGE_EXTRA = "{command} got more than it takes: {args}."
USAGE_RANGE = "{option} takes a number {range}, so {value} won't do."
USAGE_CHOICE = "{option} takes {choices}; “{value}” isn't one of them."
USAGE_NUMBER = "{option} takes a whole number, and “{value}” isn't one."
USAGE_BAD_VALUE = "{option}: {detail}."

# --- values commands: titles and plain notes -------------------------------------------------
PRINCIPLES_TITLE = "Peer Support Volunteer Principles of Practice"
PRINCIPLES_FOR = "{title} that put {concept} into practice"
PRINCIPLES_NONE = "None of the principles is linked to {concept} yet."
REPORT_WROTE = "Wrote the team report to {path}{private}."

# --- the log's safety: outputs, companion files, integrity (owner: store) -------------------
OUTPUT_PRIVATE = " (only you can read it)"
OUTPUT_IS_LOG = "{path} is part of your reflection log, so peercheck will not write over it."
OUTPUT_IS_LOG_HINT = "Name a file outside peercheck's folder; peercheck log path shows where it is."
COMPANION_NOT_YOURS = (
    "{path} belongs to another user (or is not a plain file), so peercheck will not write "
    "reflections into it."
)
COMPANION_NOT_YOURS_HINT = (
    "Keep your log in a folder only you can write to (set PEERCHECK_HOME), or ask whoever "
    "made that file to remove it."
)
COMPANION_READABLE = (
    "{path} can be read by other people, so peercheck will not write reflections into it."
)
COMPANION_READABLE_HINT = "If it is yours, make it private with: chmod 600 {path}"

# --- the team log on PostgreSQL (store/postgres, commands/team) ------------------------------
PG_NOT_A_URL = "PEERCHECK_DATABASE_URL and --database take a postgresql:// URL."
PG_NOT_A_URL_HINT = "For example: postgresql://alice@db.example.org/peercheck"
PG_PGPASS_HINT = (
    "Tip: a password in the URL can end up in your shell history; ~/.pgpass (owner-only) "
    "keeps it out of sight, and peercheck reads it as psql does."
)
PG_UNREACHABLE = "The PostgreSQL server at {where} is not answering."
PG_UNREACHABLE_HINT = "Check that it is running and reachable from here, then try again."
PG_BAD_PASSWORD = "The PostgreSQL server at {where} did not accept the password."
PG_BAD_PASSWORD_HINT = "Check the password in ~/.pgpass, PGPASSWORD or the URL, then try again."
PG_NO_ROLE = "The PostgreSQL server at {where} has no such login role."
PG_NO_DATABASE = "There is no database at {where}."
PG_NO_DATABASE_HINT = "Check the database name; an administrator creates it with createdb."
PG_REFUSED = "The PostgreSQL server at {where} refused the connection."
PG_REFUSED_HINT = "Its administrator can allow it (pg_hba.conf) or check the role's rights."
PG_NO_SCHEMA = "The database at {where} has no peercheck log yet."
PG_NO_SCHEMA_HINT = "Its owner sets it up with: peercheck team setup"
PG_SCHEMA_OLDER = "The peercheck log at {where} needs an upgrade for this peercheck."
PG_SCHEMA_NEWER = (
    "The peercheck log at {where} was set up by a newer peercheck (schema {n}); this one knows "
    "up to {known}."
)
PG_SCHEMA_NEWER_HINT = "Install peercheck {version} or later; nothing has been changed."
PG_SETUP_NEWER = (
    "This database holds a newer peercheck schema ({n}) than this peercheck knows ({known}); "
    "nothing was changed."
)
PG_NOT_A_MEMBER = "Your role at {where} is not a peercheck worker or supervisor."
PG_NOT_A_MEMBER_HINT = (
    "Ask the database owner to run: peercheck team add-worker ROLE (or add-supervisor ROLE)"
)
PG_LOST = "The connection to the PostgreSQL server at {where} was lost, so {what}."
PG_LOST_HINT = "Try again once the server is back; nothing half-saved was kept there."
PG_NOT_SAVED = "the reflection was not saved"
PG_NOT_READ = "the log could not be read"
PG_FAILED = "The PostgreSQL server at {where} refused that: {reason}"
PG_AMBIGUOUS_ID = (
    "More than one reflection starts with {id}; please type a few more characters."
)
PG_NEEDS_SERVER = "Sharing with supervision needs the team log on a PostgreSQL server."
PG_NEEDS_SERVER_HINT = (
    "Set PEERCHECK_DATABASE_URL (or --database URL) to your service's postgresql:// URL."
)
PG_NO_SUCH_ROLE = "There is no role called {role} on this server."
PG_NO_SUCH_ROLE_HINT = "Create it first, in psql: CREATE ROLE {role} LOGIN;"
PG_ADMIN_ONLY = "Your role may not set up peercheck or grant its roles at {where}."
PG_ADMIN_ONLY_HINT = (
    "Run it as the database's owner, with the right to create roles (CREATEROLE), "
    "or as a superuser."
)
PG_SETUP_ROLE = "Created the group role {role}."
PG_SETUP_SCHEMA = "Created the schema peercheck."
PG_SETUP_MIGRATED = "Applied migration {name}."
PG_SETUP_DONE = "The peercheck log at {where} is ready (schema {n})."
PG_SETUP_NOTHING = "Nothing to change: the peercheck log at {where} is up to date (schema {n})."
PG_GRANTED = "{role} is now a member of {group}."
PG_ALREADY = "{role} was already a member of {group}; nothing changed."
PG_LABEL_EMPTY = "Please give a label, for example: peercheck team label \"Worker A\""
PG_LABEL_SET = "Supervisors will see your shared reflections as \"{label}\"."
PG_NEEDS_LABEL = "Choose the label supervisors will see before sharing."
PG_NEEDS_LABEL_HINT = 'For example: peercheck team label "Worker A"'
PG_SHARED = "Shared {n} reflection{s} with supervision (scores and flags only, never your words)."
PG_UNSHARED = "Supervision no longer sees {n} reflection{s}."
PG_STATUS_WORKER = (
    "You have {n} reflection{s} in the team log; {shared} shared with supervision{as_label}."
)
PG_STATUS_NO_LABEL = "You have not chosen a team label yet (peercheck team label \"Worker A\")."
PG_STATUS_SUPERVISOR = "You can read {n} shared reflection{s} from {labels} worker label{ls}."
PG_STATUS_NEITHER = "Your role is neither a peercheck worker nor a supervisor here."
PG_PUSHED = "Copied {added} reflection{s} to the team log; {skipped} {were} there already."
PG_PUSH_NO_LOCAL = "There is no local reflection log on this computer to copy."
