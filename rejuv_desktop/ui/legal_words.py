"""The words of what the law of the clinic's country asks (the quote, the wait after it), made
here from the codes the services return."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from rejuv_desktop.domain.dates import format_day


def _tr(text: str) -> str:
    return QCoreApplication.translate("LegalWords", text)


def wait_text(wait) -> str:
    """A session-gate wait in words: its own text, or the legal wait after the signed quote."""
    if wait.code == "devis_reflection":
        text = _tr("The law requires {days} days after the quote signed on {signed}: no session "
                   "before {until}.").format(days=wait.params.get("days"),
                                             signed=format_day(wait.params.get("signed_on")),
                                             until=format_day(wait.until))
        if not wait.waivable:
            text += " " + _tr("This delay cannot be waived, even at the patient's request.")
        return text
    return wait.text or wait.code


def refusal_text(refusal: tuple[str, str] | None) -> str:
    """Why the quote stops every session of a plan, in words ("" when it does not)."""
    if not refusal:
        return ""
    code, number = refusal
    if code == "devis_missing":
        return _tr("The law requires a detailed quote (devis) signed by the patient first: issue "
                   "it in the Documents tab and record the signature.")
    return _tr("The quote {number} is not signed yet: record the patient's signature in the "
               "Documents tab.").format(number=number)


def warning_text(warning) -> str:
    """A first session dated inside the legal wait after the quote, in words ("" when not)."""
    if warning is None:
        return ""
    if warning.signed_on is None:
        return _tr("The first session ({start}) is before {until}: the law requires {days} days "
                   "after the signed quote, counted from a quote signed today.").format(
            start=format_day(warning.start), until=format_day(warning.until), days=warning.days)
    return _tr("The first session ({start}) is before {until}: the law requires {days} days "
               "after the quote signed on {signed}.").format(
        start=format_day(warning.start), until=format_day(warning.until), days=warning.days,
        signed=format_day(warning.signed_on))


def legal_note(legal: tuple) -> str:
    """What the Due list says of a planned session the quote still holds back."""
    if legal[0] == "devis_reflection":
        return _tr("Quote signed on {signed}: not before {until} (legal wait).").format(
            signed=format_day(legal[2]), until=format_day(legal[1]))
    if legal[0] == "devis_unsigned":
        return _tr("Quote {number} not signed yet.").format(number=legal[1])
    return _tr("Quote (devis) to issue and sign first.")


def legal_rules_text(country: str | None) -> str:
    """What the legal rules of ``country`` ask of the app, in a sentence per procedure."""
    from rejuv_desktop.domain.procedures import procedure as registered
    from rejuv_desktop.services import devis

    rules = devis.rules_for(country)
    if not rules.devis:
        return _tr("No legal quote or waiting period is added for this country.")
    out = []
    for procedure, rule in rules.devis.items():
        try:
            name = registered(procedure).label
        except KeyError:
            continue
        if rule.required == "always":
            text = _tr("{name}: a detailed quote (devis) signed by the patient first.")
        else:
            text = _tr("{name}: a detailed quote (devis) signed by the patient from {amount}.")
        text = text.format(name=name, amount=f"{rule.from_amount} {rules.currency}")
        if rule.reflection_days and not rule.waivable:
            text += " " + _tr("Then {days} days before the first session, which no one can "
                              "waive.").format(days=rule.reflection_days)
        elif rule.reflection_days:
            text += " " + _tr("Then {days} days before the first session.").format(
                days=rule.reflection_days)
        out.append(text)
    return "\n".join(out)
