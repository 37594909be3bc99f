"""Turning text into safe paragraph markup.

User text is escaped first (so ``<b>``, ``&`` or ``<a href=...>`` print literally and never
become markup or a link), then newlines become ``<br/>``, then characters the main font lacks
are wrapped in fallback-font runs. Template text is trusted markup: only its placeholders are
replaced, each with an escaped value.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from rejuv_desktop.documents.fonts import clean_text, with_font_runs
from rejuv_desktop.documents.labels import PLACEHOLDER_RE
from rejuv_desktop.errors import ContentError


def user_markup(value: str) -> str:
    """Paragraph markup that prints ``value`` exactly as typed, newlines kept."""
    return with_font_runs(escape(clean_text(value)).replace("\n", "<br/>"))


def plain(markup: str) -> str:
    """The visible text of trusted markup (for PDF metadata): tags dropped, entities decoded."""
    text = re.sub(r"<[^>]*>", "", markup)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")


class Filler:
    """Fills template text with the values of one document.

    ``values`` maps a placeholder name to its plain (unescaped) value; ``dates`` maps
    ``"date:key"`` / ``"weekday_date:key"`` to a formatted date.
    """

    def __init__(self, values: dict[str, str], dates: dict[str, str], template_path=None):
        self._markup = {name: user_markup(v) for name, v in {**values, **dates}.items()}
        self._path = template_path

    def value(self, name: str) -> str:
        """The escaped markup of one placeholder."""
        return self._markup[name]

    def __call__(self, text: str) -> str:
        """Template text with every placeholder replaced by its escaped value."""
        pieces: list[str] = []
        pos = 0
        source = text.replace("{{", "\x00").replace("}}", "\x01")
        for m in PLACEHOLDER_RE.finditer(source):
            pieces.append(with_font_runs(_literal_braces(source[pos:m.start()])))
            name = m.group(1) if m.group(2) is None else f"{m.group(1)}:{m.group(2)}"
            if name not in self._markup:
                # load_template checks placeholders; this only guards templates built in code.
                raise ContentError(self._path or "template", None, f"no value for placeholder {{{name}}}")
            pieces.append(self._markup[name])
            pos = m.end()
        pieces.append(with_font_runs(_literal_braces(source[pos:])))
        return "".join(pieces)


def _literal_braces(text: str) -> str:
    return text.replace("\x00", "{").replace("\x01", "}")
