"""The legal rules of the clinic's country, as content: ``resources/legal/<file>.toml``.

``default.toml`` holds today's behaviour (no quote, no legal waiting period) and names the rules
file of each country that has one. A country's file says, per procedure, when a detailed quote
(devis) is required (``always``, or ``from_amount`` of the quote's total), how many days must
pass after the signed quote before the first session, whether a doctor may waive that delay,
and the text of the article the quote must reproduce. Pure: the clinic's country and the
amounts are passed in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from rejuv_desktop.content import ContentFile, load_toml, when_overrides_change
from rejuv_desktop.errors import ContentError

REQUIRED = ("always", "from_amount")


@dataclass(frozen=True)
class Article:
    """A legal text a document must reproduce."""

    code: str
    title: str
    text: str
    verified: bool
    unverified_note: str = ""


@dataclass(frozen=True)
class DevisRule:
    """When a procedure needs a signed quote, and the delay that follows its signature."""

    procedure: str
    required: str
    from_amount: Decimal | None
    reflection_days: int
    waivable: bool
    article: Article | None
    source: str

    def needed(self, total: Decimal | None) -> bool:
        """Whether a quote is required for a plan whose quote would total ``total`` (None:
        the amount is not known yet, so the quote is asked for)."""
        if self.required == "always":
            return True
        return total is None or total <= 0 or total >= (self.from_amount or Decimal(0))

    def reflection_end(self, signed_on: date) -> date:
        """The first day a session may take place after the quote signed on ``signed_on``."""
        return signed_on + timedelta(days=self.reflection_days)


@dataclass(frozen=True)
class LegalRules:
    """The rules of one country (or the default rules)."""

    id: str
    version: int
    country: str | None
    lang: str = "en"
    currency: str = "EUR"
    number_prefix: str = "DV"
    devis: dict[str, DevisRule] = field(default_factory=dict)

    def devis_rule(self, procedure: str) -> DevisRule | None:
        """The quote rule of a procedure, None when none applies."""
        return self.devis.get(procedure)


def _amount(cf: ContentFile, value, what: str) -> Decimal:
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise cf.error(f"'{what}' must be a number, not {value!r}", what) from None
    if amount < 0:
        raise cf.error(f"'{what}' cannot be negative", what)
    return amount


def read_rules(cf: ContentFile) -> LegalRules:
    """A rules file checked: a mistake names the file and line."""
    d = cf.data
    if not isinstance(d.get("id"), str) or "version" not in d:
        raise cf.error("a legal rules file needs an 'id' and a 'version'")
    devis = d.get("devis") or {}
    articles = d.get("articles") or {}
    rules = {}
    for procedure, raw in (devis.get("procedures") or {}).items():
        if not isinstance(raw, dict):
            raise cf.error(f"[devis.procedures.{procedure}] must be a table", procedure)
        required = raw.get("required")
        if required not in REQUIRED:
            raise cf.error(f"'required' must be one of {', '.join(REQUIRED)}", "required")
        days = raw.get("reflection_days", 0)
        if not isinstance(days, int) or not 0 <= days <= 90:
            raise cf.error("'reflection_days' must be a whole number of days, 0 to 90",
                           "reflection_days")
        from_amount = _amount(cf, raw.get("from_amount", 0), "from_amount") \
            if required == "from_amount" else None
        code = raw.get("article") or ""
        article = None
        if code:
            a = articles.get(code)
            if not isinstance(a, dict) or not str(a.get("text", "")).strip():
                raise cf.error(f"the article {code} is named but its text is not in "
                               f"[articles.{code}]", code)
            article = Article(code, str(a.get("title", code)), " ".join(str(a["text"]).split()),
                              a.get("verified") is True, str(a.get("unverified_note", "")))
        rules[procedure] = DevisRule(procedure, required, from_amount, days,
                                     raw.get("waivable", True) is not False, article,
                                     str(raw.get("source", "")))
    return LegalRules(str(d["id"]), int(d["version"]), d.get("country"),
                      str(devis.get("lang", "en")), str(devis.get("currency", "EUR")),
                      str(devis.get("number_prefix", "DV")), rules)


@lru_cache(maxsize=8)
def load_rules(country: str | None) -> LegalRules:
    """The rules that apply to a clinic in ``country`` (a country code; None or a country
    without a rules file: the default rules, which change nothing)."""
    default = load_toml("legal/default.toml")
    countries = default.data.get("countries") or {}
    name = countries.get(country or "")
    if not name:
        return read_rules(default)
    cf = load_toml(f"legal/{name}.toml")
    rules = read_rules(cf)
    if rules.country not in (None, country):
        raise cf.error(f"this file holds the rules of {rules.country}, not {country}", "country")
    return rules


when_overrides_change(load_rules.cache_clear)


# --- the price list -----------------------------------------------------------------------------

@dataclass(frozen=True)
class PriceItem:
    """One line of the clinic's price list."""

    id: str
    procedure: str
    kind: str  # act, product, fee
    per: str  # session, plan
    amount: Decimal
    labels: dict[str, str]


KINDS = ("act", "product", "fee")


@lru_cache(maxsize=1)
def price_list() -> tuple[PriceItem, ...]:
    """The clinic's price list (``resources/prices.toml``, or the clinic's own copy)."""
    return read_price_list(load_toml("prices.toml"))


def read_price_list(cf: ContentFile) -> tuple[PriceItem, ...]:
    """A price list file checked: a mistake names the file and line."""
    items = cf.data.get("items")
    if not isinstance(items, list):
        raise cf.error("the price list needs [[items]]")
    out = []
    for raw in items:
        if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
            raise cf.error("each item needs an 'id'", "[[items]]")
        item_id = raw["id"]
        if raw.get("kind") not in KINDS:
            raise cf.error(f"item {item_id}: 'kind' must be one of {', '.join(KINDS)}", item_id)
        if raw.get("per") not in ("session", "plan"):
            raise cf.error(f"item {item_id}: 'per' must be session or plan", item_id)
        labels = raw.get("label")
        if not isinstance(labels, dict) or not labels \
                or not all(isinstance(v, str) and v.strip() for v in labels.values()):
            raise cf.error(f"item {item_id}: 'label' must give its words per language", item_id)
        out.append(PriceItem(item_id, str(raw.get("procedure", "")), raw["kind"], raw["per"],
                             _amount(cf, raw.get("amount", 0), "amount"), dict(labels)))
    return tuple(out)


when_overrides_change(price_list.cache_clear)


def label_of(item: PriceItem, lang: str) -> str:
    """The item's words in ``lang``; a missing translation is a content error."""
    if lang not in item.labels:
        raise ContentError(load_toml("prices.toml").path, None,
                           f"item {item.id} has no label in '{lang}'")
    return item.labels[lang]
