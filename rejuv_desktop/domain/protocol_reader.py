"""Reading and checking a protocol file: every mistake names its file and line.

A clinic edits ``resources/protocols/<procedure>.toml`` by hand, so the reader checks each table
against the keys and types it may hold, the gates against the steps, and the checks against the
fields, and raises ContentError at the first mistake with the line where it stands (the line
inside the right ``[[steps]]`` or ``[[steps.fields]]``, not the first match in the file).
"""

from __future__ import annotations

import math
import re
from typing import Any

from rejuv_desktop.content import ContentFile
from rejuv_desktop.domain.protocols import (APPLIES, BY_APP, CHECK_KINDS, CONSENT_GATE,
                                            FIELD_TYPES, FOLLOW_UP_KINDS, TIME_OUT,
                                            CautionCheck, Check, DoseLimit, DoseReductionRule,
                                            Field,
                                            FollowUpRule, Gate, Item, Protocol, Series, Spacing,
                                            Step, WeightRule, is_empty)
from rejuv_desktop.domain.procedures import is_procedure, procedure_ids, read_declaration
from rejuv_desktop.errors import ContentError


def read_protocol(cf: ContentFile, procedure: str) -> Protocol:
    """Build and check the protocol in a parsed file, which must be for ``procedure``.

    Raises ContentError naming the file and line of the first mistake.
    """
    return _Reader(cf).protocol(procedure)


_REQUIRED = object()
_IDENT = re.compile(r"[a-z][a-z0-9_]*\Z")
_HEADER = re.compile(r"\s*\[\[?\s*([A-Za-z0-9_.\- ]+?)\s*\]\]?\s*(#.*)?\Z")
_KINDS: dict[str, tuple[Any, str]] = {
    "text": (lambda v: isinstance(v, str) and bool(v.strip()), "non-empty text"),
    "str": (lambda v: isinstance(v, str), "text"),
    "bool": (lambda v: isinstance(v, bool), "true or false"),
    "int": (lambda v: isinstance(v, int) and not isinstance(v, bool), "a whole number"),
    "number": (
        lambda v: isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v),
        "a number",
    ),
    "version": (lambda v: (isinstance(v, str) and bool(v.strip())) or type(v) is int, "text or a number"),
    "tables": (lambda v: isinstance(v, list) and all(isinstance(x, dict) for x in v), "a list of tables"),
    "table": (lambda v: isinstance(v, dict), "a table"),
    "texts": (lambda v: isinstance(v, list) and all(isinstance(x, str) and x for x in v), "a list of text"),
}
_SINGULAR = {"steps": "step", "items": "item", "fields": "field", "follow_ups": "follow-up",
             "dose_limits": "dose limit", "checks": "check", "series": "series", "spacing": "spacing"}
_TOP_KEYS = {"id", "version", "procedure", "title", "name", "label", "order", "treats", "recommendation",
             "needs_donor_fat", "source", "note", "steps", "series", "follow_ups",
             "dose_limits", "checks", "spacing", "volume_per_hand_ml", "dose_reduction", "weight",
             "caution_step", "caution_checks", "photos"}
_SPACING_KEYS = {"after", "days", "reason", "verified", "source", "note"}
_STEP_KEYS = {"id", "title", "invasive", "gates", "items", "fields", "help"}
_ITEM_KEYS = {"id", "text", "required", "help", "by_app"}
_FIELD_KEYS = {"id", "label", "type", "unit", "min", "max", "choices", "multiple", "required",
               "required_when", "repeat", "not_before", "help", "verified", "source",
               "stop_when", "stop_reason"}
_SERIES_KEYS = {"sessions_min", "sessions_max", "sessions_default", "interval_min_days",
                "interval_max_days", "interval_default_days", "verified", "source", "note"}
_FOLLOW_UP_KEYS = {"id", "kind", "label", "applies", "from_days", "to_days", "from_months",
                   "to_months", "proposed", "verified", "source", "note", "assess",
                   "outcome_months"}
_DOSE_KEYS = {"agent", "label", "with_epinephrine", "mg_per_kg", "max_mg", "warn_fraction",
              "verified", "source", "note"}
_CHECK_KEYS = {"id", "kind", "message", "sum", "limit", "agent", "concentration", "volume",
               "site", "field", "above", "reason", "source", "verified"}
_REDUCTION_KEYS = {"fraction", "questions", "verified", "source", "note"}
_WEIGHT_KEYS = {"reweigh_after_days", "confirm_change_fraction", "source", "note"}
_CAUTION_KEYS = {"question", "text"}
_DEFAULT_APPLIES = {"next_session": "between_sessions", "maintenance": "after_series",
                    "review": "each_session"}


class _Reader:
    """Builds a Protocol from a parsed file, naming the line of the first mistake it meets.

    ``where`` names a table the way the file nests it, e.g. ``("steps", 2, "fields", 0)`` is the
    first ``[[steps.fields]]`` of the third ``[[steps]]``; the line is found by scanning the table
    headers, so a mistake repeated in several steps is reported where it actually is.
    """

    def __init__(self, cf: ContentFile):
        self.cf = cf
        self.lines = cf.text.splitlines()
        self.headers = [(n, m.group(1).replace(" ", ""))
                        for n, line in enumerate(self.lines, start=1)
                        if (m := _HEADER.match(line))]

    # -- locating lines

    def _span(self, where: tuple) -> tuple[int, int] | None:
        if not where:
            return 1, (self.headers[0][0] - 1 if self.headers else len(self.lines))
        lo, hi, prefix, first, last, i = 0, len(self.headers), "", 1, len(self.lines), 0
        while i < len(where):
            name = prefix + where[i]
            indexed = i + 1 < len(where) and isinstance(where[i + 1], int)
            index = where[i + 1] if indexed else 0
            matches = [k for k in range(lo, hi) if self.headers[k][1] == name]
            if index >= len(matches):
                return None  # written inline (no header): fall back to searching the file
            k = matches[index]
            end = next((j for j in range(k + 1, len(self.headers))
                        if not self.headers[j][1].startswith(name + ".")), len(self.headers))
            first = self.headers[k][0]
            last = self.headers[end][0] - 1 if end < len(self.headers) else len(self.lines)
            lo, hi, prefix, i = k + 1, end, name + ".", i + (2 if indexed else 1)
        return first, last

    def line(self, where: tuple, key: str | None = None) -> int | None:
        span = self._span(where)
        if span is None:
            return self.cf.line_of(key) if key else None
        if key:
            pattern = re.compile(rf'\s*"?{re.escape(key)}"?\s*=')
            for n in range(span[0], span[1] + 1):
                if pattern.match(self.lines[n - 1]):
                    return n
        return span[0]

    def fail(self, where: tuple, message: str, key: str | None = None) -> ContentError:
        return ContentError(self.cf.path, self.line(where, key), message)

    # -- typed access

    def name(self, where: tuple, table: dict) -> str:
        if not where:
            return "protocol"
        kind = _SINGULAR.get(where[-2] if isinstance(where[-1], int) else where[-1], "table")
        ident = table.get("id", table.get("agent"))
        if isinstance(ident, str):
            return f"{kind} '{ident}'"
        return f"{kind} {where[-1] + 1}" if isinstance(where[-1], int) else kind

    def keys(self, where: tuple, table: dict, allowed: set[str]) -> None:
        for key in table:
            if key not in allowed:
                raise self.fail(where, f"{self.name(where, table)}: unknown key '{key}'", key)

    def get(self, where: tuple, table: dict, key: str, kind: str, default: Any = _REQUIRED) -> Any:
        if key not in table:
            if default is _REQUIRED:
                raise self.fail(where, f"{self.name(where, table)}: missing key '{key}'")
            return default
        check, wanted = _KINDS[kind]
        if not check(table[key]):
            raise self.fail(where, f"{self.name(where, table)}: '{key}' must be {wanted}", key)
        return table[key]

    def ident(self, where: tuple, table: dict, key: str = "id") -> str:
        value = self.get(where, table, key, "text")
        if not _IDENT.match(value):
            raise self.fail(where, f"{self.name(where, table)}: '{key}' must be lower-case letters, "
                                   "digits and underscores", key)
        return value

    def unique(self, where_of, values: list[str], what: str) -> None:
        seen: set[str] = set()
        for i, value in enumerate(values):
            if value in seen:
                raise self.fail(where_of(i), f"duplicate {what} '{value}'", "id")
            seen.add(value)

    # -- the parts of a protocol

    def protocol(self, expected: str) -> Protocol:
        d, top = self.cf.data, ()
        self.keys(top, d, _TOP_KEYS)
        pid = self.get(top, d, "id", "text")
        version = str(self.get(top, d, "version", "version"))
        procedure = self.get(top, d, "procedure", "text")
        if procedure != expected:
            raise self.fail(top, f"this file is for '{procedure}', not '{expected}'", "procedure")
        title = self.get(top, d, "title", "text")
        read_declaration(self.cf)
        self.volume = self.volume_per_hand(d.get("volume_per_hand_ml"))
        raw_steps = self.get(top, d, "steps", "tables")
        if not raw_steps:
            raise self.fail(top, "a protocol needs at least one step", "steps")
        steps = [self.step(("steps", i), t) for i, t in enumerate(raw_steps)]
        self.unique(lambda i: ("steps", i), [s.id for s in steps], "step id")
        steps = self.resolve_gates(steps)
        series = self.series(self.get(top, d, "series", "table"))
        follow_ups = [self.follow_up(("follow_ups", i), t, series)
                      for i, t in enumerate(self.get(top, d, "follow_ups", "tables"))]
        self.unique(lambda i: ("follow_ups", i), [f.id for f in follow_ups], "follow-up id")
        limits = [self.dose_limit(("dose_limits", i), t)
                  for i, t in enumerate(self.get(top, d, "dose_limits", "tables", []))]
        self.unique(lambda i: ("dose_limits", i), [x.agent for x in limits], "dose limit agent")
        checks = [self.check(("checks", i), t, steps, limits)
                  for i, t in enumerate(self.get(top, d, "checks", "tables", []))]
        self.unique(lambda i: ("checks", i), [c.id for c in checks], "check id")
        spacing = [self.spacing(("spacing", i), t)
                   for i, t in enumerate(self.get(top, d, "spacing", "tables", []))]
        self.unique(lambda i: ("spacing", i), [x.after for x in spacing], "spacing after")
        caution_step = self.get(top, d, "caution_step", "text", None)
        if caution_step is not None and caution_step not in {s.id for s in steps}:
            raise self.fail(top, f"caution_step '{caution_step}' names no step", "caution_step")
        cautions = []
        for i, t in enumerate(self.get(top, d, "caution_checks", "tables", [])):
            self.keys(("caution_checks", i), t, _CAUTION_KEYS)
            cautions.append(CautionCheck(self.ident(("caution_checks", i), t, "question"),
                                         self.get(("caution_checks", i), t, "text", "text")))
        return Protocol(id=pid, version=version, procedure=procedure, title=title, steps=tuple(steps),
                        series=series, follow_ups=tuple(follow_ups), dose_limits=tuple(limits),
                        checks=tuple(checks), source=self.get(top, d, "source", "str", ""),
                        path=str(self.cf.path), spacing=tuple(spacing),
                        dose_reduction=self.dose_reduction(self.get(top, d, "dose_reduction",
                                                                    "table", None)),
                        weight=self.weight(self.get(top, d, "weight", "table", {})),
                        caution_step=caution_step, caution_checks=tuple(cautions),
                        volume_per_hand_ml=self.volume)

    def dose_reduction(self, t: dict | None) -> DoseReductionRule | None:
        if t is None:
            return None
        where = ("dose_reduction",)
        self.keys(where, t, _REDUCTION_KEYS)
        fraction = self.get(where, t, "fraction", "number")
        if not 0 < fraction < 1:
            raise self.fail(where, "dose_reduction: fraction must be above 0 and below 1 "
                                   "(0.4 lowers the maximum by 40 %)", "fraction")
        return DoseReductionRule(float(fraction), tuple(self.get(where, t, "questions", "texts")),
                                 self.get(where, t, "verified", "bool", False),
                                 self.get(where, t, "source", "str", ""))

    def weight(self, t: dict) -> WeightRule:
        where = ("weight",)
        self.keys(where, t, _WEIGHT_KEYS)
        days = self.get(where, t, "reweigh_after_days", "int", 30)
        change = self.get(where, t, "confirm_change_fraction", "number", 0.15)
        if days < 0:
            raise self.fail(where, "weight: reweigh_after_days must be 0 or more", "reweigh_after_days")
        if not 0 < change < 1:
            raise self.fail(where, "weight: confirm_change_fraction must be above 0 and below 1",
                            "confirm_change_fraction")
        return WeightRule(days, float(change), self.get(where, t, "source", "str", ""))

    def volume_per_hand(self, value: Any) -> tuple[int, int] | None:
        """The usual volume per hand, [low, high] in ml: the one range the consent, the
        recommendation and the session's help all print."""
        if value is None:
            return None
        if (not isinstance(value, list) or len(value) != 2
                or not all(isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 100 for v in value)
                or value[0] > value[1]):
            raise self.fail((), "'volume_per_hand_ml' must be [low, high], whole ml from 1 to 100",
                            "volume_per_hand_ml")
        return (value[0], value[1])

    def help_text(self, where: tuple, t: dict) -> str:
        text = self.get(where, t, "help", "str", "")
        if "{volume_per_hand}" in text and getattr(self, "volume", None):
            text = text.replace("{volume_per_hand}", f"{self.volume[0]} to {self.volume[1]}")
        return text

    def spacing(self, where: tuple, t: dict) -> Spacing:
        self.keys(where, t, _SPACING_KEYS)
        after = self.ident(where, t, "after")
        if not is_procedure(after):
            raise self.fail(where, f"spacing after '{after}': no such procedure (use one of: "
                                   f"{', '.join(procedure_ids())})", "after")
        days = self.get(where, t, "days", "int")
        if not 0 <= days <= 3660:
            raise self.fail(where, f"spacing after '{after}': days must be from 0 to 3660", "days")
        return Spacing(after=after, days=days, reason=self.get(where, t, "reason", "text"),
                       verified=self.get(where, t, "verified", "bool", True),
                       source=self.get(where, t, "source", "str", ""))

    def step(self, where: tuple, t: dict) -> Step:
        self.keys(where, t, _STEP_KEYS)
        sid = self.ident(where, t)
        if sid == CONSENT_GATE:
            raise self.fail(where, f"'{CONSENT_GATE}' is a gate, not a step id", "id")
        items = [self.item(where + ("items", i), x)
                 for i, x in enumerate(self.get(where, t, "items", "tables", []))]
        fields = [self.field(where + ("fields", i), x, sid)
                  for i, x in enumerate(self.get(where, t, "fields", "tables", []))]
        names = [x.id for x in items] + [f.id for f in fields]
        self.unique(lambda i: where + (("items", i) if i < len(items) else ("fields", i - len(items))),
                    names, f"item or field id in step '{sid}'")
        by_id = {f.id: f for f in fields}
        for i, f in enumerate(fields):
            if f.required_when is not None:
                other = by_id.get(f.required_when[0])
                if other is None or other is f or other.repeat is not None:
                    raise self.fail(where + ("fields", i), f"field '{f.id}': required_when must name "
                                    "another field of this step that is not repeated", "required_when")
                value = f.required_when[1]
                # For a multiple choice, "equals" means "is among the chosen".
                if other.validate([value] if other.multiple else value) is not None or is_empty(value):
                    raise self.fail(where + ("fields", i), f"field '{f.id}': required_when value "
                                    f"does not fit field '{other.id}'", "required_when")
        return Step(id=sid, title=self.get(where, t, "title", "text"),
                    invasive=self.get(where, t, "invasive", "bool"),
                    gates=tuple(self.get(where, t, "gates", "texts", [])), requires=(),
                    items=tuple(items), fields=tuple(fields), help=self.get(where, t, "help", "str", ""))

    def item(self, where: tuple, t: dict) -> Item:
        self.keys(where, t, _ITEM_KEYS)
        by_app = self.get(where, t, "by_app", "text", None)
        if by_app is not None and by_app not in BY_APP:
            raise self.fail(where, f"item: by_app must be one of: {', '.join(BY_APP)}", "by_app")
        return Item(id=self.ident(where, t), text=self.get(where, t, "text", "text"),
                    required=self.get(where, t, "required", "bool", True),
                    help=self.get(where, t, "help", "str", ""), by_app=by_app)

    def field(self, where: tuple, t: dict, step_id: str) -> Field:
        self.keys(where, t, _FIELD_KEYS)
        fid, label = self.ident(where, t), self.get(where, t, "label", "text")
        ftype = self.get(where, t, "type", "text")
        if ftype not in FIELD_TYPES:
            raise self.fail(where, f"field '{fid}': unknown type '{ftype}' (use one of: "
                                   f"{', '.join(FIELD_TYPES)})", "type")
        numeric = ftype in ("number", "integer")
        for key, applies in (("unit", numeric), ("min", numeric), ("max", numeric),
                             ("choices", ftype == "choice"), ("multiple", ftype == "choice"),
                             ("not_before", ftype == "date")):
            if key in t and not applies:
                raise self.fail(where, f"field '{fid}': '{key}' does not apply to a {ftype} field", key)
        low, high = self.get(where, t, "min", "number", None), self.get(where, t, "max", "number", None)
        if low is not None and high is not None and low > high:
            raise self.fail(where, f"field '{fid}': min ({low}) is more than max ({high})", "min")
        choices = tuple(self.get(where, t, "choices", "texts", ()))
        if ftype == "choice" and (not choices or len(set(choices)) != len(choices)):
            raise self.fail(where, f"field '{fid}': a choice field needs a list of distinct choices",
                            "choices" if "choices" in t else None)
        when = self.get(where, t, "required_when", "table", None)
        if when is not None:
            if set(when) != {"field", "equals"} or not isinstance(when["field"], str):
                raise self.fail(where, f"field '{fid}': required_when must be "
                                       '{ field = "<field id>", equals = <value> }', "required_when")
            when = (when["field"], when["equals"])
        repeat = t.get("repeat")
        if repeat is not None and repeat not in ("sides", "list"):
            if not (_KINDS["texts"][0](repeat) and repeat and len(set(repeat)) == len(repeat)
                    and all(_IDENT.match(r) for r in repeat)):
                raise self.fail(where, f"field '{fid}': repeat must be \"sides\", \"list\" or a list "
                                       "of distinct names", "repeat")
            repeat = tuple(repeat)
        not_before = self.get(where, t, "not_before", "text", None)
        if not_before not in (None, "session_date"):
            raise self.fail(where, f"field '{fid}': not_before can only be \"session_date\"", "not_before")
        stop_when = t.get("stop_when")
        stop_reason = self.get(where, t, "stop_reason", "str", "")
        if stop_when is not None and (not stop_reason.strip() or is_empty(stop_when)):
            raise self.fail(where, f"field '{fid}': stop_when needs a value and a stop_reason",
                            "stop_when")
        return Field(step_id=step_id, id=fid, label=label, type=ftype,
                     stop_when=stop_when, stop_reason=stop_reason,
                     unit=self.get(where, t, "unit", "str", ""), min=low, max=high, choices=choices,
                     multiple=self.get(where, t, "multiple", "bool", False),
                     required=self.get(where, t, "required", "bool", False), required_when=when,
                     repeat=repeat, not_before=not_before, help=self.help_text(where, t),
                     verified=self.get(where, t, "verified", "bool", True),
                     source=self.get(where, t, "source", "str", ""))

    def resolve_gates(self, steps: list[Step]) -> list[Step]:
        order = {s.id: i for i, s in enumerate(steps)}
        first_invasive = next((i for i, s in enumerate(steps) if s.invasive), None)
        time_out = order.get(TIME_OUT)
        if first_invasive is not None and time_out is None:
            raise self.fail(("steps", first_invasive), f"step '{steps[first_invasive].id}' is invasive "
                            f"but there is no '{TIME_OUT}' step before it", "invasive")
        if time_out is not None:
            t = steps[time_out]
            if first_invasive is not None and time_out > first_invasive:
                raise self.fail(("steps", time_out), "the time-out must come before the first "
                                "invasive step", "id")
            if t.invasive or t.fields or not t.items:
                raise self.fail(("steps", time_out), "the time-out is not invasive and holds "
                                "confirmations (items) only", "id")
        resolved = []
        for i, s in enumerate(steps):
            gates: list[Gate] = []
            for g in s.gates:
                if g in (x.id for x in gates):
                    raise self.fail(("steps", i), f"step '{s.id}': gate '{g}' is listed twice", "gates")
                if g == CONSENT_GATE:
                    gates.append(Gate("consent", g, "Signed consent"))
                elif g not in order:
                    raise self.fail(("steps", i), f"step '{s.id}': gate '{g}' names no step", "gates")
                elif order[g] >= i:
                    raise self.fail(("steps", i), f"step '{s.id}': gate '{g}' must name an earlier step",
                                    "gates")
                elif g == TIME_OUT:
                    gates.append(self._time_out_gate(steps[order[g]]))
                else:
                    gates.append(Gate("step", g, steps[order[g]].title))
            if s.invasive and TIME_OUT not in s.gates:
                gates.append(self._time_out_gate(steps[order[TIME_OUT]]))
            resolved.append(Step(id=s.id, title=s.title, invasive=s.invasive, gates=s.gates,
                                 requires=tuple(gates), items=s.items, fields=s.fields, help=s.help))
        return resolved

    @staticmethod
    def _time_out_gate(step: Step) -> Gate:
        return Gate("time_out", TIME_OUT, step.title, tuple(x for x in step.items if x.required))

    def series(self, t: dict) -> Series:
        where = ("series",)
        self.keys(where, t, _SERIES_KEYS)
        low, high, default = (self.get(where, t, k, "int") for k in
                              ("sessions_min", "sessions_max", "sessions_default"))
        if not 1 <= low <= default <= high:
            raise self.fail(where, "series: need 1 <= sessions_min <= sessions_default <= sessions_max",
                            "sessions_min")
        keys = ("interval_min_days", "interval_max_days", "interval_default_days")
        if high == 1:
            for k in keys:
                if k in t:
                    raise self.fail(where, "series: a single session has no interval", k)
            intervals: tuple = (None, None, None)
        else:
            intervals = tuple(self.get(where, t, k, "int") for k in keys)
            if not 1 <= intervals[0] <= intervals[2] <= intervals[1]:
                raise self.fail(where, "series: need 1 <= interval_min_days <= interval_default_days "
                                "<= interval_max_days", "interval_min_days")
        return Series(low, high, default, intervals[0], intervals[1], intervals[2],
                      verified=self.get(where, t, "verified", "bool", True),
                      source=self.get(where, t, "source", "str", ""))

    def follow_up(self, where: tuple, t: dict, series: Series) -> FollowUpRule:
        self.keys(where, t, _FOLLOW_UP_KEYS)
        fid, kind = self.ident(where, t), self.get(where, t, "kind", "text")
        if kind not in FOLLOW_UP_KINDS:
            raise self.fail(where, f"follow-up '{fid}': unknown kind '{kind}' (use one of: "
                                   f"{', '.join(FOLLOW_UP_KINDS)})", "kind")
        applies = self.get(where, t, "applies", "text", _DEFAULT_APPLIES[kind])
        if applies not in APPLIES:
            raise self.fail(where, f"follow-up '{fid}': applies must be one of: {', '.join(APPLIES)}",
                            "applies")
        if series.sessions_max == 1 and applies != "each_session":
            raise self.fail(where, f"follow-up '{fid}': a single-session series has no next session "
                                   "or end of series", "applies" if "applies" in t else "kind")
        units = [u for u in ("days", "months") if f"from_{u}" in t or f"to_{u}" in t]
        if len(units) != 1:
            raise self.fail(where, f"follow-up '{fid}': give from_days and to_days, or from_months "
                                   "and to_months")
        unit = units[0]
        low, high = self.get(where, t, f"from_{unit}", "int"), self.get(where, t, f"to_{unit}", "int")
        if not 0 <= low <= high:
            raise self.fail(where, f"follow-up '{fid}': need 0 <= from_{unit} <= to_{unit}", f"from_{unit}")
        return FollowUpRule(id=fid, kind=kind, label=self.get(where, t, "label", "text"), applies=applies,
                            unit=unit, offset_from=low, offset_to=high,
                            proposed=self.get(where, t, "proposed", "bool", False),
                            verified=self.get(where, t, "verified", "bool", True),
                            source=self.get(where, t, "source", "str", ""),
                            assess=self.assess(where, t, fid),
                            outcome_months=self.outcome_months(where, t, fid))

    def assess(self, where: tuple, t: dict, fid: str) -> tuple[str, ...]:
        from rejuv_desktop.domain.outcomes import ASSESSMENT_CODES

        codes = t.get("assess", [])
        if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
            raise self.fail(where, f"follow-up '{fid}': assess must be a list of codes", "assess")
        unknown = [c for c in codes if c not in ASSESSMENT_CODES]
        if unknown:
            raise self.fail(where, f"follow-up '{fid}': unknown assessment {', '.join(unknown)} "
                                   f"(use any of: {', '.join(ASSESSMENT_CODES)})", "assess")
        if len(set(codes)) != len(codes):
            raise self.fail(where, f"follow-up '{fid}': an assessment is listed twice", "assess")
        return tuple(codes)

    def outcome_months(self, where: tuple, t: dict, fid: str) -> int | None:
        if "outcome_months" not in t:
            return None
        months = self.get(where, t, "outcome_months", "int")
        if months < 1:
            raise self.fail(where, f"follow-up '{fid}': outcome_months must be 1 or more",
                            "outcome_months")
        if not t.get("assess"):
            raise self.fail(where, f"follow-up '{fid}': outcome_months needs a list of what the "
                                   "visit assesses (assess)", "outcome_months")
        return months

    def dose_limit(self, where: tuple, t: dict) -> DoseLimit:
        self.keys(where, t, _DOSE_KEYS)
        agent = self.get(where, t, "agent", "text")
        values = {k: self.get(where, t, k, "number") for k in ("mg_per_kg", "max_mg")}
        warn = self.get(where, t, "warn_fraction", "number", 0.8)
        for key, value in values.items():
            if value <= 0:
                raise self.fail(where, f"dose limit '{agent}': {key} must be more than 0", key)
        if not 0 < warn <= 1:
            raise self.fail(where, f"dose limit '{agent}': warn_fraction must be above 0 and at most 1",
                            "warn_fraction")
        return DoseLimit(agent=agent, label=self.get(where, t, "label", "text"),
                         with_epinephrine=self.get(where, t, "with_epinephrine", "bool"),
                         mg_per_kg=float(values["mg_per_kg"]), max_mg=float(values["max_mg"]),
                         warn_fraction=float(warn), verified=self.get(where, t, "verified", "bool", True),
                         source=self.get(where, t, "source", "str", ""))

    def check(self, where: tuple, t: dict, steps: list[Step], limits: list[DoseLimit]) -> Check:
        self.keys(where, t, _CHECK_KEYS)
        cid, kind = self.ident(where, t), self.get(where, t, "kind", "text")
        fields = {f.ref: f for s in steps for f in s.fields}

        def ref(key: str, types: tuple[str, ...], value: Any = _REQUIRED) -> Field:
            name = self.get(where, t, key, "text") if value is _REQUIRED else value
            f = fields.get(name)
            if f is None or f.type not in types:
                raise self.fail(where, f"check '{cid}': '{name}' is not a {' or '.join(types)} field "
                                       "(write <step>.<field>)", key)
            return f

        if kind == "sum_at_most":
            for name in self.get(where, t, "sum", "texts"):
                ref("sum", ("number", "integer"), name)
            ref("limit", ("number", "integer"))
            message = self.get(where, t, "message", "text")
            try:
                message.format(total="1", limit="1", unit="ml")
            except (KeyError, IndexError, ValueError):
                raise self.fail(where, f"check '{cid}': the message may only use {{total}}, {{limit}} "
                                       "and {unit}", "message") from None
            return Check(id=cid, kind=kind, message=message, sum=tuple(t["sum"]), limit=t["limit"])
        if kind == "lidocaine_dose":
            agent = ref("agent", ("choice",))
            parts = [agent, ref("concentration", ("number",)), ref("volume", ("number",))]
            if "site" in t:
                parts.append(ref("site", ("choice", "text")))
            if len({(f.step_id, f.repeat) for f in parts}) != 1 or parts[0].repeat not in (None, "list"):
                raise self.fail(where, f"check '{cid}': agent, concentration, volume (and site) "
                                       "must be fields of one step, all single or all in rows "
                                       "(repeat = \"list\")", "agent")
            missing = [c for c in agent.choices if c not in {x.agent for x in limits}]
            if missing:
                raise self.fail(where, f"check '{cid}': no dose limit for '{missing[0]}'", "agent")
            return Check(id=cid, kind=kind, message=t.get("message", ""), agent=t["agent"],
                         concentration=t["concentration"], volume=t["volume"], site=t.get("site"))
        if kind == "reason_above":
            number = ref("field", ("number", "integer"))
            text = ref("reason", ("text",))
            if number.repeat is not None or text.repeat is not None:
                raise self.fail(where, f"check '{cid}': field and reason cannot be repeated", "field")
            message = self.get(where, t, "message", "text")
            try:
                message.format(value="1", above="1")
            except (KeyError, IndexError, ValueError):
                raise self.fail(where, f"check '{cid}': the message may only use {{value}} and "
                                       "{above}", "message") from None
            return Check(id=cid, kind=kind, message=message,
                         field=t["field"], above=float(self.get(where, t, "above", "number")),
                         reason=t["reason"])
        raise self.fail(where, f"check '{cid}': unknown kind '{kind}' (use one of: "
                               f"{', '.join(CHECK_KINDS)})", "kind")
