"""The detailed quote (devis) the law of the clinic's country may require before a procedure,
and the waiting period that follows its signature.

The clinic's country (setting ``clinic_country``) chooses the legal rules
(``domain.legal``): by default nothing here applies. Under French rules, fat transfer to the
hands needs a signed quote and 15 days after it before the first session, which no doctor can
waive; mesotherapy needs a signed quote when it costs 300 euros or more. A quote is issued from
the clinic's price list with the practitioner's edits for this plan, archived like a consent
(PDF bytes, SHA-256, template), and signed like one (a signed copy beside the issued one).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal, InvalidOperation

from rejuv_desktop.documents.context import DevisContext
from rejuv_desktop.domain import legal
from rejuv_desktop.domain import session_gate as gate
from rejuv_desktop.errors import UserError, ValidationError
from rejuv_desktop.services import settings as sset
from rejuv_desktop.storage import documents as documents_repo
from rejuv_desktop.storage import plans as plans_repo
from rejuv_desktop.storage import practitioners as practitioners_repo

MAX_LINES = 30
MAX_AMOUNT = Decimal("1000000")


def rules(store) -> legal.LegalRules:
    """The legal rules of the clinic's country (the default rules change nothing)."""
    return rules_for(sset.get_settings(store).get("clinic_country") or None)


def rules_for(country: str | None) -> legal.LegalRules:
    """The legal rules of ``country`` (a code of the clinic setting; None: the default)."""
    return legal.load_rules(country or None)


def reflection_days(store, procedure: str) -> int:
    """The reflection period before a first session of ``procedure``, in days: the clinic's
    setting, never shorter than the wait the law of the clinic's country sets after the signed
    quote (in France, 15 days for fat transfer to the hands). A clinic can make it longer."""
    rule = rules(store).devis_rule(procedure)
    return max(sset.cooling_off_days(store), rule.reflection_days if rule else 0)


def longest_reflection_days(store) -> int:
    """The longest reflection period of any procedure (the first date a plan is offered)."""
    legal = [r.reflection_days for r in rules(store).devis.values()]
    return max([sset.cooling_off_days(store), *legal])


def law_covers_reflection(store, procedure: str) -> bool:
    """Whether the law's wait after the signed quote is at least the clinic's reflection period
    for ``procedure``: its own warnings then say all there is to say (the quote is signed on or
    after the consultation, so its wait ends last)."""
    rule = rules(store).devis_rule(procedure)
    return bool(rule and rule.reflection_days > 0
                and rule.reflection_days >= sset.cooling_off_days(store))


@dataclass(frozen=True)
class Line:
    """One line of a quote: what, how many, the price of one (in the quote's currency)."""

    label: str
    quantity: Decimal
    unit_amount: Decimal
    item: str = ""  # the price-list item it came from ("" when typed)

    @property
    def amount(self) -> Decimal:
        return self.quantity * self.unit_amount

    def as_json(self) -> dict:
        return {"label": self.label, "quantity": str(self.quantity),
                "unit_amount": str(self.unit_amount), "item": self.item}

    @classmethod
    def from_json(cls, d: dict) -> "Line":
        return cls(d["label"], Decimal(d["quantity"]), Decimal(d["unit_amount"]),
                   d.get("item", ""))


def total(lines: list[Line]) -> Decimal:
    """What the quote adds up to."""
    return sum((line.amount for line in lines), Decimal(0))


def default_lines(store, plan_id: int) -> list[Line]:
    """The clinic's price list applied to a plan: each item once per planned session or once
    for the plan, worded in the quote's language."""
    plan = plans_repo.get(store, plan_id)
    lang = rules(store).lang
    out = []
    for item in legal.price_list():
        if item.procedure != plan["procedure"]:
            continue
        quantity = Decimal(plan["sessions"]) if item.per == "session" else Decimal(1)
        out.append(Line(legal.label_of(item, lang), quantity, item.amount, item.id))
    return out


def parse_amount(text) -> Decimal:
    """An amount or quantity as typed: ``2 100,50``, ``2100.50``, ``2 100,50 €``; raises
    ``InvalidOperation`` for anything else."""
    cleaned = str(text).replace("€", "").replace(",", ".")
    cleaned = "".join(cleaned.split())  # spaces, no-break spaces between thousands
    value = Decimal(cleaned)
    if not value.is_finite():
        raise InvalidOperation(text)
    return value


def check_lines(raw: list) -> list[Line]:
    """Lines as typed (``Line`` or dicts of label, quantity, unit_amount), cleaned; or
    ValidationError naming each wrong line (``lines.<n>``) and an empty or zero quote."""
    errors: dict[str, str] = {}
    out: list[Line] = []
    if not isinstance(raw, list) or not raw:
        raise ValidationError({"lines": "Add at least one line: the act and its fees"})
    if len(raw) > MAX_LINES:
        raise ValidationError({"lines": f"At most {MAX_LINES} lines"})
    for n, value in enumerate(raw, start=1):
        d = value.as_json() if isinstance(value, Line) else value
        if not isinstance(d, dict):
            errors[f"lines.{n}"] = "Not a line"
            continue
        label = " ".join(str(d.get("label") or "").split())
        try:
            quantity = parse_amount(d.get("quantity", ""))
            unit = parse_amount(d.get("unit_amount", ""))
        except InvalidOperation:
            errors[f"lines.{n}"] = "Write the quantity and the price as numbers"
            continue
        if not label:
            errors[f"lines.{n}"] = "Say what the line is for"
        elif not quantity.is_finite() or not unit.is_finite() or quantity <= 0 or unit < 0:
            errors[f"lines.{n}"] = "The quantity must be above 0 and the price 0 or more"
        elif quantity * unit > MAX_AMOUNT:
            errors[f"lines.{n}"] = "This amount is too large: check it"
        else:
            out.append(Line(label, quantity, unit.quantize(Decimal("0.01")),
                            str(d.get("item") or "")))
    if not errors and total(out) <= 0:
        errors["lines"] = ("The quote adds up to 0: enter the fees (the clinic's price list "
                           "has no amounts for this procedure)")
    if errors:
        raise ValidationError(errors)
    return out


# --- what a plan needs --------------------------------------------------------------------------

@dataclass(frozen=True)
class DevisStatus:
    """Where a plan stands with its quote."""

    rule: legal.DevisRule | None
    needed: bool
    total: Decimal | None
    """The newest quote's total, else the price list's estimate (None: no amounts set)."""
    issued: dict | None
    signed: dict | None
    signed_on: date | None
    reflection_end: date | None
    """The first day a session may take place (None until the quote is signed)."""


def status(store, plan: dict | int) -> DevisStatus:
    """Whether the plan needs a quote under the clinic's rules, and where it stands."""
    if isinstance(plan, int):
        plan = plans_repo.get(store, plan)
    rule = rules(store).devis_rule(plan["procedure"])
    if rule is None:
        return DevisStatus(None, False, None, None, None, None, None)
    issued, signed = documents_repo.devis_of_plan(store, plan["id"])
    amount = quote_of(issued)["total"] if issued else None
    if amount is None:
        estimate = total(default_lines(store, plan["id"]))
        amount = estimate if estimate > 0 else None
    signed_on = date.fromisoformat(signed["signed_at"][:10]) if signed else None
    end = rule.reflection_end(signed_on) if signed_on else None
    return DevisStatus(rule, rule.needed(amount), amount, issued, signed, signed_on, end)


def quote_of(document: dict) -> dict:
    """What an archived quote holds: lines, total, currency, operator."""
    import json

    raw = json.loads(document["quote_json"] or "{}")
    return {"lines": [Line.from_json(x) for x in raw.get("lines", [])],
            "total": Decimal(raw["total"]) if raw.get("total") else None,
            "currency": raw.get("currency", "EUR"), "operator": raw.get("operator", ""),
            "reflection_days": raw.get("reflection_days", 0)}


def session_refusal(store, plan: dict) -> tuple[str, str] | None:
    """Why no session of this plan may start at all, as ``(code, quote number)``: the quote
    the law requires is ``devis_missing`` (never issued) or ``devis_unsigned``; None when
    nothing stops it here."""
    st = status(store, plan)
    if not st.needed or st.signed is not None:
        return None
    if st.issued is None:
        return "devis_missing", ""
    return "devis_unsigned", st.issued["number"]


def session_wait(store, plan: dict, today: date) -> gate.Wait | None:
    """The waiting period after the signed quote, while it runs (None otherwise). The UI words
    it from its code and ``params`` (days, signed_on, source)."""
    st = status(store, plan)
    if not st.needed or st.reflection_end is None or today >= st.reflection_end:
        return None
    return gate.Wait("devis_reflection", st.reflection_end, "", source=st.rule.source,
                     waivable=st.rule.waivable,
                     params={"days": st.rule.reflection_days, "signed_on": st.signed_on})


@dataclass(frozen=True)
class StartTooSoon:
    """A first session dated before the end of the legal wait after the signed quote."""

    start: date
    until: date
    days: int
    signed_on: date | None
    """The day the quote was signed; None while it is not (the wait counted from today)."""


def planning_warning(store, plan: dict, today: date) -> StartTooSoon | None:
    """When a plan's first session is dated before the end of the waiting period after the
    signed quote (counted from today while the quote is not signed), what to warn about."""
    return start_warning(store, plan["procedure"], date.fromisoformat(plan["start_date"]), today,
                         status(store, plan))


def start_warning(store, procedure: str, start: date, today: date,
                  st: DevisStatus | None = None) -> StartTooSoon | None:
    """The planning warning for a first session on ``start`` (see ``planning_warning``)."""
    rule = rules(store).devis_rule(procedure)
    if rule is None or rule.reflection_days <= 0 or (st is not None and not st.needed):
        return None
    signed_on = st.signed_on if st is not None else None
    end = rule.reflection_end(signed_on or today)
    return StartTooSoon(start, end, rule.reflection_days, signed_on) if start < end else None


# --- issuing and signing ------------------------------------------------------------------------

def _operator(store, plan_id: int, operator: str | None) -> str:
    if operator is not None and operator.strip():
        return " ".join(operator.split())
    who = plans_repo.practitioner_of(store, plan_id) or store.actor_id
    if who is None:
        raise ValidationError({"operator": "Name who will operate"})
    p = practitioners_repo.get(store, who)
    return f"{p['title']} {p['name']}".strip()


def devis_context(store, plan_id: int, quote: dict, number: str, issued_on: date,
                  signature=None) -> DevisContext:
    """What the quote of a plan prints (``quote`` as ``quote_of`` returns it)."""
    from rejuv_desktop.documents.money import format_money, format_quantity
    from rejuv_desktop.services import documents as sd

    plan = plans_repo.get(store, plan_id)
    r = rules(store)
    rule = r.devis_rule(plan["procedure"])
    lang, currency = r.lang, quote["currency"]
    _patient, patient_info = sd._patient(store, plan["patient_id"])
    article = rule.article if rule else None
    return DevisContext(
        clinic=sd._clinic(store), patient=patient_info,
        practitioner=sd._practitioner(store, store.actor_id
                                      or plans_repo.practitioner_of(store, plan_id)),
        procedure=plan["procedure"], issued_on=issued_on, document_id=number,
        operator=quote["operator"],
        lines=[(line.label, format_quantity(line.quantity, lang),
                format_money(line.unit_amount, lang, currency),
                format_money(line.amount, lang, currency)) for line in quote["lines"]],
        total=format_money(total(quote["lines"]), lang, currency),
        planned_sessions=sd._session_lines(plan["procedure"], plan, lang),
        reflection_days=quote["reflection_days"],
        article_title=article.title if article else "",
        article_text=article.text if article else "",
        article_note="" if article is None or article.verified else article.unverified_note,
        signature=signature)


def render_devis(ctx: DevisContext, lang: str):
    """The quote's PDF (ReportLab imported on first use)."""
    from rejuv_desktop.documents.render import render_devis as render

    return render(ctx, lang)


def devis_job(store, plan_id: int, lines: list | None = None, operator: str | None = None):
    """The quote of a planned procedure, ready to render and archive (an ``IssueJob``).

    ``lines`` are the price list's lines for this plan as the practitioner edited them (None:
    the price list as it is); ``operator`` names who will operate when it is not the
    practitioner who held the consultation. Refused when the clinic's rules ask no quote for
    this procedure, and for a plan that no longer goes ahead."""
    from rejuv_desktop.services import documents as sd

    plan = plans_repo.get(store, plan_id)
    r = rules(store)
    rule = r.devis_rule(plan["procedure"])
    if rule is None:
        raise UserError("The clinic's country asks no quote (devis) for this procedure: set "
                        "the country in Settings if the clinic is in France.")
    if plan["status"] in ("superseded", "cancelled"):
        raise UserError("This plan was replaced by an amended consultation: issue the quote "
                        "for the current plan.")
    clean = check_lines(default_lines(store, plan_id) if lines is None else lines)
    quote = {"lines": clean, "total": total(clean), "currency": r.currency,
             "operator": _operator(store, plan_id, operator),
             "reflection_days": rule.reflection_days}
    stored = {"lines": [x.as_json() for x in clean], "total": str(quote["total"]),
              "currency": r.currency, "operator": quote["operator"],
              "reflection_days": rule.reflection_days, "rules": f"{r.id} {r.version}"}
    issued_on = store.clock().date()
    number = documents_repo.next_number(store, f"{r.number_prefix}-{store.clock():%Y%m%d}-")
    ctx = devis_context(store, plan_id, quote, number, issued_on)
    return sd._numbered_job(
        store, "devis", number, lambda n: render_devis(replace(ctx, document_id=n), r.lang),
        plan["patient_id"], procedure=plan["procedure"], consultation_id=plan["consultation_id"],
        plan_id=plan_id, lang=r.lang, quote=stored)


def issue_devis(store, plan_id: int, lines: list | None = None, operator: str | None = None):
    """Render and archive the quote of a planned procedure (see ``devis_job``)."""
    return devis_job(store, plan_id, lines, operator).run()


def signed_render(store, meta: dict, signature):
    """The signed copy of an issued quote: the same lines, dates and number, signed."""
    quote = quote_of(meta)
    ctx = devis_context(store, meta["plan_id"], quote, meta["number"],
                        date.fromisoformat(meta["created_at"][:10]), signature)
    return lambda: render_devis(ctx, meta["lang"])


def sign_devis(store, document_id: int, method: str, witness: str,
               image_png: bytes | None = None, **options):
    """Record the patient's signature on an issued quote and archive the signed copy (the
    signing of a consent, without photographs or confirmations: see
    ``documents.sign_job``)."""
    from rejuv_desktop.services import documents as sd

    return sd.sign_job(store, document_id, method, witness, image_png, **options).run()


def devis_for_cli(store, patient_id: int, procedure: str | None, lang: str | None = None):
    """The quote the command line prints: for the patient's current plan of ``procedure``.
    The quote is written in the language the country's rules set; ``lang`` (``--lang``) may
    only name that one."""
    from rejuv_desktop.services import documents as sd

    if not procedure:
        raise UserError("Say which procedure the quote is for (--procedure).")
    written_in = rules(store).lang
    if lang and lang != written_in:
        raise UserError(f"The quote is written in '{written_in}' under the rules of the clinic's "
                        f"country: leave out --lang or give '{written_in}'.")
    plan = sd.active_plan(store, patient_id, procedure)
    if plan is None:
        raise UserError("This patient has no plan for that procedure: a quote is issued for a "
                        "procedure planned in a finalised consultation.")
    issued, _signed = documents_repo.devis_of_plan(store, plan["id"])
    if issued is not None:  # a reprint keeps the lines the practitioner set for this plan
        q = quote_of(issued)
        return devis_job(store, plan["id"], q["lines"], q["operator"])
    return devis_job(store, plan["id"])
