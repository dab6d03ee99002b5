"""peercheck: a private reflection and self-check tool for peer support workers."""

__version__ = "0.1.0"
