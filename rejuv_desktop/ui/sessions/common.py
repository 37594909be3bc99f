"""Small pieces shared by the session screens: dates as people read them, colours, labels."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QLabel

from rejuv_desktop.domain.protocol_words import procedure_words
from rejuv_desktop.ui.consultation.common import esc  # noqa: F401 - shared
from rejuv_desktop.ui.forms import ERROR_STYLE, message_label  # noqa: F401 - shared
from rejuv_desktop.ui.i18n import (Context, current_language, fmt_date, fmt_datetime, fmt_day_month,
                                  fmt_number, fmt_time)

WARNING_STYLE = "color: #8a4b00;"
DONE_STYLE = "color: #1b5e20;"
MUTED_STYLE = "color: #666; font-size: 11px;"
STATUS_NAMES = {"in_progress": QT_TRANSLATE_NOOP("Status", "in progress"),
                "completed": QT_TRANSLATE_NOOP("Status", "completed"),
                "abandoned": QT_TRANSLATE_NOOP("Status", "stopped"),
                "planned": QT_TRANSLATE_NOOP("Status", "planned"),
                "superseded": QT_TRANSLATE_NOOP("Status", "superseded"),
                "cancelled": QT_TRANSLATE_NOOP("Status", "cancelled"),
                "due": QT_TRANSLATE_NOOP("Status", "due"),
                "done": QT_TRANSLATE_NOOP("Status", "done"),
                "rescheduled": QT_TRANSLATE_NOOP("Status", "rescheduled")}


def status_name(code: str) -> str:
    """A session's, plan's or visit's status in words (the code itself if unknown)."""
    return QCoreApplication.translate("Status", STATUS_NAMES[code]) if code in STATUS_NAMES else code


class SessionEvents(QObject):
    """One per main window: screens that show sessions or follow-ups refresh on ``changed``."""

    changed = Signal()


def procedure_label(procedure: str, unknown: str | None = None) -> str:
    """The short name lists show for a procedure ("Mesotherapy"), as its protocol declares it;
    ``unknown`` (else the id itself) for one the content no longer has."""
    try:
        return procedure_words(procedure, current_language()).label
    except KeyError:
        return procedure if unknown is None else unknown


def visit_label(procedure: str | None, rule_id: str, stored: str) -> str:
    """A booked visit's name in the interface's language."""
    from rejuv_desktop.domain.protocol_words import visit_label as in_language

    return in_language(procedure, rule_id, stored, current_language())


class SessionWords(Context):
    """The words of the session screens made outside a widget (waits, key figures)."""


def wait_text(wait, procedure: str) -> str:
    """Why a session of ``procedure`` waits (a ``session_gate.Wait``), in the interface's
    language."""
    from rejuv_desktop.domain.protocols import load_protocol

    from rejuv_desktop.ui import legal_words

    lang = current_language()
    day = fmt_day(wait.until)
    if wait.code == "devis_reflection":  # the law's wait after the signed quote
        return legal_words.wait_text(wait)
    if wait.code == "planned_date":
        return SessionWords.tr("The plan dates this session {day}.").format(day=day)
    if wait.code == "reflection":
        return SessionWords.tr(
            "The reflection period after the consultation and consent ends "
            "{day}.").format(day=day)
    if wait.code == "deferral":
        return SessionWords.tr("The screening deferred this procedure until {day}.").format(
            day=day)
    if wait.code == "spacing" and wait.after:
        rule = load_protocol(procedure, lang=lang).spacing_after(wait.after)
        return SessionWords.tr(
            "{days} days must pass after the {name} session of {since} on the "
            "same hands (until {day}): {reason}").format(
            days=wait.days, name=procedure_words(wait.after, lang).name,
            since=fmt_day(wait.since), day=day, reason=rule.reason if rule else "")
    if wait.code == "later_screening":
        return SessionWords.tr("A newer screening deferred this procedure until {day}.").format(
            day=day)
    if wait.code == "maintenance":
        return SessionWords.tr("The series is done: the maintenance session is due from "
                               "{day}.").format(day=day)
    return legal_words.wait_text(wait)


def reflection_text(plan: dict) -> str:
    """The warning of a plan whose first session falls inside the reflection period."""
    r = plan.get("reflection")
    if not r:
        return plan.get("reflection_warning") or ""
    return SessionWords.tr(
        "The first {name} session ({start}) is before the end of the {days}-day reflection "
        "period ({end}): it needs a doctor's written reason to start early").format(
        name=procedure_words(plan["procedure"], current_language()).name,
        start=fmt_day(r["start"]), days=r["days"], end=fmt_day(r["end"]))


def blocked_text(plan: dict) -> str:
    """Why a newer screening stops a plan, in the interface's language."""
    facts = plan.get("blocked_facts")
    if not facts:
        return plan.get("blocked") or ""
    lang = current_language()
    name = procedure_words(plan["procedure"], lang).name
    day = fmt_day(facts["day"])
    if facts["code"] == "contraindicated":
        return SessionWords.tr(
            "The screening of {day} found {name} contraindicated: this plan cannot go ahead. "
            "Sessions follow the newest screening: plan again in a new consultation when it "
            "allows.").format(day=day, name=name)
    if facts["code"] == "amended":
        return SessionWords.tr(
            "The amendment of {day} to the consultation that made this plan no longer plans "
            "{name}: this plan does not continue. Plan it again in a new consultation if it "
            "should.").format(day=day, name=name)
    from rejuv_desktop.domain import screening as scr

    rules = scr.load_rules(lang=lang)
    waits = []
    for question in facts["questions"]:
        try:
            wait = scr.rule_for(rules, plan["procedure"], question).wait
        except KeyError:
            continue
        if wait and wait not in waits:
            waits.append(wait)
    return SessionWords.tr(
        "The screening of {day} deferred {name} ({waits}): this plan cannot go ahead until a "
        "new screening, or a doctor records an override in a consultation.").format(
        day=day, name=name, waits="; ".join(waits) or SessionWords.tr("see the screening"))


def figure_lines(procedure: str, session: dict) -> list[str]:
    """A session's key figures (``figure_parts`` of ``sessions.patient_sessions``) in the
    interface's language."""
    from rejuv_desktop.domain.protocols import load_protocol

    def number(value) -> str:
        """As a person writes it (0.05, 1.5, 20), with the language's decimal sign."""
        from rejuv_desktop.domain.protocols import format_number

        text = format_number(float(value))
        return text.replace(".", fmt_number(0.5, 1)[1]) if "." in text else text

    protocol = load_protocol(procedure, lang=current_language())
    hands = {"left": SessionWords.tr("left"), "right": SessionWords.tr("right")}
    lines = []
    for kind, p in session.get("figure_parts", ()):
        if kind == "anaesthetic":
            lines.append(SessionWords.tr("Anaesthetic: {mg} mg in all (%n entry(ies))", "",
                                         p["entries"]).format(mg=fmt_number(round(p["mg"]), 0)))
        elif kind == "volume":
            try:
                label = protocol.field(p["field"]).label
            except KeyError:
                label = p["field"]
            if p["sides"]:
                shown = ", ".join(f"{hands.get(side, side)} {number(v)} {p['unit']}"
                                  for side, v in p["sides"])
            else:
                shown = f"{number(p['value'])} {p['unit']}"
            lines.append(SessionWords.tr("{label}: {values}").format(label=label, values=shown))
        else:
            product = p["product"]
            if p.get("agent"):  # an anaesthetic: its agent, strength and site in words
                def word(field_id: str, value) -> str:
                    try:
                        return protocol.field(f"{p['step']}.{field_id}").choice_label(value)
                    except KeyError:
                        return str(value)

                product = word("agent", p["agent"])
                if isinstance(p.get("strength"), (int, float)):
                    product += f" {number(p['strength'])} %" if current_language() == "fr" \
                        else f" {number(p['strength'])}%"
                if p.get("site"):
                    product += f" ({word('site', p['site'])})"
            text = SessionWords.tr("{product}: lot {lot}").format(product=product, lot=p["lot"])
            if p["expiry"]:
                text += SessionWords.tr(", expires {day}").format(day=fmt_day(p["expiry"]))
            if p["quantity_ml"] is not None:
                text += f", {number(p['quantity_ml'])} ml"
            lines.append(text)
    return lines


def fmt_day(value: str | date | None) -> str:
    return fmt_date(value)


def fmt_window(start: date, end: date) -> str:
    """``27/11 – 02/12/2026``: a follow-up window, the year written once when it is the same."""
    if start == end:
        return fmt_day(start)
    first = fmt_day_month(start) if start.year == end.year else fmt_day(start)
    return f"{first} – {fmt_day(end)}"


def who_when(who: str, at: str, session_day: str | None = None) -> str:
    """``Dr Claire Martin, 10:32`` (the date too when it is not the session's day)."""
    from rejuv_desktop.services.sessions import BY_THE_APP

    if who == BY_THE_APP:
        who = SessionWords.tr("the app")
    moment = datetime.fromisoformat(at)
    same_day = session_day and moment.date().isoformat() == session_day
    when = fmt_time(moment) if same_day else fmt_datetime(moment)
    return f"{who}, {when}" if who else when


def muted_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setStyleSheet(MUTED_STYLE)
    return label


def show_text(label: QLabel, text: str) -> None:
    """Set a message label's text, hidden while empty."""
    label.setText(text)
    label.setVisible(bool(text))
    # A nested layout that grows or shrinks while its window is hidden does not tell the
    # layout around it; without this an editor keeps the height it had before the message.
    if label.parentWidget() is not None:
        label.parentWidget().updateGeometry()
