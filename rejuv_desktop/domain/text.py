"""Free text typed by a person: characters that hide or reorder what is shown, and titles
typed into names.

Names and one-line fields refuse control characters, bidirectional overrides and invisible
characters: they can make a name read differently from what is stored (``"Anna"`` that does
not match a search for Anna, a name that prints backwards, a terminal escape sequence).
"""

from __future__ import annotations

import unicodedata

# Bidirectional controls: embeddings, overrides, isolates, marks.
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                          "\u2066\u2067\u2068\u2069")
# Characters that take no room on screen.
INVISIBLE = frozenset("\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180e\u200b\u2060\u2061\u2062"
                      "\u2063\u2064\u3164\ufeff\uffa0")
# Joiners: needed inside words of some scripts (Persian, Indic), never between Latin letters.
_JOINERS = frozenset("\u200c\u200d")
TITLES = ("dr", "doctor", "prof", "professor", "mr", "mrs", "ms", "miss", "mx", "sir", "dame",
          "nurse", "sister", "pr", "docteur", "mme", "mlle", "m")


# Overrides, embeddings and isolates reorder what follows them (the "Trojan Source" trick);
# the plain marks (U+200E/F, U+061C) only nudge punctuation and are common in pasted
# Arabic or Hebrew text, so free text keeps them.
BIDI_OVERRIDES = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
NOTE_LIMIT = 5_000  # a free-text answer in a form (a note, a justification, a lot number)


def text_problem(value: str, *, multiline: bool = False, strict: bool = True) -> str | None:
    """Why a typed text cannot be kept as it is, or None. ``strict`` (names, one-line fields)
    also refuses invisible characters and direction marks; free text (notes) refuses only
    what hides or reorders text and control characters."""
    if not strict:
        for ch in value:
            if ch in BIDI_OVERRIDES:
                return ("Contains an invisible direction override (U+%04X) that changes how the "
                        "text reads: type it again without it" % ord(ch))
            if unicodedata.category(ch) == "Cc" and ch not in "\n\t\r":
                return "Must not contain control characters (U+%04X)" % ord(ch)
        return None
    for i, ch in enumerate(value):
        if ch in BIDI_CONTROLS:
            return ("Contains an invisible direction control (U+%04X) that changes how the "
                    "text reads: type it again without it" % ord(ch))
        if ch in INVISIBLE:
            return ("Contains an invisible character (U+%04X): type it again without it"
                    % ord(ch))
        if ch in _JOINERS and not _joins_letters(value, i):
            return ("Contains an invisible joiner (U+%04X) outside a word: type it again "
                    "without it" % ord(ch))
        category = unicodedata.category(ch)
        if category == "Cc" and not (multiline and ch in "\n\t\r"):
            return ("Must not contain line breaks or control characters" if not multiline
                    else "Must not contain control characters (U+%04X)" % ord(ch))
        if category in ("Zl", "Zp") and not multiline:
            return "Must not contain line breaks"
        if category in ("Co", "Cs", "Cn"):
            return "Contains a character that is not text (U+%04X)" % ord(ch)
    return None


def _joins_letters(value: str, i: int) -> bool:
    """A joiner between two letters of a script that uses joiners (beyond Latin, Greek and
    Cyrillic)."""
    before = value[i - 1] if i > 0 else ""
    after = value[i + 1] if i + 1 < len(value) else ""
    return all(c and c.isalpha() and ord(c) > 0x052F for c in (before, after))


def length_problem(value: str, limit: int) -> str | None:
    if len(value) > limit:
        return f"Too long: at most {limit:,} characters (this has {len(value):,})"
    return None


def leading_title(name: str) -> str | None:
    """The title a name starts with ("Dr Amélie Rousseau" -> "Dr"), when more words follow."""
    words = name.split()
    if len(words) < 2:
        return None
    first = words[0]
    if first.rstrip(".").casefold() in TITLES and first.rstrip(".").casefold() != "m" or (
            first == "M."):
        return first
    return None


def title_in_name_problem(name: str, title: str = "", *, title_field: bool = True) -> str | None:
    """A message when a title was typed into a name, or None."""
    found = leading_title(name)
    if not found:
        return None
    if title:
        return (f'Leave the title "{found}" out of the name: "{title}" from Title is printed '
                "before it already")
    if not title_field:
        return f'Leave the title "{found}" out of the name'
    return f'Leave the title "{found}" out of the name (put it in Title)'

