"""The consultation's outcome in the words the summary and the consent print, per language.

The services hand over the stored consultation; what was decided for each screening point, the
plan's lines, the reflection-period warning and what happens next are worded here, from the
``[summary]`` patterns of ``resources/documents/<lang>/phrases.toml`` and the language's labels.
"""

from __future__ import annotations

from datetime import date

from rejuv_desktop.documents.labels import Labels
from rejuv_desktop.documents.phrases import Phrasebook
from rejuv_desktop.domain import consultation as dc
from rejuv_desktop.domain import plan_binding as pb


class ConsultationWords:
    """One language's wording of a consultation's outcome."""

    def __init__(self, book: Phrasebook, labels: Labels, rules=None):
        # ``rules``: the screening in this language, to word a stored reason again; None keeps
        # the sentence stored with the consultation (the app's own language).
        self.book, self.labels, self.rules = book, labels, rules

    def _say(self, key: str, **values) -> str:
        return self.book.summary(key, **values)

    def by(self, entry: dict) -> str:
        """Who wrote an entry, and the day: "Dr Claire Martin, 7 December 2026"."""
        when = (entry.get("at") or "")[:10]
        if not when:
            return entry.get("by", "")
        return self._say("written_by", by=entry.get("by", ""),
                         date=self.labels.date(date.fromisoformat(when)))

    def decision(self, consultation: dict, procedure: str, reason: dict) -> tuple[str, str]:
        """(what was decided, by whom) for one screening reason of a procedure, as printed."""
        data = consultation["record"]
        chosen = procedure in data.chosen
        level = reason["level"]
        consulted_by = " ".join(x for x in (consultation.get("practitioner_title"),
                                            consultation.get("practitioner_name")) if x)
        if level == "contraindicated":
            return self._say("not_suitable"), consulted_by
        if not chosen:
            return self._say("not_planned_wait" if level == "defer" else "not_planned"), consulted_by
        if level == "defer":
            override = pb.override(data, procedure)
            if override:
                return self._say("override", text=override["text"]), self.by(override)
            start = data.plan.get(procedure, {}).get("start")
            if start:
                return (self._say("planned_after_wait_on", date=self.labels.date(date.fromisoformat(start))),
                        consulted_by)
            return self._say("planned_after_wait"), consulted_by
        justification = data.justifications.get(procedure) or {}
        return (justification.get("text", "") or self._say("to_confirm"),
                justification.get("by", consulted_by))

    def screening_points(self, consultation: dict,
                         procedures: tuple[str, ...]) -> list[tuple[str, str, str, str]]:
        """(procedure, what was found, what was decided, by) for every reason that is not eligible."""
        rows = []
        for p in procedures:
            verdict = consultation["screening"].get("verdicts", {}).get(p) or {}
            for r in verdict.get("reasons", []):
                if r["level"] == "eligible":
                    continue
                what, by = self.decision(consultation, p, r)
                rows.append((p, self.reason(p, r), what, by))
        return rows

    def reason(self, procedure: str, reason: dict) -> str:
        """A stored screening reason in this language: from the screening's words by question
        and procedure, or as stored when this is the language it was stored in."""
        if self.rules is None:
            return reason["text"]
        rule = next((r for r in self.rules.rules_for(procedure)
                     if r.question_id == reason.get("question_id")), None)
        if rule is None:  # a rule the clinic has since removed: the sentence as stored
            return reason["text"]
        if reason.get("answer") == "unknown":
            return self._say("reason_unknown",
                             statement=self.rules.question(rule.question_id).statement)
        if rule.wait and reason.get("level") == "defer":
            return self._say("reason_wait", reason=rule.reason, wait=rule.wait)
        return rule.reason

    def reflection_warning(self, first: date, given_on: date, days: int,
                           legal: bool = False) -> str | None:
        """The warning printed when the first session falls inside the reflection period;
        ``legal``: the wait the law sets after the signed quote, counted from ``given_on``,
        which no one can shorten."""
        end = pb.reflection_end(given_on, days)
        if first >= end:
            return None
        return self._say("reflection_warning_legal" if legal else "reflection_warning",
                         first=self.labels.date(first), days=days, end=self.labels.date(end))

    def plan_line(self, name: str, sessions: list[str], data, procedure: str) -> str:
        """"Fat transfer to the hands — Session 1: 7 December 2026", with why it was planned
        when the recommendation or the screening did not support it."""
        parts = [self._say("plan_line", procedure=name, sessions=self.labels.semicolon.join(sessions))]
        unsupported = pb.unsupported_reason(data, procedure)
        if unsupported:
            parts.append(self._say("planned_unsupported", text=unsupported["text"], by=self.by(unsupported)))
        override = pb.override(data, procedure)
        if override:
            parts.append(self._say("planned_override", by=self.by(override)))
        return ". ".join(parts)

    def plan_warning(self, name: str, warning: str) -> str:
        """A plan's warning under its procedure's name."""
        return self._say("plan_warning", procedure=name, warning=f"{warning[:1].lower()}{warning[1:]}")

    def nothing_planned(self, reason: str) -> str:
        """The plan's one line when no procedure was planned."""
        return self._say("nothing_planned", reason=reason)

    def screening_point(self, name: str, text: str) -> str:
        """A screening point under its procedure's name."""
        return self._say("screening_point", procedure=name, text=text)

    def hand(self, side: str, findings: list[str]) -> str:
        """"Left hand: skin hydration: poor; brown spots: none": each finding set apart."""
        return self._say(f"{side}_hand", findings=self.labels.semicolon.join(findings))

    def hand_finding(self, name: str, value: str) -> str:
        """One examination finding of a hand."""
        return self._say("hand_finding", name=name, value=value)

    def brown_spots(self, value: str) -> str:
        """The brown spots seen on a hand."""
        return self._say("brown_spots", value=value)

    def suspicious_lesion(self) -> str:
        """A suspicious lesion seen on a hand."""
        return self._say("suspicious_lesion")

    def next_steps(self, c: dict, rules) -> list[str]:
        """What happens next when a procedure cannot go ahead: a referral first (a suspicious
        lesion), then what is ruled out and what can be considered instead, then what waits."""
        d = c["record"]
        out: list[str] = []
        if dc.suspicious_lesion(d):
            out.append(self._say("referral"))
        verdicts = c["screening"]["verdicts"]
        ruled_out = [p for p, v in verdicts.items() if v["level"] == "contraindicated"]
        possible = [p for p, v in verdicts.items() if v["level"] in ("eligible", "caution")]
        join = self.book.word("list_and").join
        if ruled_out:
            names = join(rules.procedure_name(p) for p in ruled_out)
            names = f"{names[0].upper()}{names[1:]}"
            parts = [self._say("ruled_out_one" if len(ruled_out) == 1 else "ruled_out_many", names=names)]
            if possible:
                parts.append(self._say("instead", names=join(rules.procedure_name(p) for p in possible).capitalize()))
            else:
                parts.append(self._say("ask_own_doctor"))
            spots = "lentigines" in d.concerns or any(
                d.hand(s).lentigines in ("few", "many") for s in dc.SIDES)
            if spots:
                parts.append(self._say("spots_options"))
            parts.append(self._say("no_treatment_valid"))
            out.append(" ".join(parts))
        for p, v in verdicts.items():
            if v["level"] != "defer":
                continue
            name = rules.procedure_name(p).capitalize()
            if p in d.chosen and pb.override(d, p):
                out.append(self._say("deferred_overridden", name=name))
            elif p in d.chosen:
                out.append(self._say("deferred_planned", name=name))
            else:
                out.append(self._say("deferred_not_planned", name=name))
        return out
