"""Golden tests: every canonical cell of the five seed reports, read by hand from the files.

Most cells are 0; they are asserted all the same, since a wrong 0 is the failure that matters.
"""

import pytest

from gkstudy.core import codebook
from gkstudy.extract import extract_file
from conftest import SAMPLES

T3_SHORT_ROWS_000 = {"received", "carried_in", "granted", "partly_granted", "denied.state_secret",
                     "denied.law_prohibited", "denied.security_stability", "denied.third_party",
                     "denied.internal_affairs", "denied.process_info", "denied.enforcement_file"}

SEEDS = {
    "000_53e3757f6c2b577b.txt": dict(
        edition="2019", year=2020, agency="通河县浓河镇人民政府", published="2021-01-26",
        nonzero={}, na=set(),
        flags={("t3", r, c): "short_row" for r in T3_SHORT_ROWS_000 for c in codebook.cols("2019", "t3")},
        status="partial"),
    "001_c50ec127ad28e6ef.txt": dict(
        edition="2019", year=2020, agency="瓦房子镇", published="2021-01-27",
        nonzero={
            ("t2", "art20_1.normative_docs", "new_made"): 45,
            ("t2", "art20_1.normative_docs", "new_published"): 23,
            ("t2", "art20_1.normative_docs", "total_published"): 23,
            ("t2", "art20_5.licensing", "prev_items"): 56,
            ("t2", "art20_5.licensing", "change"): 6,
            ("t2", "art20_5.licensing", "decisions"): 35,
            ("t2", "art20_9.procurement", "projects"): 2,
            ("t2", "art20_9.procurement", "amount"): 5,  # printed 5万元
        }, na=set(), flags={}, status="ok"),
    "002_7989c5e8f70cbf62.txt": dict(
        edition="2021", year=2021, agency="呼兰区白奎镇", published="",
        nonzero={}, na={("t3", "carried_out", c) for c in codebook.cols("2021", "t3")},
        flags={("t3", "carried_out", c): "blank" for c in codebook.cols("2021", "t3")}, status="partial"),
    "003_b8ab7f4a548cfaef.txt": dict(
        edition="2021", year=2023, agency="绥芬河市绥芬河镇人民政府", published="2024-01-12",
        nonzero={}, na=set(), flags={}, status="ok"),
    "004_0f40ae6466fd915b.txt": dict(
        edition="2019", year=2020, agency="高青县花沟镇人民政府", published="",
        nonzero={
            ("t2", "art20_5.other_services", "prev_items"): 5,
            ("t2", "art20_5.other_services", "decisions"): 7,
            ("t2", "art20_9.procurement", "projects"): 8,
            ("t2", "art20_9.procurement", "amount"): 1768.91,  # printed 1768.91万元
        }, na=set(), flags={}, status="ok"),
}


@pytest.fixture(scope="module", params=sorted(SEEDS))
def seed(request):
    return request.param, SEEDS[request.param], extract_file(SAMPLES / request.param)


def test_metadata(seed):
    _name, want, got = seed
    r = got.report
    assert r["edition"] == want["edition"]
    assert r["year"] == want["year"]
    assert r["agency"] == want["agency"]
    assert r["published"] == want["published"]
    assert r["status"] == want["status"]


def test_every_canonical_cell(seed):
    _name, want, got = seed
    cells = {(c["table"], c["row"], c["col"]): c for c in got.cells}
    canonical = {(c.table, c.row, c.col) for c in codebook.cells(want["edition"])}
    assert set(cells) == canonical
    for key in sorted(canonical):
        cell = cells[key]
        if key in want["na"]:
            assert cell["value"] == "", key
        else:
            assert cell["value"] == pytest.approx(want["nonzero"].get(key, 0)), key
        assert cell["flag"] == want["flags"].get(key, ""), key


def test_no_arithmetic_errors_in_seeds(seed):
    _name, _want, got = seed
    # Errors only: warnings (e.g. all_zero_table for a township with no requests) are expected here.
    failed = [c for c in got.checks if c["passed"] == "false" and c["severity"] == "error"]
    assert failed == []
    assert got.checks, "checks ran"
