"""In-app help: one page per screen, written for practitioners, in ``resources/help/<lang>/``.

Pages may hold placeholders such as ``{{merz}}`` or ``{{doses}}``; they are filled from the
clinic's own content files (scales, screening rules, protocols), so the help always shows the
thresholds the app actually uses, with their sources and whether they are verified.
"""

from __future__ import annotations

import re

from rejuv_desktop.content import resource_path
from rejuv_desktop.domain import screening as scr
from rejuv_desktop.domain.dose import MAX_WEIGHT_KG, MIN_WEIGHT_KG
from rejuv_desktop.domain.procedures import is_procedure, procedure_ids
from rejuv_desktop.domain.procedures import procedure as registered
from rejuv_desktop.domain.protocols import load_protocol
from rejuv_desktop.domain.scales import load_scales
from rejuv_desktop.errors import UserError

_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")


def _unverified(verified: bool) -> str:
    return "" if verified else " *(unverified: practice-based, for the clinic to confirm)*"


def _graded(evidence: str) -> str:
    label = f" Evidence: {scr.evidence_label(evidence)}."
    return label + (" *(unverified: practice-based, for the clinic to confirm)*"
                    if evidence == scr.UNVERIFIED else "")


def _scale_table(scale_id: str, heading: str) -> str:
    scale = load_scales().get(scale_id)
    rows = "\n".join(f"| {g.label} | {g.description} |" for g in scale.grades)
    source = f"\n\nSource: {scale.source}" if scale.source else ""
    note = f"\n\n{scale.note}" if scale.note else ""
    return (f"## {heading}\n\n| Grade | What it means |\n|---|---|\n{rows}{note}{source}"
            f"{_graded(scale.evidence)}")


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
    ids = procedure_ids()
    lines = [f"## What a yes means\n\n| Question | {' | '.join(rules.procedure_name(p) for p in ids)} |\n"
             f"|---|{'---|' * len(ids)}"]
    for q in rules.questions:
        cells = []
        for p in ids:
            rule = next((r for r in rules.rules_for(p) if r.question_id == q.id), None)
            if rule is None:
                cells.append("—")
            else:
                wait = f" ({rule.wait})" if rule.wait else ""
                unverified = " *unverified*" if rule.evidence == scr.UNVERIFIED else ""
                cells.append(f"{rule.level}{wait} [{rule.evidence}]{unverified}")
        lines.append(f"| {q.text} | {' | '.join(cells)} |")
    lines.append("\nEvidence grade of each rule's source, in brackets: "
                 + "; ".join(f"**{scr.evidence_label(g)}**" for g in scr.EVIDENCE)
                 + ". A clinic web page is a template, not evidence.")
    notes = [(q, r) for q in rules.questions for p in ids for r in rules.rules_for(p)
             if r.question_id == q.id and r.level_note]
    if notes:
        which = "the two procedures" if len(ids) == 2 else "the procedures"
        lines.append(f"\n## Why some questions weigh differently on {which}\n")
        lines.extend(f"- **{q.text}** {r.level_note}" for q, r in notes)
    lines.append(f"\nQuestionnaire {rules.id}, version {rules.version}.")
    return "\n".join(lines)


def _series() -> str:
    out = []
    for p in procedure_ids():
        protocol = load_protocol(p)
        s = protocol.series
        interval = (f", {s.interval_min_days} to {s.interval_max_days} days apart"
                    if s.interval_default_days else "")
        count = (f"{s.sessions_min}" if s.sessions_min == s.sessions_max
                 else f"{s.sessions_min} to {s.sessions_max}")
        out.append(f"- **{protocol.title}**: {count} session(s){interval}. "
                   f"{s.source}{_unverified(s.verified)}")
    return "\n".join(out)


def _with(has) -> list:
    """The protocols that have something (dose limits, volume checks), in the registry's order."""
    return [protocol for p in procedure_ids() if has(protocol := load_protocol(p))]


def _doses() -> str:
    return "\n\n".join(_doses_of(protocol) for protocol in _with(lambda x: x.dose_limits))


def _doses_of(protocol) -> str:
    lines = [f"## Anaesthetic dose limits ({registered(protocol.procedure).label.lower()})",
             "Record every anaesthetic given, one row each: each wrist block, the entry points and "
             "the donor-site infiltration, dilute tumescent solution included (concentrations "
             "down to 0.05 %). The checklist works out mg (1 % = 10 mg per ml) for every row, adds "
             "them up, divides by today's weight and compares the total with the limit. As soon "
             "as a row's agent and concentration are chosen, it shows how many ml may still be "
             "drawn up. The higher ceilings published for tumescent liposuction (Klein 35 mg/kg, "
             "ASDS 55 mg/kg) are not applied: the donor site counts against the same limit.",
             "When plain lidocaine and lidocaine with epinephrine are both given, the stricter "
             "limit applies to the total, and the panel says so."]
    for d in protocol.dose_limits:
        lines.append(f"- **{d.label}**: {d.mg_per_kg:g} mg/kg, never more than {d.max_mg:g} mg; "
                     f"a warning from {d.warn_fraction:.0%} of the limit. Source: {d.source}"
                     f"{_unverified(d.verified)}")
    lines.append("Plain lidocaine: the research reference gives a cap of 300 mg (from an "
                 "AI-generated summary, unverified); UK product information and the BNF give "
                 "200 mg for infiltration without adrenaline. The app uses the lower figure.")
    r = protocol.dose_reduction
    if r is not None:
        lines.append(f"**What lowers the limit.** A \"yes\" (or no answer) at the consultation to "
                     f"any of the screening questions on interacting medicines (CYP3A4/1A2 "
                     f"inhibitors), liver disease, heart rhythm or conduction problems, frailty "
                     f"or low body weight lowers the maximum by {r.fraction:.0%}, once; the dose "
                     f"panel lists the reasons. Source: {r.source}{_unverified(r.verified)}")
    w = protocol.weight
    lines.append(f"**Weight.** The limit rests on the weight. A consultation weight older than "
                 f"{w.reweigh_after_days} days must be confirmed by weighing the patient today; "
                 f"a weight more than {w.confirm_change_fraction:.0%} away from the "
                 "consultation's is asked about before it is saved. Allowed weights: "
                 f"{MIN_WEIGHT_KG:g} to {MAX_WEIGHT_KG:g} kg everywhere in the app.")
    lines.append("Above the limit the step stops unless you record a written reason. The limits, "
                 "the reduction and the weight rules are clinic settings in "
                 f"`resources/protocols/{protocol.procedure}.toml`.")
    return "\n\n".join(lines)


def _volumes() -> str:
    out = []
    for protocol in _with(lambda x: any(c.kind == "sum_at_most" for c in x.checks)):
        out.append(f"## Volume checks ({registered(protocol.procedure).label.lower()})")
        for check in protocol.checks:
            if check.kind == "sum_at_most":
                out.append("- " + check.message.replace("({total} {unit})", "")
                           .replace("({limit} {unit})", "").replace("  ", " "))
    return "\n".join(out)


def _follow_ups() -> str:
    out = []
    for p in procedure_ids():
        protocol = load_protocol(p)
        out.append(f"## {protocol.title}")
        for rule in protocol.follow_ups:
            span = f"{rule.offset_from} to {rule.offset_to} {rule.unit}"
            mark = " *(proposed)*" if rule.proposed else ""
            out.append(f"- **{rule.label}**: {span} after the session{mark}"
                       f"{_unverified(rule.verified)}")
    return "\n".join(out)


def _outcome_reviews() -> str:
    """What each protocol's reviews assess (the audit's time point in brackets)."""
    from rejuv_desktop.domain.outcomes import load_outcomes

    content = load_outcomes()
    out = []
    for p in procedure_ids():
        protocol = load_protocol(p)
        for rule in protocol.follow_ups:
            if rule.assess:
                asked = "; ".join(content.label("assessments", a) for a in rule.assess)
                months = f" ({rule.outcome_months} months)" if rule.outcome_months else ""
                out.append(f"- **{protocol.title}, {rule.label}**{months}: {asked}")
    return "\n".join(out)


def _published_figures() -> str:
    """The published figures the audit shows beside the clinic's, with their sources."""
    from rejuv_desktop.domain.outcomes import load_outcomes

    return "\n".join(f"- {pub.label}. {pub.source} [{pub.evidence}]"
                     for pub in load_outcomes().published)


def _merz_threshold() -> str:
    from rejuv_desktop.domain.thresholds import load_thresholds

    m = load_thresholds().merz_volume
    unverified = " *(unverified: for the clinic to confirm)*" if m.evidence == scr.UNVERIFIED else ""
    return (f"The threshold is **Merz grade {m.grade}**, a clinic setting in `recommendation.toml`: "
            f"a figure {m.borrowed_from}. Source: {m.source} [{m.evidence}]{unverified}")


def _spacing() -> str:
    out = []
    for p in procedure_ids():
        protocol = load_protocol(p)
        for rule in protocol.spacing:
            after = load_protocol(rule.after).title if is_procedure(rule.after) else rule.after
            out.append(f"- **{protocol.title}** at least {rule.days} days after **{after}** on "
                       f"the same hands: {rule.reason} ({rule.source}){_unverified(rule.verified)}")
    return "\n".join(out)


_FILLERS = {"content_overrides": lambda: _content_overrides(), "merz_threshold": _merz_threshold,
            "outcome_reviews": _outcome_reviews, "published_figures": _published_figures,
            "spacing": _spacing, "merz": _merz, "fitzpatrick": _fitzpatrick, "skin": _skin, "levels": _levels,
            "screening": _screening, "series": _series, "doses": _doses, "volumes": _volumes,
            "follow_ups": _follow_ups}


def _content_overrides() -> str:
    from rejuv_desktop.services.content_check import overrides

    found = overrides()
    folder = _overrides_folder()
    if not found:
        return (f"This clinic overrides no content file: everything is as packaged. The clinic's own "
                f"copies go in `{folder}`.")
    rows = []
    for o in found:
        version = o.version or "—"
        if o.added:
            status = "adds to the packaged content"
        elif o.used:
            status = f"replaces the packaged file (version {o.packaged_version or '—'})"
            if o.missing:
                status += f"; **lacks {len(o.missing)} packaged question(s)**: {', '.join(o.missing)}"
        else:
            status = f"**not used**: {o.why_unused}"
        rows.append(f"| `{o.relative}` | {o.id or '—'} | {version} | {status} |")
    return (f"Files this clinic overrides, in `{folder}`:\n\n| File | Id | Version | Status |\n"
            "|---|---|---|---|\n" + "\n".join(rows))


def _overrides_folder() -> str:
    from rejuv_desktop.content import overrides_dir

    return str(overrides_dir())


def known_placeholders() -> frozenset[str]:
    """The ``{{name}}`` placeholders a help page may use."""
    return frozenset(_FILLERS)


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
