"""The text reader on layouts the seeds do not show: the same tables printed with spaces instead
of tabs (as ``pdftotext -layout`` writes them) must give the same cells."""

import re

import pytest

from gkstudy.extract import extract_bytes
from gkstudy.readers.txt import lines_to_tokens, split_spaced
from conftest import SAMPLES


def _cells(result):
    return {(c["table"], c["row"], c["col"]): (c["value"], c["flag"]) for c in result.cells}


def _spaced(text: str, numbers_single: bool) -> str:
    out = []
    for line in text.split("\n"):
        cells = [c.strip() for c in line.split("\t") if c.strip()]
        if numbers_single and cells and all(re.fullmatch(r"\d+", c) for c in cells[1:]) and len(cells) > 2:
            out.append(cells[0] + " " + " ".join(cells[1:]))
        else:
            out.append("   ".join(cells))
    return "\n".join(out)


@pytest.mark.parametrize("name", ["000_53e3757f6c2b577b.txt", "003_b8ab7f4a548cfaef.txt"])
@pytest.mark.parametrize("numbers_single", [False, True])
def test_space_separated_rows_read_like_tab_rows(name, numbers_single):
    original = (SAMPLES / name).read_bytes()
    spaced = _spaced(original.decode("utf-8"), numbers_single).encode("utf-8")
    want = extract_bytes(name, original)
    got = extract_bytes(name.replace(".txt", "_spaced.txt"), spaced)
    assert got.report["edition"] == want.report["edition"]
    assert got.report["status"] == want.report["status"]
    assert _cells(got) == _cells(want)


def test_nonzero_values_in_space_rows_land_in_their_columns():
    text = "\n".join([
        "某县2022年政府信息公开工作年度报告",
        "三、收到和处理政府信息公开申请情况",
        "申请人情况",
        "自然人   法人或其他组织   总计",
        "商业企业  科研机构  社会公益组织  法律服务机构  其他",
        "一、本年新收政府信息公开申请数量 12 3 0 1 0 2 18",
        "二、上年结转政府信息公开申请数量   1   0   0   0   0   0   1",
        "四、结转下年度继续办理 0 0 0 0 0 0 0",
    ])
    result = extract_bytes("x.txt", text.encode("utf-8"))
    cells = {(c["row"], c["col"]): c["value"] for c in result.cells if c["table"] == "t3"}
    assert cells[("received", "natural_person")] == 12
    assert cells[("received", "commercial")] == 3
    assert cells[("received", "legal")] == 0
    assert cells[("received", "other_org")] == 2
    assert cells[("received", "total")] == 18
    assert cells[("carried_in", "total")] == 1


@pytest.mark.parametrize("line, cells", [
    ("一、本年新收政府信息公开申请数量 0 0 3", ["一、本年新收政府信息公开申请数量", "0", "0", "3"]),
    ("结果维持   结果纠正", ["结果维持", "结果纠正"]),
    ("0 0 0", ["0", "0", "0"]),
    ("报告中所列数据统计期限自 2020 年 1 月 1 日起", None),   # prose stays one cell
    ("结 果 维 持", None),                                   # spaces inside one label
])
def test_split_spaced(line, cells):
    assert split_spaced(line) == cells


def test_label_broken_over_two_lines_is_one_cell():
    tokens = lines_to_tokens(["", "本年新", "制作数量", "", "0"])
    assert [t.text for t in tokens] == ["本年新制作数量", "0"]


def _t4_tokens(header: list[str], values: list[str]):
    lines = ["四、政府信息公开行政复议、行政诉讼情况", *header, "  ".join(values), "五、存在的主要问题及改进情况"]
    return lines_to_tokens(lines)


def test_table_four_under_a_run_together_header_takes_the_national_order_and_says_so():
    from gkstudy.mapper.t4 import map_t4

    values = [str(v) for v in (1, 2, 3, 4, 10, 5, 1, 2, 3, 11, 4, 5, 1, 2, 12)]
    got = map_t4(_t4_tokens(["结果维持  结果纠正  行政复议其他结果  尚未审结  总计  行政诉讼结果总计维持"], values))
    assert got.found
    assert got.cells[("review", "upheld")].value == 1 and got.cells[("suit_after_review", "total")].value == 12
    assert {c.flag for c in got.cells.values()} == {"header_assumed"}


def test_table_four_is_not_guessed_from_the_heading_when_the_row_is_not_fifteen_cells():
    from gkstudy.mapper.t4 import map_t4

    got = map_t4(_t4_tokens(["结果维持  行政复议其他结果"], ["1", "2", "3", "4", "10"]))
    assert not got.found
