"""The arithmetic identities of tables 三 and 四 as data: Σ left = Σ right over cell keys.

Shared by repair (which solves them for a missing cell) so that it uses exactly the identities the
error checks in ``checks.py`` test.
"""

from __future__ import annotations

from dataclasses import dataclass

from gkstudy.checks.arithmetic import T3_APPLICANTS, T3_COLS, T4_PARTS, outcome_rows

Key = tuple[str, str, str]


@dataclass(frozen=True)
class Identity:
    check: str  # the error check that tests it
    left: tuple[Key, ...]
    right: tuple[Key, ...]

    @property
    def keys(self) -> tuple[Key, ...]:
        return self.left + self.right

    @property
    def total_form(self) -> bool:
        """True for ``one total = sum of parts`` (the parts being counts, hence ≥ 0)."""
        return len(self.left) == 1


def identities(edition: str, values: dict[Key, float | int | None]) -> list[Identity]:
    """Every identity for the cells present in ``values`` (the printed （六） shape included)."""
    out = []
    for col in T3_COLS:
        out.append(Identity("t3_balance", (("t3", "received", col), ("t3", "carried_in", col)),
                            (("t3", "total", col), ("t3", "carried_out", col))))
        out.append(Identity("t3_outcomes_sum", (("t3", "total", col),),
                            tuple(("t3", r, col) for r in outcome_rows(edition, values))))
    for row in dict.fromkeys(r for (t, r, _c) in values if t == "t3"):
        out.append(Identity("t3_row_total", (("t3", row, "total"),), tuple(("t3", row, c) for c in T3_APPLICANTS)))
    for row in ("review", "suit_direct", "suit_after_review"):
        out.append(Identity("t4_row_total", (("t4", row, "total"),), tuple(("t4", row, c) for c in T4_PARTS)))
    return [i for i in out if all(k in values for k in i.keys)]
