"""Document templates as data: ``resources/documents/<lang>/<kind>[_<procedure>].toml``.

A template is a title and a list of blocks (headings, paragraphs, bullet lists, risk tables,
tick boxes, signature blocks, and blocks filled from the record such as the planned sessions).
Template text is trusted paragraph markup with named placeholders (``{patient_name}``,
``{date:no_sun_until}``); the values put into the placeholders are escaped. Everything is
checked at load, and a mistake names the file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from rejuv_desktop.content import ContentFile, load_toml, resource_path
from rejuv_desktop.documents import fonts as _fonts
from rejuv_desktop.documents.labels import placeholders
from rejuv_desktop.domain.procedures import is_procedure
from rejuv_desktop.errors import ContentError

KINDS = ("consent", "aftercare", "summary", "outcome_summary", "devis")

_COMMON = frozenset(
    {
        "document_id", "issued_on",
        "clinic_name", "clinic_address", "clinic_phone",
        "patient_name", "patient_dob",
        "practitioner_name", "practitioner_title", "practitioner_registration",
    }
)
# Placeholder names each kind of document can fill, besides {date:key} and {weekday_date:key}.
PLACEHOLDERS: dict[str, frozenset[str]] = {
    "consent": _COMMON | {"planned_session_count", "volume_per_hand"},
    "aftercare": _COMMON | {"session_date", "out_of_hours_phone", "emergency_number"},
    "summary": _COMMON | {"consulted_on"},
    "outcome_summary": _COMMON,
    "devis": _COMMON | {"operator", "total", "reflection_days",
                        "article_title", "article_text", "article_note"},
}
DATE_FUNCTIONS = ("date", "weekday_date")
# Dates a template may count from, per kind.
DATE_BASES: dict[str, tuple[str, ...]] = {
    "consent": ("issued_on",),
    "aftercare": ("session_date", "issued_on"),
    "summary": ("issued_on",),
    "outcome_summary": ("issued_on",),
    "devis": ("issued_on",),
}
# Record fields a data block may print, per kind and block type.
SOURCES: dict[str, dict[str, dict[str, int]]] = {
    "list": {
        "consent": {"planned_sessions": 1, "plan_warnings": 1},
        "summary": {"concerns": 1, "skin_notes": 1, "recommendation": 1, "plan": 1,
                    "plan_warnings": 1, "next_steps": 1},
        "aftercare": {"visits": 1, "sedation": 1},
        "outcome_summary": {"assessments": 1},
        "devis": {"planned_sessions": 1},
    },
    "table": {"consent": {"caution_findings": 3}, "summary": {"screening_points": 3},
              "outcome_summary": {"grades": 4, "complications": 3}, "devis": {"lines": 4}},
    "text": {"summary": {"goals": 1, "notes": 1}},
    "checkboxes": {"consent": {"photo_consent": 1}},
}

# What a list block may be left out for (``omit_if``): "nothing_planned" when the consultation
# planned no procedure (a sentence about planned sessions would then mean nothing).
LIST_CONDITIONS = frozenset({"nothing_planned"})

BLOCK_KEYS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    # type: (required keys, optional keys)
    "heading": (frozenset({"text"}), frozenset({"level", "keep"})),
    "paragraph": (frozenset({"text"}), frozenset({"style"})),
    "bullets": (frozenset({"items"}), frozenset({"style"})),
    "callout": (frozenset({"text"}), frozenset({"size"})),
    "details": (frozenset({"rows"}), frozenset()),
    "risk_table": (frozenset({"columns", "rows"}), frozenset({"note"})),
    "checkboxes": (frozenset({"items"}), frozenset({"source"})),
    "signature": (frozenset({"parties"}), frozenset()),
    "list": (frozenset({"source", "empty"}), frozenset({"omit_if"})),
    "table": (frozenset({"source", "columns", "empty"}), frozenset({"widths"})),
    "text": (frozenset({"source", "empty"}), frozenset()),
    "merz": (frozenset({"columns", "hands", "grades", "not_graded"}), frozenset()),
    "verdicts": (frozenset({"columns", "levels", "empty"}), frozenset()),
    "planned": (frozenset({"rows", "blank"}), frozenset()),
    "options": (frozenset({"items"}), frozenset({"style"})),
    "grade_chart": (frozenset({"hands", "baseline", "empty"}), frozenset()),
    "photos": (frozenset({"columns", "empty", "illustration"}), frozenset()),
}
# What a "planned" block of a consent can show ("values" name each code): the hands, the donor
# site and the anaesthesia of a graft, the product and what it contains.
PLANNED_KEYS = ("hands", "donor_site", "anaesthesia", "product", "actives")
PLANNED_CODED = frozenset({"hands", "donor_site", "anaesthesia", "actives"})
PARAGRAPH_STYLES = ("body", "lead", "small")
CALLOUT_SIZES = ("normal", "medium", "large")
SIGNATURE_PARTIES = ("patient", "practitioner", "witness")
VERDICT_LEVELS = ("eligible", "caution", "defer", "contraindicated")


@dataclass(frozen=True)
class Block:
    """One block of a template: its type, its keys as written, and its line in the file."""

    type: str
    data: dict[str, Any]
    line: int | None


@dataclass(frozen=True)
class DateRule:
    """A date printed in the document: ``days`` (first, last) after the ``base`` date."""

    key: str
    base: str
    days: tuple[int, int]
    verified: bool


@dataclass(frozen=True)
class Template:
    """A validated document template."""

    id: str
    version: int | str
    lang: str
    kind: str
    procedure: str | None
    title: str
    font_size: float
    initials_in_footer: bool
    keep_together: float
    blocks: tuple[Block, ...]
    dates: dict[str, DateRule] = field(default_factory=dict)
    path: Path | None = None


def template_path(kind: str, procedure: str | None, lang: str) -> Path:
    """Where the template for ``kind`` (and ``procedure``) lives for ``lang``."""
    if kind not in KINDS:
        raise ContentError(resource_path("documents"), None, f"unknown document kind '{kind}'")
    if kind in ("summary", "outcome_summary"):
        name = f"{kind}.toml"
    else:
        if not is_procedure(procedure):
            raise ContentError(resource_path("documents"), None, f"unknown procedure '{procedure}'")
        name = f"{kind}_{procedure}.toml"
    if not re.fullmatch(r"[a-z]{2,3}(_[A-Z]{2})?", lang):
        raise ContentError(resource_path("documents"), None, f"'{lang}' is not a language code")
    return resource_path("documents", lang, name)


class _Checker:
    """Validation of one template file, naming lines inside the block being checked."""

    def __init__(self, cf: ContentFile, kind: str, procedure: str | None = None):
        self.cf = cf
        self.kind = kind
        self.procedure = procedure
        self.lines = cf.text.splitlines()
        self.block_starts = [i + 1 for i, ln in enumerate(self.lines) if ln.strip() == "[[blocks]]"]
        self.dates: dict[str, DateRule] = {}
        self.style = ParagraphStyle("check", fontName=_fonts.fonts().main, fontSize=10)

    def line_in_block(self, index: int | None, needle: str) -> int | None:
        if index is not None and index < len(self.block_starts):
            start = self.block_starts[index]
            end = self.block_starts[index + 1] if index + 1 < len(self.block_starts) else len(self.lines) + 1
            for number in range(start, end):
                if needle in self.lines[number - 1]:
                    return number
            return start
        return self.cf.line_of(needle)

    def fail(self, message: str, index: int | None = None, needle: str = "") -> ContentError:
        return ContentError(self.cf.path, self.line_in_block(index, needle) if needle or index is not None else None, message)

    def text(self, value: Any, what: str, index: int | None) -> str:
        """Check one piece of template text: its placeholders, its markup and its characters."""
        if not isinstance(value, str) or not value.strip():
            raise self.fail(f"{what} must be non-empty text", index, what.split()[-1] if what else "")
        known = PLACEHOLDERS[self.kind]
        for name, key in placeholders(value):
            token = "{" + name + (f":{key}" if key else "") + "}"
            if key is None and name not in known:
                raise self.fail(
                    f"unknown placeholder {token}; this document can use: {', '.join(sorted(known))}",
                    index, token,
                )
            if key is not None and (name not in DATE_FUNCTIONS or key not in self.dates):
                dates = ", ".join(sorted(self.dates)) or "none defined in [dates]"
                raise self.fail(f"unknown date placeholder {token}; dates of this template: {dates}", index, token)
        sample = re.sub(r"\{[a-z_0-9:]+\}", "x", value.replace("{{", "{").replace("}}", "}"))
        missing = _fonts.uncovered(re.sub(r"<[^>]*>|&#?\w+;", "", sample))
        if missing:
            raise self.fail(f"the text has characters no embedded font can print: {''.join(missing)}", index, missing[0])
        try:
            Paragraph(_fonts.with_font_runs(sample.replace("\n", " ")), self.style)
        except ValueError as exc:
            raise self.fail(f"the text's markup is not valid: {exc}", index, value.strip().splitlines()[0][:30]) from None
        return value

    def text_list(self, value: Any, key: str, index: int, length: int | None = None) -> list[str]:
        if not isinstance(value, list) or not value or (length is not None and len(value) != length):
            count = f"{length} " if length else ""
            raise self.fail(f"'{key}' must be a list of {count}texts", index, f"{key} =")
        return [self.text(v, key, index) for v in value]

    def text_table(self, value: Any, key: str, names: set[str], index: int, wanted: str) -> None:
        """A table with exactly ``names`` as keys, each a piece of template text."""
        if not isinstance(value, dict) or set(value) != names:
            raise self.fail(f"'{key}' must {wanted}", index, key)
        for v in value.values():
            self.text(v, key, index)

    def choice(self, value: Any, key: str, allowed: tuple[str, ...], index: int) -> None:
        if value not in allowed:
            raise self.fail(f"'{key}' must be one of {', '.join(allowed)}, not {value!r}", index, f"{key} =")

    def source(self, block_type: str, value: Any, index: int) -> int:
        allowed = SOURCES[block_type].get(self.kind, {})
        if value not in allowed:
            known = ", ".join(sorted(allowed)) or "none"
            raise self.fail(
                f"a '{block_type}' block of a {self.kind} document cannot show '{value}' (known: {known})",
                index, "source",
            )
        return allowed[value]

    def table_list(self, value: Any, key: str, index: int) -> list[dict[str, Any]]:
        if not isinstance(value, list) or not value or not all(isinstance(v, dict) for v in value):
            raise self.fail(f"'{key}' must be a list of tables", index, key)
        return value


def _check_dates(ck: _Checker) -> None:
    raw = ck.cf.data.get("dates", {})
    if not isinstance(raw, dict):
        raise ck.fail("[dates] must be a table of named dates", None, "dates")
    for key, rule in raw.items():
        if not isinstance(rule, dict):
            raise ck.fail(f"date '{key}' must be a table like {{ from = \"session_date\", days = 2 }}", None, key)
        base = rule.get("from", DATE_BASES[ck.kind][0])
        if base not in DATE_BASES[ck.kind]:
            raise ck.fail(
                f"date '{key}' counts from '{base}'; a {ck.kind} document can count from "
                f"{', '.join(DATE_BASES[ck.kind])}", None, key,
            )
        days = rule.get("days")
        if isinstance(days, int) and not isinstance(days, bool):
            span = (days, days)
        elif (
            isinstance(days, list) and len(days) == 2
            and all(isinstance(d, int) and not isinstance(d, bool) for d in days) and days[0] <= days[1]
        ):
            span = (days[0], days[1])
        else:
            raise ck.fail(f"date '{key}': 'days' must be a whole number or [first, last]", None, key)
        if not all(0 <= d <= 3660 for d in span):
            raise ck.fail(f"date '{key}': 'days' must be between 0 and 3660", None, key)
        ck.dates[key] = DateRule(key=key, base=base, days=span, verified=bool(rule.get("verified", True)))


def _check_block(ck: _Checker, index: int, raw: Any) -> Block:
    if not isinstance(raw, dict) or "type" not in raw:
        raise ck.fail("every block needs a 'type'", index, "[[blocks]]")
    btype = raw["type"]
    if btype not in BLOCK_KEYS:
        raise ck.fail(f"unknown block type '{btype}' (known: {', '.join(BLOCK_KEYS)})", index, "type")
    required, optional = BLOCK_KEYS[btype]
    keys = set(raw) - {"type"}
    for key in sorted(required - keys):
        raise ck.fail(f"a '{btype}' block needs '{key}'", index, "type")
    for key in sorted(keys - required - optional - {"evidence", "verified"}):
        raise ck.fail(f"a '{btype}' block has no key '{key}'", index, key)
    d = raw
    if btype in ("heading", "paragraph", "callout"):
        ck.text(d["text"], "text", index)
        if btype == "heading" and d.get("level", 1) not in (1, 2):
            raise ck.fail("'level' must be 1 or 2", index, "level")
        if btype == "heading" and not isinstance(d.get("keep", False), bool):
            raise ck.fail("'keep' must be true or false", index, "keep")
        if btype == "paragraph":
            ck.choice(d.get("style", "body"), "style", PARAGRAPH_STYLES, index)
        if btype == "callout":
            ck.choice(d.get("size", "normal"), "size", CALLOUT_SIZES, index)
    elif btype == "bullets":
        ck.text_list(d["items"], "items", index)
        ck.choice(d.get("style", "body"), "style", PARAGRAPH_STYLES, index)
    elif btype == "details":
        for row in ck.table_list(d["rows"], "rows", index):
            ck.text(row.get("label"), "label", index)
            ck.text(row.get("value"), "value", index)
    elif btype == "risk_table":
        ck.text_list(d["columns"], "columns", index, 2)
        for row in ck.table_list(d["rows"], "rows", index):
            ck.text(row.get("risk"), "risk", index)
            ck.text(row.get("frequency"), "frequency", index)
        if "note" in d:
            ck.text(d["note"], "note", index)
    elif btype == "checkboxes":
        if "source" in d:
            ck.source("checkboxes", d["source"], index)
        for item in ck.table_list(d["items"], "items", index):
            ck.text(item.get("text"), "text", index)
            if "source" in d and not isinstance(item.get("key"), str):
                raise ck.fail("each item of a tick-box block with a 'source' needs a 'key'", index, "items")
    elif btype == "signature":
        parties = d["parties"]
        if not isinstance(parties, list) or not parties or any(p not in SIGNATURE_PARTIES for p in parties):
            raise ck.fail(f"'parties' must list some of {', '.join(SIGNATURE_PARTIES)}", index, "parties")
    elif btype in ("list", "text"):
        ck.source(btype, d["source"], index)
        ck.text(d["empty"], "empty", index)
        omit = d.get("omit_if", [])
        if not isinstance(omit, list) or not all(x in LIST_CONDITIONS for x in omit):
            raise ck.fail(f"'omit_if' must list some of {', '.join(sorted(LIST_CONDITIONS))}",
                          index, "omit_if")
    elif btype == "table":
        width = ck.source("table", d["source"], index)
        ck.text_list(d["columns"], "columns", index, width)
        ck.text(d["empty"], "empty", index)
        widths = d.get("widths")
        if widths is not None and (
                not isinstance(widths, list) or len(widths) != width
                or not all(isinstance(w, (int, float)) and w > 0 for w in widths)
                or abs(sum(widths) - 1) > 0.01):
            raise ck.fail(f"'widths' must be {width} fractions of the page width adding up to 1",
                          index, "widths")
    elif btype == "planned":
        if ck.kind != "consent":
            raise ck.fail("a 'planned' block belongs in a consent form", index, "type")
        allowed = PLANNED_KEYS
        for row in ck.table_list(d["rows"], "rows", index):
            if row.get("key") not in allowed:
                raise ck.fail(f"a planned row's 'key' must be one of {', '.join(allowed)}", index, "key")
            ck.text(row.get("label"), "label", index)
            if row["key"] in PLANNED_CODED:
                values = row.get("values")
                if not isinstance(values, dict) or not values:
                    raise ck.fail(f"the planned row '{row['key']}' needs 'values' naming each choice",
                                  index, row["key"])
                for v in values.values():
                    ck.text(v, "values", index)
        ck.text(d["blank"], "blank", index)
    elif btype == "options":
        ck.choice(d.get("style", "body"), "style", PARAGRAPH_STYLES, index)
        for item in ck.table_list(d["items"], "items", index):
            ck.text(item.get("text"), "text", index)
            omit = item.get("omit_if", [])
            if not isinstance(omit, list) or not all(isinstance(x, str) and x for x in omit):
                raise ck.fail("'omit_if' must be a list of screening question ids", index, "omit_if")
    elif btype == "merz":
        if ck.kind != "summary":
            raise ck.fail("a 'merz' block belongs in the consultation summary", index, "type")
        ck.text_list(d["columns"], "columns", index, 2)
        ck.text_table(d["hands"], "hands", {"left", "right"}, index, "name 'left' and 'right'")
        ck.text_table(d["grades"], "grades", {"0", "1", "2", "3", "4"}, index,
                      'describe grades "0" to "4"')
        ck.text(d["not_graded"], "not_graded", index)
    elif btype == "grade_chart":
        if ck.kind != "outcome_summary":
            raise ck.fail("a 'grade_chart' block belongs in the outcome summary", index, "type")
        ck.text_table(d["hands"], "hands", {"left", "right"}, index, "name 'left' and 'right'")
        ck.text(d["baseline"], "baseline", index)
        ck.text(d["empty"], "empty", index)
    elif btype == "photos":
        if ck.kind != "summary":
            raise ck.fail("a 'photos' block belongs in the consultation summary", index, "type")
        ck.text_list(d["columns"], "columns", index, 2)
        ck.text(d["empty"], "empty", index)
        ck.text(d["illustration"], "illustration", index)
    elif btype == "verdicts":
        if ck.kind != "summary":
            raise ck.fail("a 'verdicts' block belongs in the consultation summary", index, "type")
        ck.text_list(d["columns"], "columns", index, 3)
        ck.text_table(d["levels"], "levels", set(VERDICT_LEVELS), index,
                      f"name {', '.join(VERDICT_LEVELS)}")
        ck.text(d["empty"], "empty", index)
    return Block(type=btype, data=d, line=ck.line_in_block(index, "type"))


def load_template(kind: str, procedure: str | None = None, lang: str = "en") -> Template:
    """Read and validate the template for a document kind (and procedure) in ``lang``.

    Raises ContentError naming the file and line for an unknown block type, a placeholder this
    kind of document cannot fill, invalid markup or a malformed key. A template is read again
    whenever its file changes, so a clinic's edit shows in the next document.
    """
    path = template_path(kind, procedure, lang)
    try:
        stat = path.stat()
    except OSError:
        return load_template_file(path, kind, procedure, lang)
    return _cached(str(path), stat.st_mtime_ns, stat.st_size, kind, procedure, lang)


@lru_cache(maxsize=32)
def _cached(path: str, mtime_ns: int, size: int, kind: str, procedure: str | None, lang: str) -> Template:
    return load_template_file(Path(path), kind, procedure, lang)


def load_template_file(path: Path, kind: str, procedure: str | None, lang: str) -> Template:
    """Read and validate a template file at ``path`` (see ``load_template``)."""
    if kind not in KINDS:
        raise ContentError(path, None, f"unknown document kind '{kind}'")
    cf = load_toml(Path(path))
    ck = _Checker(cf, kind, procedure)
    data = cf.data
    for key in ("id", "version", "lang", "title", "blocks"):
        if key not in data:
            raise cf.error(f"the '{key}' key is missing")
    if not isinstance(data["id"], str) or not data["id"]:
        raise cf.error("'id' must be text", "id =")
    if not isinstance(data["version"], (int, str)) or isinstance(data["version"], bool):
        raise cf.error("'version' must be a number or text", "version =")
    if data["lang"] != lang:
        raise cf.error(f"'lang' must be \"{lang}\", the name of its folder", "lang =")
    if data.get("kind", kind) != kind:
        raise cf.error(f"'kind' must be \"{kind}\" in this file", "kind =")
    if kind != "summary" and data.get("procedure", procedure) != procedure:
        raise cf.error(f"'procedure' must be \"{procedure}\" in this file", "procedure =")
    font_size = data.get("font_size", 10.5)
    if not isinstance(font_size, (int, float)) or isinstance(font_size, bool) or not 8 <= font_size <= 20:
        raise cf.error("'font_size' must be a number from 8 to 20", "font_size")
    keep = data.get("keep_together", 0.45)
    if not isinstance(keep, (int, float)) or isinstance(keep, bool) or not 0 <= keep <= 1:
        raise cf.error("'keep_together' must be a fraction of the page from 0 to 1", "keep_together")
    _check_dates(ck)
    ck.text(data["title"], "title", None)
    if not isinstance(data["blocks"], list) or not data["blocks"]:
        raise cf.error("'blocks' must be a non-empty list of [[blocks]] tables", "blocks")
    blocks = tuple(_check_block(ck, i, raw) for i, raw in enumerate(data["blocks"]))
    return Template(
        id=data["id"],
        version=data["version"],
        lang=lang,
        kind=kind,
        procedure=procedure if kind != "summary" else None,
        title=data["title"],
        font_size=float(font_size),
        initials_in_footer=bool(data.get("initials_in_footer", False)),
        keep_together=float(keep),
        blocks=blocks,
        dates=dict(ck.dates),
        path=Path(path),
    )


def planned_choices(kind: str, procedure: str, lang: str = "en") -> dict[str, dict[str, str]]:
    """The choices a consent's "planned" block names, by row key: ``{"hands": {"both": "Both
    hands", ...}}`` (rows printed as typed, such as the product, map to an empty dict)."""
    tpl = load_template(kind, procedure, lang)
    out: dict[str, dict[str, str]] = {}
    for block in tpl.blocks:
        if block.type == "planned":
            for row in block.data["rows"]:
                out[row["key"]] = dict(row.get("values") or {})
    return out


def confirmation_items(procedure: str, lang: str = "en") -> list[str]:
    """The lines of a consent's "Your confirmation" tick boxes, as plain text, in order."""
    from rejuv_desktop.documents.markup import plain

    tpl = load_template("consent", procedure, lang)
    return [plain(item["text"]) for block in tpl.blocks
            if block.type == "checkboxes" and "source" not in block.data
            for item in block.data["items"]]
