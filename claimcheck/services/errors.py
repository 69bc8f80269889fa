"""What a service refuses, for the shells to show as one line and an exit code."""

from __future__ import annotations


class BadInput(Exception):
    """Something the user gave cannot be used (a file, an option, a scheduler): the message
    names it and says what is wrong, in one line."""
