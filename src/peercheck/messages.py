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
