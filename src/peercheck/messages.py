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

# --- values library (frameworks, values, concepts, principles) -----------------------------

# --- prompts and reflection ----------------------------------------------------------------

# --- language cues -------------------------------------------------------------------------

# --- reflection log, exports, reports ------------------------------------------------------
LOG_EMPTY = "Your reflection log is empty so far."
LOG_EMPTY_HINT = "After a session, peercheck reflect starts it; peercheck import adds an export."
LOG_NONE_MATCHED = "No reflections match that yet; a wider --since or another --value may help."
LOG_NO_SUCH_ID = "No reflection in your log has an id starting with {id}."
LOG_NO_SUCH_ID_HINT = "peercheck log lists recent reflections with their ids."
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
