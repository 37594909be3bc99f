"""The words of what the law of the clinic's country asks (the quote, the wait after it), made
here from the codes the services return."""

from __future__ import annotations

from decimal import Decimal

from rejuv_desktop.ui.i18n import Context, current_language, fmt_date, locale


class LegalWords(Context):
    """The context of the legal rules' words in the catalogues."""


def money(amount, currency: str) -> str:
    """An amount as the interface's language writes it, with its currency: ``300 €``,
    ``45,50 €``; cents only when there are some."""
    value = Decimal(amount)
    return locale().toCurrencyString(float(value), "€" if currency == "EUR" else currency,
                                     0 if value == value.to_integral_value() else 2)


def wait_text(wait) -> str:
    """A session-gate wait in words, in the interface's language where its code and date say it
    all (the legal wait after the signed quote, the planned date, the reflection period, a
    deferral); else the wait's own text."""
    if wait.code == "devis_reflection":
        text = LegalWords.tr(
            "The law requires {days} days after the quote signed on {signed}: no session "
            "before {until}.").format(days=wait.params.get("days"),
                                      signed=fmt_date(wait.params.get("signed_on")),
                                      until=fmt_date(wait.until))
        if not wait.waivable:
            text += " " + LegalWords.tr("This delay cannot be waived, even at the patient's "
                                        "request.")
        return text
    # The core's waits whose words need only their date, in the interface's language.
    if wait.code == "planned_date":
        return LegalWords.tr("The plan dates this session {day}.").format(day=fmt_date(wait.until))
    if wait.code == "reflection":
        return LegalWords.tr("The reflection period after the consultation and consent ends "
                             "{day}.").format(day=fmt_date(wait.until))
    if wait.code == "deferral":
        return LegalWords.tr("The screening deferred this procedure until {day}.").format(
            day=fmt_date(wait.until))
    return wait.text or wait.code


def refusal_text(refusal: tuple[str, str] | None) -> str:
    """Why the quote stops every session of a plan, in words ("" when it does not)."""
    if not refusal:
        return ""
    code, number = refusal
    if code == "devis_missing":
        return LegalWords.tr("The law requires a detailed quote (devis) signed by the patient "
                             "first: issue it in the Documents tab and record the signature.")
    return LegalWords.tr("The quote {number} is not signed yet: record the patient's signature "
                         "in the Documents tab.").format(number=number)


def warning_text(warning) -> str:
    """A first session dated inside the legal wait after the quote, in words ("" when not)."""
    if warning is None:
        return ""
    if warning.signed_on is None:
        return LegalWords.tr(
            "The first session ({start}) is before {until}: the law requires {days} days after "
            "the signed quote, counted from a quote signed today.").format(
            start=fmt_date(warning.start), until=fmt_date(warning.until), days=warning.days)
    return LegalWords.tr(
        "The first session ({start}) is before {until}: the law requires {days} days after the "
        "quote signed on {signed}.").format(
        start=fmt_date(warning.start), until=fmt_date(warning.until), days=warning.days,
        signed=fmt_date(warning.signed_on))


def legal_note(legal: tuple) -> str:
    """What the Due list says of a planned session the quote still holds back."""
    if legal[0] == "devis_reflection":
        return LegalWords.tr("Quote signed on {signed}: not before {until} (legal wait).").format(
            signed=fmt_date(legal[2]), until=fmt_date(legal[1]))
    if legal[0] == "devis_unsigned":
        return LegalWords.tr("Quote {number} not signed yet.").format(number=legal[1])
    return LegalWords.tr("Quote (devis) to issue and sign first.")


def procedure_words(procedure: str) -> str:
    """A procedure's name in the interface's language, as the content names it."""
    from rejuv_desktop.domain import screening as scr

    return scr.load_rules(lang=current_language()).procedure_name(procedure).capitalize()


def legal_rules_text(country: str | None) -> str:
    """What the legal rules of ``country`` ask of the app, in a sentence per procedure."""
    from rejuv_desktop.services import devis

    rules = devis.rules_for(country)
    if not rules.devis:
        return LegalWords.tr("No legal quote or waiting period is added for this country.")
    out = []
    for procedure, rule in rules.devis.items():
        name = procedure_words(procedure)
        if not name:
            continue
        if rule.required == "always":
            text = LegalWords.tr("{name}: a detailed quote (devis) signed by the patient first.")
        else:
            text = LegalWords.tr("{name}: a detailed quote (devis) signed by the patient from "
                                 "{amount}.")
        text = text.format(name=name, amount=money(rule.from_amount, rules.currency)
                           if rule.from_amount is not None else "")
        if rule.reflection_days and not rule.waivable:
            text += " " + LegalWords.tr("Then {days} days before the first session, which no one "
                                        "can waive.").format(days=rule.reflection_days)
        elif rule.reflection_days:
            text += " " + LegalWords.tr("Then {days} days before the first session.").format(
                days=rule.reflection_days)
        out.append(text)
    return "\n".join(out)
