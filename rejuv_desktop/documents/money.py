"""Amounts of money as a document prints them, in the document's language."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

_SYMBOLS = {"EUR": "€", "GBP": "£", "USD": "$", "CHF": "CHF"}


def format_money(amount: Decimal, lang: str, currency: str = "EUR") -> str:
    """``1 234,50 €`` in French, ``€1,234.50`` otherwise (a narrow no-break space groups the
    thousands in French, as the Imprimerie nationale's rules write them)."""
    amount = Decimal(amount).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    symbol = _SYMBOLS.get(currency, currency)
    text = f"{amount:,.2f}"
    if lang == "fr":
        text = text.replace(",", "\u202f").replace(".", ",")
        return f"{text}\u00a0{symbol}"
    return f"{symbol}{text}" if len(symbol) == 1 else f"{text} {symbol}"


def format_quantity(quantity: Decimal, lang: str) -> str:
    """A quantity without needless decimals (``2``, ``1,5`` in French)."""
    text = format(Decimal(quantity).normalize(), "f")
    return text.replace(".", ",") if lang == "fr" else text
