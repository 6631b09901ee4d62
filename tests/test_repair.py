"""Repair fills only what the identities determine, flags it, and hides it from the checks."""

from gkstudy.core import codebook
from gkstudy.checks.arithmetic import check_values
from gkstudy.extract import extract_bytes
from gkstudy.mapper.cells import MappedCell
from gkstudy.checks.repair import repair_cells, values_for_checks
from checks_corpus import T3_ROWS, render, table_numbers

COLS = codebook.cols("2021", "t3")


def cells_of(t3, t4):
    out = [MappedCell("t3", r, c, t3[r][i], str(t3[r][i]), "") for r in T3_ROWS for i, c in enumerate(COLS)]
    t4cols = ("upheld", "corrected", "other", "pending", "total")
    for b, row in enumerate(("review", "suit_direct", "suit_after_review")):
        out += [MappedCell("t4", row, c, t4[b * 5 + i], str(t4[b * 5 + i]), "") for i, c in enumerate(t4cols)]
    return out


def replace_cell(cells, key, **kw):
    return [MappedCell(**{**c.__dict__, **kw}) if (c.table, c.row, c.col) == key else c for c in cells]


def get(cells, key):
    return next(c for c in cells if (c.table, c.row, c.col) == key)


def test_unreadable_cell_is_inferred_and_flagged():
    t3, t4 = table_numbers(2)
    key = ("t3", "granted", "commercial")
    cells = replace_cell(cells_of(t3, t4), key, value=None, raw="l?", flag="unreadable")
    rep = repair_cells("2021", cells)
    c = get(rep.cells, key)
    assert c.value == t3["granted"][1] and c.flag == "unreadable;inferred_from_identity" and c.raw == "l?"
    assert rep.inferred == 1
    # the identities it was inferred from are not run (not "passed") on it
    checks = check_values("2021", values_for_checks(rep.cells))
    assert not [k for k in checks if k.check == "t3_row_total" and k.row == "granted"]
    assert not [k for k in checks if k.check == "t3_outcomes_sum" and k.col == "commercial"]


def test_blank_cell_stays_na():
    t3, t4 = table_numbers(2)
    key = ("t3", "carried_out", "total")
    rep = repair_cells("2021", replace_cell(cells_of(t3, t4), key, value=None, raw="", flag="blank"))
    assert get(rep.cells, key).value is None and rep.inferred == 0


def test_two_unknowns_in_one_identity_with_no_other_constraint_stay_na():
    t3, t4 = table_numbers(2)
    t4 = [0, 0, 0, 0, 0, 1, 2, 0, 0, 3, 0, 0, 0, 0, 0]
    cells = cells_of(t3, t4)
    for col in ("upheld", "corrected"):
        cells = replace_cell(cells, ("t4", "suit_direct", col), value=None, raw="", flag="unreadable")
    rep = repair_cells("2021", cells)
    assert get(rep.cells, ("t4", "suit_direct", "upheld")).value is None


def test_parts_of_a_zero_total_are_zero():
    t3, t4 = table_numbers(2)
    t4 = [0] * 15
    cells = cells_of(t3, t4)
    for col in ("upheld", "corrected"):
        cells = replace_cell(cells, ("t4", "review", col), value=None, raw="", flag="unreadable")
    rep = repair_cells("2021", cells)
    assert get(rep.cells, ("t4", "review", "upheld")).value == 0
    assert "inferred_from_identity" in get(rep.cells, ("t4", "review", "corrected")).flag


def test_readers_disagree_resolved_by_identity():
    t3, t4 = table_numbers(2)
    key = ("t3", "received", "natural_person")
    true = t3["received"][0]
    cells = replace_cell(cells_of(t3, t4), key, value=true + 10, raw=str(true + 10), flag="readers_disagree",
                         alt=str(true))
    c = get(repair_cells("2021", cells).cells, key)
    assert c.value == true and c.raw == str(true) and c.flag == "readers_disagree;resolved_by_identity"


def test_readers_disagree_neither_fits_is_na():
    t3, t4 = table_numbers(2)
    key = ("t3", "received", "natural_person")
    true = t3["received"][0]
    cells = replace_cell(cells_of(t3, t4), key, value=true + 10, raw="x", flag="readers_disagree", alt=str(true + 20))
    c = get(repair_cells("2021", cells).cells, key)
    assert c.value is None and "unresolved" in c.flag


def test_repaired_report_is_partial_with_a_reason():
    t3, t4 = table_numbers(3)
    text = render(t3, t4)
    lines = text.split("\n")
    k = next(i for i, line in enumerate(lines) if "（一）予以公开" in line)
    fields = lines[k].split("\t")
    idx = [i for i, f in enumerate(fields) if f.strip().isdigit()][2]
    fields[idx] = "?"
    lines[k] = "\t".join(fields)
    got = extract_bytes("gen.txt", "\n".join(lines).encode("utf-8"))
    cell = next(c for c in got.cells if (c["row"], c["col"]) == ("granted", "research"))
    # "?" is not a value, so the row reads short; the identities place the missing count
    assert cell["value"] == t3["granted"][2] and "inferred_from_identity" in cell["flag"]
    assert got.report["status"] == "partial" and "inferred from identities" in got.report["error"]
    assert not [c for c in got.checks if c["severity"] == "error" and c["passed"] == "false"]
