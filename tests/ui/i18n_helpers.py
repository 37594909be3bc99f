"""Reading the translation catalogues, and the words a screen shows, for the language tests."""

from __future__ import annotations

import html
import re
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QAbstractListModel
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QComboBox, QGroupBox, QHeaderView, QLabel,
                               QLineEdit, QTabWidget, QWidget, QWizard)

from rejuv_desktop.ui import i18n

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "rejuv_desktop" / "ui"
PLACEHOLDER = re.compile(r"\{[a-z_]*(?::[^}]*)?\}|%n|%p")


@dataclass(frozen=True)
class Entry:
    context: str
    source: str
    numerus: bool
    translations: tuple[str, ...]
    unfinished: bool


def read_catalogue(path: Path) -> list[Entry]:
    out = []
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for m in context.iter("message"):
            t = m.find("translation")
            forms = tuple(f.text or "" for f in t.findall("numerusform")) if len(t) else (
                t.text or "",)
            out.append(Entry(name, m.findtext("source") or "", m.get("numerus") == "yes", forms,
                             t.get("type") in ("unfinished", "vanished", "obsolete")))
    return out


def extract(ts: Path) -> list[Entry]:
    """Every string the interface's code gives ``tr()``, as ``pyside6-lupdate`` sees it."""
    files = sorted(str(p) for p in UI.rglob("*.py"))
    lupdate = Path(i18n.lrelease()).with_name(Path(i18n.lrelease()).name.replace("lrelease",
                                                                                "lupdate"))
    subprocess.run([str(lupdate), "-silent", "-locations", "none", *files, "-ts", str(ts)],
                   check=True)
    return read_catalogue(ts)


def plain(text: str) -> str:
    """What a person reads of a label's text: no markup, no accelerator ampersand."""
    text = re.sub(r"<[^>]+>", " ", text)
    text = html.unescape(text).replace("&&", "\0").replace("&", "").replace("\0", "&")
    return re.sub(r"\s+", " ", text).strip()


def source_pattern(source: str) -> re.Pattern:
    """A source string as a pattern its formatted texts match (``{name}`` and ``%n`` any)."""
    parts = PLACEHOLDER.split(plain(source))
    return re.compile(".+?".join(re.escape(p) for p in parts), re.S)


class EnglishWords:
    """The interface's English sentences whose French differs: one of them on a French screen
    is a word the translation missed."""

    def __init__(self, catalogue: Path):
        self.patterns = []
        entries = read_catalogue(catalogue)
        # A French word that is also an English source elsewhere ("Issue", "Date") is French.
        self.french = {plain(t) for e in entries for t in e.translations}
        for e in entries:
            if plain(e.source) == plain(e.translations[-1]) or len(plain(e.source)) < 2:
                continue  # the same word in French ("Documents", "Version", "Logo")
            if not re.search(r"[A-Za-z]{2}", PLACEHOLDER.sub("", e.source)):
                continue  # only placeholders and punctuation
            self.patterns.append((e.source, source_pattern(e.source)))

    def found_in(self, text: str) -> list[str]:
        shown = plain(text)
        if shown in self.french:
            return []
        return [s for s, p in self.patterns if p.fullmatch(shown)]


def shown_texts(top: QWidget) -> list[tuple[str, str]]:
    """(where, text) of every text shown by a visible widget inside ``top``."""
    out = [("window title", top.windowTitle())]
    for w in [top, *top.findChildren(QWidget)]:
        if w is not top and not w.isVisibleTo(top):
            continue
        name = f"{type(w).__name__}:{w.objectName()}"
        if isinstance(w, QLabel):
            out.append((name, w.text()))
        elif isinstance(w, QAbstractButton):
            out.append((name, w.text()))
            out.append((name + " tooltip", w.toolTip()))
        elif isinstance(w, QGroupBox):
            out.append((name, w.title()))
        elif isinstance(w, QLineEdit):
            out.append((name + " placeholder", w.placeholderText()))
        elif isinstance(w, QComboBox):
            out += [(name, w.itemText(i)) for i in range(w.count())]
        elif isinstance(w, QTabWidget):
            out += [(name, w.tabText(i)) for i in range(w.count())]
        elif isinstance(w, QHeaderView) and w.model() is not None:
            orientation = w.orientation()
            out += [(name, str(w.model().headerData(i, orientation) or ""))
                    for i in range(w.count())]
        elif isinstance(w, QAbstractItemView) and w.model() is not None:
            model = w.model()  # the rows of lists, tables and trees (their first level)
            columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount()
            out += [(name, str(model.index(r, c).data() or ""))
                    for r in range(min(model.rowCount(), 50))
                    for c in range(columns)]
        if isinstance(w, QWizard):
            page = w.currentPage()
            if page is not None:
                out += [("page title", page.title()), ("page subtitle", page.subTitle())]
            out += [(f"wizard button {b}", w.button(b).text())
                    for b in (QWizard.WizardButton.NextButton, QWizard.WizardButton.BackButton,
                              QWizard.WizardButton.CancelButton,
                              QWizard.WizardButton.FinishButton)
                    if w.button(b).isVisible()]
    return [(where, text) for where, text in out if text and text.strip()]


def english_on_screen(top: QWidget, words: EnglishWords, content: set[str] = frozenset()
                      ) -> list[str]:
    """Each shown text that is an English interface sentence (content texts excepted)."""
    found = []
    for where, text in shown_texts(top):
        if plain(text) in content:
            continue
        for source in words.found_in(text):
            found.append(f"{where}: {plain(text)!r} (source {source!r})")
    return found


# A pseudo-language: each text about 35 % longer, its letters accented and bracketed, so a
# screen shows at once where a label is cut and which text never went through a translation.
_ACCENTS = str.maketrans("aceinosuyACEINOSUYlLgGdD", "áçéîñöšüýÁÇÉÎÑÖŠÜÝłŁğĞđĐ")
_KEEP = re.compile(r"\{[^}]*\}|%n|%p|<[^>]+>|&[a-z]+;|&(?=\w)|\*\.\w+|\n|;;|\([^()]*\*\.[^()]*\)")


def pseudo(text: str) -> str:
    parts, kept, at = [], 0, 0
    for m in _KEEP.finditer(text):
        parts.append(text[at:m.start()].translate(_ACCENTS))
        parts.append(m.group())
        kept += len(m.group())
        at = m.end()
    parts.append(text[at:].translate(_ACCENTS))
    visible = len(text) - kept
    pad = "ẍ" * max(1, round(visible * 0.35))
    return "⟦" + "".join(parts) + " " + pad + "⟧"


def write_pseudo_catalogue(french_ts: Path, out_ts: Path) -> Path:
    """A catalogue of every interface word in the pseudo-language, compiled to ``.qm``."""
    tree = ET.parse(french_ts)
    for m in tree.getroot().iter("message"):
        source = m.findtext("source") or ""
        t = m.find("translation")
        for child in list(t):
            t.remove(child)
        t.attrib.pop("type", None)
        if m.get("numerus") == "yes":
            t.text = None
            for _ in range(2):
                ET.SubElement(t, "numerusform").text = pseudo(source)
        else:
            t.text = pseudo(source)
    tree.write(out_ts, encoding="utf-8", xml_declaration=True)
    return i18n.compile_catalogue(out_ts, out_ts.with_suffix(".qm"))


def clipped(top: QWidget) -> list[str]:
    """Each visible label, button or box title in ``top`` too narrow or too low for its text."""
    from PySide6.QtWidgets import QCheckBox, QPushButton, QRadioButton

    from PySide6.QtWidgets import QScrollArea

    out = []
    for w in top.findChildren(QWidget):
        if not w.isVisibleTo(top) or w.width() <= 0:
            continue
        name = f"{type(w).__name__}:{w.objectName()}"
        if isinstance(w, QScrollArea) and w.widgetResizable() \
                and w.horizontalScrollBar().isVisibleTo(top):
            out.append(f"{name}: its content is wider than the window (scrolls sideways)")
        if isinstance(w, QLabel) and plain(w.text()):
            if "…" in w.text():
                continue  # shortened on purpose, whole in its tooltip
            if w.wordWrap():
                need = w.heightForWidth(w.width())
                if need > w.height() + 2:
                    out.append(f"{name} {plain(w.text())[:60]!r}: needs {need}px high, has "
                               f"{w.height()}")
            elif w.minimumSizeHint().width() > w.width() + 2:
                out.append(f"{name} {plain(w.text())[:60]!r}: needs "
                           f"{w.minimumSizeHint().width()}px wide, has {w.width()}")
        elif isinstance(w, (QPushButton, QCheckBox, QRadioButton)) and w.text():
            if w.sizeHint().width() > w.width() + 2:
                out.append(f"{name} {plain(w.text())[:60]!r}: needs {w.sizeHint().width()}px "
                           f"wide, has {w.width()}")
    return out


def content_on_screen(top: QWidget, english: set[str]) -> list[str]:
    """Each shown text that is one of the content's English texts (a question, a step, a
    visit, a view shown in English on a screen in another language)."""
    found = []
    for where, text in shown_texts(top):
        shown = plain(text)
        for candidate in {shown, re.sub(r"^\d+ - ", "", shown), shown.split(" — ")[0]}:
            if candidate in english:
                found.append(f"{where}: {shown!r} (content in English)")
                break
    return found


# Short English words no French sentence has: one of them in a shown text is English made
# outside the catalogue and the content (a message the domain or a service words itself).
ENGLISH_WORDS = frozenset("the is are and not with for of to this that has was been cannot "
                          "must before after any none yet".split())


def english_words_on_screen(top: QWidget, data: set[str] = frozenset()) -> list[str]:
    """Each shown text holding an English word (the patient's own data excepted)."""
    found = []
    for where, text in shown_texts(top):
        shown = plain(text)
        if shown in data:
            continue
        # A file's path (where the records are) is the machine's, not the interface's words.
        shown = re.sub(r"(?:[A-Za-z]:)?[\\/]\S*", " ", shown)
        words = set(re.findall(r"[^\W\d_]+", shown.lower()))
        if words & ENGLISH_WORDS:
            found.append(f"{where}: {shown[:90]!r} (English words: "
                         f"{sorted(words & ENGLISH_WORDS)})")
    return found
