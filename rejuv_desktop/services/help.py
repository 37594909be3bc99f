"""In-app help: one page per screen, written for practitioners, in ``resources/help/<lang>/``.

Pages may hold placeholders such as ``{{merz}}`` or ``{{doses}}``; they are filled from the
clinic's own content files (scales, screening rules, protocols), so the help always shows the
thresholds the app actually uses, with their sources and whether they are verified.
"""

from __future__ import annotations

import re

from rejuv_desktop.content import resource_path
from rejuv_desktop.domain import screening as scr
from rejuv_desktop.domain.protocols import PROCEDURES, load_protocol
from rejuv_desktop.domain.scales import load_scales
from rejuv_desktop.errors import UserError

_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")


def _unverified(verified: bool) -> str:
    return "" if verified else " *(unverified: practice-based, for the clinic to confirm)*"


def _scale_table(scale_id: str, heading: str) -> str:
    scale = load_scales().get(scale_id)
    rows = "\n".join(f"| {g.label} | {g.description} |" for g in scale.grades)
    source = f"\n\nSource: {scale.source}" if scale.source else ""
    note = f"\n\n{scale.note}" if scale.note else ""
    return (f"## {heading}\n\n| Grade | What it means |\n|---|---|\n{rows}{note}{source}"
            f"{_unverified(scale.verified)}")


def _merz() -> str:
    return _scale_table("merz", "Merz Hand Grading Scale (dorsal hand)")


def _fitzpatrick() -> str:
    return _scale_table("fitzpatrick", "Fitzpatrick skin phototype")


def _skin() -> str:
    scales = load_scales()
    parts = ["## Skin quality options"]
    for s in (scales.hydration, scales.elasticity, scales.texture, scales.donor_fat):
        parts.append(f"- **{s.name}**: " + "; ".join(f"{g.label} ({g.description})"
                                                     for g in s.grades))
    return "\n".join(parts)


def _levels() -> str:
    rules = scr.load_rules()
    return "\n".join(f"- **{level.capitalize()}**: {rules.level_description(level)}"
                     for level in scr.LEVELS)


def _screening() -> str:
    rules = scr.load_rules()
    names = {p: rules.procedure_name(p) for p in scr.PROCEDURES}
    lines = [f"## What a yes means\n\n| Question | {names['fat_transfer']} | "
             f"{names['mesotherapy']} |\n|---|---|---|"]
    for q in rules.questions:
        cells = []
        for p in scr.PROCEDURES:
            rule = next((r for r in rules.rules_for(p) if r.question_id == q.id), None)
            if rule is None:
                cells.append("—")
            else:
                wait = f" ({rule.wait})" if rule.wait else ""
                cells.append(f"{rule.level}{wait}" + ("" if rule.verified else " *unverified*"))
        lines.append(f"| {q.text} | {cells[0]} | {cells[1]} |")
    lines.append(f"\nQuestionnaire {rules.id}, version {rules.version}.")
    return "\n".join(lines)


def _series() -> str:
    out = []
    for p in PROCEDURES:
        protocol = load_protocol(p)
        s = protocol.series
        interval = (f", {s.interval_min_days} to {s.interval_max_days} days apart"
                    if s.interval_default_days else "")
        count = (f"{s.sessions_min}" if s.sessions_min == s.sessions_max
                 else f"{s.sessions_min} to {s.sessions_max}")
        out.append(f"- **{protocol.title}**: {count} session(s){interval}. "
                   f"{s.source}{_unverified(s.verified)}")
    return "\n".join(out)


def _doses() -> str:
    protocol = load_protocol("fat_transfer")
    lines = ["## Anaesthetic dose limits (fat transfer)",
             "The checklist works out mg (1 % = 10 mg per ml) and mg per kg from the volume, "
             "the concentration and the patient's weight, and compares them with the limit:"]
    for d in protocol.dose_limits:
        lines.append(f"- **{d.label}**: {d.mg_per_kg:g} mg/kg, never more than {d.max_mg:g} mg; "
                     f"a warning from {d.warn_fraction:.0%} of the limit. Source: {d.source}"
                     f"{_unverified(d.verified)}")
    lines.append("Above the limit the step stops unless you record a written reason. The limits "
                 "are clinic settings in `resources/protocols/fat_transfer.toml`.")
    return "\n\n".join(lines)


def _volumes() -> str:
    protocol = load_protocol("fat_transfer")
    lines = ["## Volume checks (fat transfer)"]
    for check in protocol.checks:
        if check.kind == "sum_at_most":
            lines.append("- " + check.message.replace("({total} {unit})", "")
                         .replace("({limit} {unit})", "").replace("  ", " "))
    return "\n".join(lines)


def _follow_ups() -> str:
    out = []
    for p in PROCEDURES:
        protocol = load_protocol(p)
        out.append(f"## {protocol.title}")
        for rule in protocol.follow_ups:
            span = f"{rule.offset_from} to {rule.offset_to} {rule.unit}"
            mark = " *(proposed)*" if rule.proposed else ""
            out.append(f"- **{rule.label}**: {span} after the session{mark}"
                       f"{_unverified(rule.verified)}")
    return "\n".join(out)


def _spacing() -> str:
    out = []
    for p in PROCEDURES:
        protocol = load_protocol(p)
        for rule in protocol.spacing:
            after = load_protocol(rule.after).title if rule.after in PROCEDURES else rule.after
            out.append(f"- **{protocol.title}** at least {rule.days} days after **{after}** on "
                       f"the same hands: {rule.reason} ({rule.source}){_unverified(rule.verified)}")
    return "\n".join(out)


_FILLERS = {"spacing": _spacing, "merz": _merz, "fitzpatrick": _fitzpatrick, "skin": _skin, "levels": _levels,
            "screening": _screening, "series": _series, "doses": _doses, "volumes": _volumes,
            "follow_ups": _follow_ups}


def topics(lang: str = "en") -> list[str]:
    """Every help page available."""
    folder = resource_path("help", lang)
    return sorted(p.stem for p in folder.glob("*.md"))


def help_page(topic: str, lang: str = "en") -> str:
    """The page for a screen, as Markdown, its placeholders filled from the content files."""
    path = resource_path("help", lang, f"{topic}.md")
    if not path.is_file():
        path = resource_path("help", "en", f"{topic}.md")
    if not path.is_file():
        raise UserError(f"There is no help page named {topic!r}.")
    text = path.read_text(encoding="utf-8")

    def fill(match: re.Match) -> str:
        filler = _FILLERS.get(match.group(1))
        return filler() if filler else match.group(0)

    return _PLACEHOLDER.sub(fill, text)
