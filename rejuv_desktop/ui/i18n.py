"""The interface's language: Qt translators, the language setting, and dates and numbers as the
language writes them.

The catalogues are Qt Linguist files kept beside the content (``resources/i18n/rejuv_<lang>.ts``,
extracted with ``pyside6-lupdate``); the compiled ``.qm`` is made when the app is installed and,
when it is missing or older than its ``.ts`` (a fresh checkout, an edited catalogue), at start.
Qt's own catalogue (``qtbase_<lang>``, shipped inside PySide6) translates the standard dialogs.
The language is a preference of the workstation's user (``QSettings``), read before any window
opens, so the sign-in dialog speaks it too; it defaults to the system's language.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import (QCoreApplication, QDate, QLibraryInfo, QLocale, QSettings,
                            QTime, QTranslator)

from rejuv_desktop.content import packaged_path

log = logging.getLogger(__name__)

SETTING = "ui_language"
DEFAULT = "en"
# The languages offered, each named in its own language, and the locale its dates follow.
LANGUAGES = {"en": "English", "fr": "Français"}
LOCALES = {"en": "en_GB", "fr": "fr_FR"}

_locale = QLocale(LOCALES[DEFAULT])
_installed: list[QTranslator] = []


class Context:
    """A translation context for words made outside a widget class (free functions, tables):
    ``class Backup(Context): pass`` then ``Backup.tr("...")``, which ``pyside6-lupdate`` files
    under ``Backup`` as it does ``self.tr`` under the class."""

    @classmethod
    def tr(cls, text: str, disambiguation: str | None = None, n: int = -1) -> str:
        return QCoreApplication.translate(cls.__name__, text, disambiguation, n)


def system_language() -> str:
    """The system's language when the app offers it, else English."""
    code = QLocale.system().name().split("_")[0]
    return code if code in LANGUAGES else DEFAULT


def ui_language(settings: QSettings | None = None) -> str:
    """The language this workstation's user chose for the interface (the system's by default)."""
    value = (settings or QSettings()).value(SETTING, "")
    return value if value in LANGUAGES else system_language()


def set_ui_language(code: str, settings: QSettings | None = None) -> None:
    if code not in LANGUAGES:
        raise ValueError(f"unknown interface language: {code}")
    (settings or QSettings()).setValue(SETTING, code)


def catalogue(lang: str) -> Path:
    """The Linguist source of ``lang``'s translation (``.ts``)."""
    return packaged_path("i18n", f"rejuv_{lang}.ts")


def lrelease() -> str | None:
    """The ``pyside6-lrelease`` beside this Python, or on the PATH."""
    here = Path(sys.executable).parent
    for candidate in (here / "pyside6-lrelease", here / "pyside6-lrelease.exe"):
        if candidate.exists():
            return str(candidate)
    return shutil.which("pyside6-lrelease")


def compile_catalogue(ts: Path, qm: Path | None = None) -> Path:
    """Compile ``ts`` into ``qm`` (beside it by default) with ``pyside6-lrelease``."""
    qm = qm or ts.with_suffix(".qm")
    tool = lrelease()
    if tool is None:
        raise FileNotFoundError("pyside6-lrelease is not installed")
    subprocess.run([tool, "-silent", str(ts), "-qm", str(qm)], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return qm


# A checkout writes the .qm and the .ts a moment apart, in either order: only a .ts edited
# this much later than its .qm is taken as newer.
EDITED_AFTER_S = 120


def _fresh(qm: Path, ts: Path) -> bool:
    return qm.exists() and (not ts.exists()
                            or qm.stat().st_mtime + EDITED_AFTER_S >= ts.stat().st_mtime)


def compiled_catalogue(lang: str) -> Path | None:
    """The ``.qm`` of ``lang``: the one shipped beside its ``.ts`` (compiled at install and
    build, and kept in the repository), or, when that one is missing or older than the ``.ts``
    (a catalogue edited in place), one compiled into the user's cache folder. None when there is
    none and none can be made: the interface then stays in English."""
    ts = catalogue(lang)
    shipped = ts.with_suffix(".qm")
    if _fresh(shipped, ts):
        return shipped
    import platformdirs

    from rejuv_desktop import APP_ID

    cached = platformdirs.user_cache_path(APP_ID, "RejuvDesktop") / "i18n" / shipped.name
    if not _fresh(cached, ts):
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            compile_catalogue(ts, cached)
        except (OSError, subprocess.CalledProcessError) as exc:
            log.warning("the %s catalogue could not be compiled: %s", lang, type(exc).__name__)
    for qm in (cached, shipped):
        if qm.exists():
            return qm
    return None


def install(lang: str, app: QCoreApplication | None = None) -> bool:
    """Make ``lang`` the interface's language: its catalogue, Qt's own, and its locale for dates
    and numbers. English needs no catalogue. Returns whether every catalogue was loaded."""
    global _locale
    app = app or QCoreApplication.instance()
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    lang = lang if lang in LANGUAGES else DEFAULT
    _locale = QLocale(LOCALES[lang])
    QLocale.setDefault(_locale)
    phrases = sys.modules.get("rejuv_desktop.ui.phrases")
    if phrases is not None:  # (not loaded at start: nothing cached to forget)
        phrases.phrasebook.cache_clear()
    if lang == DEFAULT:
        return True
    loaded = True
    qt = QTranslator(app)
    if qt.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    else:
        loaded = False
    mine = QTranslator(app)
    qm = compiled_catalogue(lang)
    if qm is not None and mine.load(str(qm)):
        app.installTranslator(mine)
        _installed.append(mine)
    else:
        loaded = False
        log.warning("no interface catalogue for %s", lang)
    return loaded


def current_language() -> str:
    """The language the interface is in now (``en`` until another is installed)."""
    return next((code for code, name in LOCALES.items() if QLocale(name) == _locale), DEFAULT)


def locale() -> QLocale:
    """The interface's locale (dates and numbers)."""
    return _locale


def _qdate(value: str | date) -> QDate:
    day = date.fromisoformat(value[:10]) if isinstance(value, str) else value
    if isinstance(day, datetime):
        day = day.date()
    return QDate(day.year, day.month, day.day)


def fmt_date(value: str | date | None) -> str:
    """A day as the interface's language writes it in short: ``04/12/2026``."""
    if not value:
        return ""
    return _locale.toString(_qdate(value), QLocale.FormatType.ShortFormat)


def fmt_long_date(value: str | date | None) -> str:
    """A day in words: ``4 December 2026``, ``4 décembre 2026``."""
    if not value:
        return ""
    return _locale.toString(_qdate(value), "d MMMM yyyy")


def fmt_day_month(value: date) -> str:
    """Day and month only (the year is written elsewhere): ``04/12``."""
    return _locale.toString(_qdate(value), "dd/MM")


def fmt_time(value: datetime, seconds: bool = False) -> str:
    return _locale.toString(QTime(value.hour, value.minute, value.second),
                            "HH:mm:ss" if seconds else "HH:mm")


def fmt_datetime(value: str | datetime | None, seconds: bool = False) -> str:
    """A moment: ``04/12/2026 14:05``."""
    if not value:
        return ""
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    return f"{fmt_date(moment.date())} {fmt_time(moment, seconds)}"


def fmt_number(value: float, decimals: int = 1) -> str:
    """A measure as the language writes it: ``1.5`` / ``1,5``."""
    return _locale.toString(float(value), "f", decimals)


def date_format() -> str:
    """The typed-date format of date fields (``dd/MM/yyyy`` in both languages offered)."""
    return _locale.dateFormat(QLocale.FormatType.ShortFormat)



class Menus(Context):
    """The words features add to the main window's menus."""
