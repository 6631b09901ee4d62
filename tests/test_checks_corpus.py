"""Injected publisher errors are caught as errors; clean generated reports raise none."""

import copy

import pytest

from gkstudy.extract import extract_bytes
from checks_corpus import render, table_numbers

CLEAN_SEEDS = range(12)


def run(text: str, name: str = "gen.txt"):
    return extract_bytes(name, text.encode("utf-8"))


def failed(result, severity="error"):
    return {(c["check"], c["row"], c["col"]) for c in result.checks
            if c["passed"] == "false" and c["severity"] == severity}


@pytest.mark.parametrize("seed", CLEAN_SEEDS)
def test_clean_reports_raise_no_error(seed):
    t3, t4 = table_numbers(seed)
    got = run(render(t3, t4))
    assert got.report["status"] == "ok", got.report["error"]
    assert failed(got) == set()
    assert {c["check"] for c in got.checks} >= {"t3_balance", "t3_outcomes_sum", "t3_row_total", "t4_row_total"}
    values = {(c["table"], c["row"], c["col"]): c["value"] for c in got.cells}
    assert values[("t3", "received", "total")] == t3["received"][6]


def _inject(seed, how):
    t3, t4 = table_numbers(seed)
    t3, t4 = copy.deepcopy(t3), list(t4)
    return how(t3, t4) or (t3, t4)


def _bump_applicant(t3, t4):
    t3["granted"][0] += 1  # 自然人 only: row total and column total both break


def _bump_grand_total(t3, t4):
    t3["total"][6] += 3


def _carried_out(t3, t4):
    t3["carried_out"][1] += 2  # row stays summed, balance breaks
    t3["carried_out"][6] += 2


def _t4_total(t3, t4):
    t4[9] = 0 if t4[9] else 4  # 未经复议直接起诉 总计


INJECTED = {
    "applicant": (_bump_applicant, {("t3_row_total", "granted", "total"), ("t3_outcomes_sum", "total", "natural_person")}),
    "grand_total": (_bump_grand_total, {("t3_outcomes_sum", "total", "total"), ("t3_row_total", "total", "total")}),
    "balance": (_carried_out, {("t3_balance", "", "commercial"), ("t3_balance", "", "total")}),
    "t4": (_t4_total, {("t4_row_total", "suit_direct", "total")}),
}


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("name", sorted(INJECTED))
def test_injected_errors_are_caught(seed, name):
    how, expected = INJECTED[name]
    t3, t4 = _inject(seed, how)
    got = run(render(t3, t4))
    assert expected <= failed(got), (name, failed(got))


def test_negative_and_fractional_counts():
    t3, t4 = table_numbers(1)
    t4[0], t4[1] = -1, 2.5
    got = run(render(t3, t4).replace("\t2.5\t", "\t2.5\t"))
    names = {c[0] for c in failed(got)}
    assert {"negative_count", "non_integer_count"} <= names
