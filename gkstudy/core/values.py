"""Parse one printed table cell into a number in the codebook's unit, or NA with a reason.

Never returns 0 for something that was not printed as a number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from gkstudy.core import flags
from gkstudy.core.normalize import compact, nfkc

# Printed placeholders for "nothing here" (after NFKC and dash folding).
NA_MARKERS = frozenset({"-", "--", "---", "/", "//", "\\", "无", "空", "N/A", "NA", "n/a", "×", "x", "X", "-/-"})

# ASCII digits only (NFKC has already folded full-width ones): int() would also take the digits
# of other scripts (𐴰 is a zero), which no report prints in its tables.
_NUMBER = re.compile(
    r"^(?P<sign>[+-])?(?P<num>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?|\.[0-9]+)"
    r"(?P<unit>万元|元|亿元|件|项|个|条|次|宗|家|人次|人)?$"
)
_DIGITS_APART = re.compile(r"[0-9]\s+[0-9]")
_MONEY_FACTOR = {"万元": Decimal(1), "元": Decimal("0.0001"), "亿元": Decimal(10000)}


@dataclass(frozen=True)
class ParsedValue:
    value: float | int | None
    flag: str = ""

    @property
    def is_na(self) -> bool:
        return self.value is None


def looks_like_value(text: str) -> bool:
    """True for a printed number (any unit) or an NA placeholder; False for labels and blanks."""
    s = compact(text)
    return bool(s) and (s in NA_MARKERS or bool(_NUMBER.match(s)))


def is_blank(text: str) -> bool:
    return not compact(text)


def parse_value(raw: str, unit: str = "件", stated_unit: str = "") -> ParsedValue:
    """Parse ``raw`` for a cell whose codebook unit is ``unit`` (件, 项 or 万元).

    ``stated_unit`` is a unit the column header states (``本年收费金额（单位：万元）``). Amounts
    printed in 元 or 亿元 are converted to 万元 and flagged ``unit_converted``; a bare non-zero
    amount with no unit stated anywhere is taken as 万元 and flagged ``unit_assumed``.
    """
    s = compact(raw)
    if not s:
        return ParsedValue(None, flags.BLANK)
    if _DIGITS_APART.search(nfkc(raw)):  # "59 18": two numbers, or one cut in two — never 5918
        return ParsedValue(None, flags.UNREADABLE)
    if s in NA_MARKERS:
        return ParsedValue(None, flags.PRINTED_NA)
    m = _NUMBER.match(s)
    if not m:
        return ParsedValue(None, flags.UNREADABLE)
    try:
        number = Decimal(m.group("num").replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the regex only admits valid decimals
        return ParsedValue(None, flags.UNREADABLE)
    if m.group("sign") == "-":
        number = -number
    printed_unit = m.group("unit") or stated_unit
    found: list[str] = []
    if unit == "万元":
        if printed_unit in _MONEY_FACTOR and printed_unit != "万元":
            number *= _MONEY_FACTOR[printed_unit]
            found.append(flags.UNIT_CONVERTED)
        elif printed_unit and printed_unit not in _MONEY_FACTOR:
            return ParsedValue(None, flags.WRONG_UNIT)
        elif not printed_unit and number != 0:
            found.append(flags.UNIT_ASSUMED)
        return ParsedValue(_to_number(number), flags.add("", *found))
    if printed_unit in _MONEY_FACTOR:
        return ParsedValue(None, flags.WRONG_UNIT)
    value = _to_number(number)
    if isinstance(value, float):
        found.append(flags.NON_INTEGER)
    return ParsedValue(value, flags.add("", *found))


def _to_number(d: Decimal) -> int | float:
    if d == d.to_integral_value():
        return int(d)
    return float(d)
