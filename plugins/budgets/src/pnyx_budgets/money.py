"""Money as whole minor units (cents), read from forms and shown in the reader's locale.

Amounts are stored as integers of the currency's minor unit (ISO 4217: two
decimals for EUR, none for JPY). Typed amounts are read as ``Decimal`` and
refused when they have more decimals than the currency: no rounding, ever.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from fractions import Fraction

from babel.numbers import get_currency_precision

from pnyx import api

CURRENCIES = ("EUR", "CHF", "GBP", "USD", "CAD", "PLN", "XPF", "XOF")


def precision(currency: str) -> int:
    """Decimals of ``currency``'s minor unit (2 for EUR)."""
    try:
        return int(get_currency_precision(currency))
    except (KeyError, ValueError):
        return 2


#: The largest amount in major units (a thousand billion): beyond, a typo or an attack.
MAX_AMOUNT = Decimal(10) ** 12


def to_minor(amount: Decimal | int | str, currency: str) -> int:
    """``Decimal("12.50")`` EUR → 1250; raises ``ValueError`` for finer amounts."""
    text = str(amount).strip().replace(" ", "").replace(",", ".")
    try:
        value = Decimal(text) if text.isascii() else Decimal("NaN")
    except InvalidOperation:
        raise ValueError(f"not an amount: {amount!r}") from None
    # NaN, Infinity and absurd amounts would overflow the database's BIGINT or compare false.
    if not value.is_finite() or abs(value) >= MAX_AMOUNT:
        raise ValueError(f"not an amount: {amount!r}")
    scaled = value.scaleb(precision(currency))
    if scaled != scaled.to_integral_value():
        raise ValueError(f"{amount} has more decimals than {currency} allows")
    return int(scaled)


def to_major(minor: int | Fraction, currency: str) -> Decimal:
    """1250 → ``Decimal("12.50")``; a fraction (an MES share) is rounded to the minor unit."""
    if isinstance(minor, Fraction):
        minor = round(minor)
    return Decimal(int(minor)).scaleb(-precision(currency))


def format_money(minor: int | Fraction | None, currency: str) -> str:
    """An amount for people, in the current locale: ``1 250,00 €`` in French.

    Through :func:`pnyx.api.format_currency`, like every amount of every plugin: the
    reader's conventions (French ones for Corsican), no line break inside the amount.
    """
    if minor is None:
        return ""
    return api.format_currency(to_major(minor, currency), currency)
