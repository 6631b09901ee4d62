"""The arithmetic identities of tables 三 and 四 as data: Σ left = Σ right over cell keys.

Defined once here and used three ways: the error checks (``arithmetic.check_values`` runs each
identity whose cells are all read), repair (which solves them for a missing cell) and the docs
(the identities section of ``docs/formats.md`` is ``identities_markdown()``, a test keeps it so).
"""

from __future__ import annotations

from dataclasses import dataclass

from gkstudy.core import codebook

Key = tuple[str, str, str]

T3_COLS, T3_APPLICANTS = codebook.T3_COLS, codebook.T3_APPLICANTS
T4_PARTS, T4_BLOCKS = codebook.T4_PARTS, codebook.T4_ROWS
# Counts are whole numbers and amounts have two decimals: a difference below this is rounding of floats.
TOLERANCE = 1e-9

# Each identity's check name and what it states, as docs/formats.md lists them.
RULES = {
    "t3_balance": "for each of the seven columns: 一、本年新收 + 二、上年结转 = 三（七）总计 + 四、结转下年度继续办理",
    "t3_outcomes_sum": "for each of the seven columns: 三（七）总计 = the sum of the outcome rows （一）…（六） "
                       "(（六） as the report printed it: one row 其他处理, or its three sub-rows)",
    "t3_row_total": "for each row of table 三: 总计 = the sum of the six applicant columns",
    "t4_row_total": "for 行政复议, 未经复议直接起诉 and 复议后起诉: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结",
}


@dataclass(frozen=True)
class Identity:
    check: str  # the error check that tests it (a key of RULES)
    left: tuple[Key, ...]
    right: tuple[Key, ...]
    where: Key = ("", "", "")  # (table, row, col) of the check's row in checks.csv
    detail: str = ""  # the check's detail, with {left} and {right} for the two sums

    @property
    def keys(self) -> tuple[Key, ...]:
        return self.left + self.right

    @property
    def total_form(self) -> bool:
        """True for ``one total = sum of parts`` (the parts being counts, hence ≥ 0)."""
        return len(self.left) == 1


def outcome_rows(edition: str, values: dict[Key, float | int | None]) -> list[str]:
    """t3 outcome rows that add up to （七）总计: the edition's rows, but the （六） shape printed."""
    rows = [r for r in codebook.rows(edition, "t3")
            if r not in ("received", "carried_in", "total", "carried_out")]
    printed_single = values.get(("t3", "other", "total")) is not None
    printed_three = any(values.get(("t3", r, "total")) is not None for r in codebook.T3_OTHER_PARTS)
    if edition == "2021" and printed_single and not printed_three:
        rows = [r for r in rows if not r.startswith("other.")] + ["other"]
    if edition == "2019" and printed_three and not printed_single:
        rows = [r for r in rows if r != "other"] + list(codebook.T3_OTHER_PARTS)
    return rows


def identities(edition: str, values: dict[Key, float | int | None]) -> list[Identity]:
    """Every identity for the cells present in ``values`` (the printed （六） shape included)."""
    out = []
    for col in T3_COLS:
        out.append(Identity("t3_balance", (("t3", "received", col), ("t3", "carried_in", col)),
                            (("t3", "total", col), ("t3", "carried_out", col)), ("t3", "", col),
                            f"received+carried_in={{left}} vs total+carried_out={{right}} ({col})"))
        rows = outcome_rows(edition, values)
        out.append(Identity("t3_outcomes_sum", (("t3", "total", col),), tuple(("t3", r, col) for r in rows),
                            ("t3", "total", col),
                            f"（七）总计={{left}} vs sum of {len(rows)} outcome rows={{right}} ({col})"))
    for row in dict.fromkeys(r for (t, r, _c) in values if t == "t3"):
        out.append(Identity("t3_row_total", (("t3", row, "total"),), tuple(("t3", row, c) for c in T3_APPLICANTS),
                            ("t3", row, "total"), f"总计={{left}} vs six applicant columns={{right}} ({row})"))
    for row in T4_BLOCKS:
        out.append(Identity("t4_row_total", (("t4", row, "total"),), tuple(("t4", row, c) for c in T4_PARTS),
                            ("t4", row, "total"), f"总计={{left}} vs 维持+纠正+其他+尚未审结={{right}} ({row})"))
    return [i for i in out if all(k in values for k in i.keys)]


def sides(identity: Identity, values: dict[Key, float | int | None]) -> tuple[float | int, float | int] | None:
    """(Σ left, Σ right) of an identity, or None when a cell of it is NA (the identity cannot be evaluated)."""
    if any(values.get(k) is None for k in identity.keys):
        return None
    return _side(identity.left, values), _side(identity.right, values)


def _side(keys: tuple[Key, ...], values: dict[Key, float | int | None]) -> float | int:
    return values[keys[0]] if len(keys) == 1 else sum(values[k] for k in keys)


def holds(left: float | int, right: float | int) -> bool:
    return abs(left - right) < TOLERANCE


def identities_markdown() -> str:
    """The identities section of docs/formats.md (one bullet per check)."""
    return "\n".join(f"- `{check}`: {text}" for check, text in RULES.items()) + "\n"
