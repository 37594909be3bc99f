"""Embedded fonts, glyph coverage and font runs.

ReportLab's standard fonts print anything outside Latin-1 as black squares, and a TrueType font
prints a character it lacks as an empty glyph. So every document is written in DejaVu Sans
(Latin, Greek, Cyrillic) and each run of characters DejaVu lacks is wrapped in a ``<font>`` tag
naming a fallback font (Droid Sans Fallback for Chinese, Japanese and Korean). A character no
font has is refused before a PDF is built, with a message naming it.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from rejuv_desktop.content import resource_path
from rejuv_desktop.errors import UserError

MAIN = "RejuvSans"
MAIN_BOLD = "RejuvSans-Bold"
MAIN_ITALIC = "RejuvSans-Oblique"
MAIN_BOLD_ITALIC = "RejuvSans-BoldOblique"

# Fallback fonts, tried in order for a character the main family lacks.
_FALLBACK_FILES = (("RejuvCJK", "DroidSansFallback.ttf"),)

_MAIN_FILES = (
    (MAIN, "DejaVuSans.ttf"),
    (MAIN_BOLD, "DejaVuSans-Bold.ttf"),
    (MAIN_ITALIC, "DejaVuSans-Oblique.ttf"),
    (MAIN_BOLD_ITALIC, "DejaVuSans-BoldOblique.ttf"),
)

_lock = threading.Lock()


@dataclass(frozen=True)
class FontSet:
    """The registered fonts and the characters each one can print."""

    main: str
    main_chars: frozenset[int]
    fallbacks: tuple[tuple[str, frozenset[int]], ...]

    def font_for(self, char: str) -> str | None:
        """Name of the first font that has a glyph for ``char``, or None."""
        code = ord(char)
        if code in self.main_chars:
            return self.main
        for name, chars in self.fallbacks:
            if code in chars:
                return name
        return None


def _register(name: str, filename: str) -> frozenset[int]:
    path = resource_path("fonts", filename)
    if not path.is_file():
        raise UserError(f"The font file {filename} is missing from this installation.")
    try:
        font = pdfmetrics.getFont(name)
    except KeyError:
        font = TTFont(name, str(path))
        pdfmetrics.registerFont(font)
    return frozenset(font.face.charToGlyph)


@lru_cache(maxsize=1)
def _load() -> FontSet:
    main_sets = [_register(name, filename) for name, filename in _MAIN_FILES]
    pdfmetrics.registerFontFamily(
        MAIN, normal=MAIN, bold=MAIN_BOLD, italic=MAIN_ITALIC, boldItalic=MAIN_BOLD_ITALIC
    )
    fallbacks = []
    for name, filename in _FALLBACK_FILES:
        chars = _register(name, filename)
        # The fallback has one face: bold or italic text in it stays upright and regular
        # rather than failing.
        pdfmetrics.registerFontFamily(name, normal=name, bold=name, italic=name, boldItalic=name)
        fallbacks.append((name, chars))
    # Regular text decides what the main family covers; the few glyphs missing from the
    # bold or oblique faces only matter in template headings, which are checked at load.
    return FontSet(main=MAIN, main_chars=main_sets[0], fallbacks=tuple(fallbacks))


def fonts() -> FontSet:
    """Register the embedded fonts once per process and return their coverage."""
    with _lock:
        return _load()


# Characters that never reach the PDF: C0/C1 controls other than newline (tab becomes a space).
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean_text(value: str) -> str:
    """Normalise line ends and drop control characters a person cannot have meant to print."""
    value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return _CONTROL_RE.sub("", value)


def _describe(char: str) -> str:
    name = unicodedata.name(char, "unnamed character")
    return f"'{char}' (U+{ord(char):04X} {name})"


def uncovered(text: str) -> list[str]:
    """The distinct characters of ``text`` that no embedded font can print, in order.

    Control characters are not counted: ``clean_text`` removes them before printing.
    """
    fs = fonts()
    seen: dict[str, None] = {}
    for char in clean_text(text):
        if char == "\n" or char in seen:
            continue
        if fs.font_for(char) is None and not _is_droppable(char):
            seen[char] = None
    return list(seen)


def _is_droppable(char: str) -> bool:
    # Invisible format characters (zero-width joiners, direction marks) and exotic spaces print
    # as nothing or as a plain space: losing them changes nothing a reader sees.
    return unicodedata.category(char) in ("Cf", "Zs", "Zl", "Zp")


def check_printable(text: str, field: str) -> None:
    """Raise a UserError naming ``field`` if ``text`` holds a character no font can print."""
    missing = uncovered(text)
    if missing:
        shown = ", ".join(_describe(c) for c in missing[:5])
        more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
        raise UserError(
            f"{field} contains characters that cannot be printed with the document fonts: "
            f"{shown}{more}. Please replace them and try again."
        )


# Tags and entities pass through untouched; only the text between them is split into runs.
_TOKEN_RE = re.compile(r"(<[^>]*>|&#?\w+;)")


def _split_runs(text: str, fs: FontSet) -> str:
    out: list[str] = []
    run_font = fs.main
    run: list[str] = []

    def flush() -> None:
        if not run:
            return
        chunk = "".join(run)
        out.append(chunk if run_font == fs.main else f'<font name="{run_font}">{chunk}</font>')
        run.clear()

    for char in text:
        if char == "\n":
            # In markup a line end is only white space; user text has its newlines as <br/>.
            char = " "
        font = fs.font_for(char)
        if font is None:
            if _is_droppable(char):
                if unicodedata.category(char) != "Cf":
                    char, font = " ", fs.main
                else:
                    continue
            else:
                # Reaching here means a caller skipped check_printable; keep the gap visible.
                char, font = "?", fs.main
        if font != run_font:
            flush()
            run_font = font
        run.append(char)
    flush()
    return "".join(out)


def with_font_runs(markup: str) -> str:
    """Wrap runs of characters the main font lacks in ``<font name=...>`` tags.

    ``markup`` is trusted paragraph markup (template text, or user text already escaped):
    tags and entities are kept as they are.
    """
    fs = fonts()
    parts = _TOKEN_RE.split(markup)
    for i in range(0, len(parts), 2):
        if parts[i]:
            parts[i] = _split_runs(parts[i], fs)
    return "".join(parts)
