"""Reports laid out otherwise (issue 18, items 5 and 6): tables in an appendix numbered 一/二/三
after narrative sections of the body's own, an extra table among them, the title only in a cover
image; the year and body then come from the opening paragraph and the signature. Tables are found
by their content, and every cell must come out as in the report laid out the usual way."""

import re

import pytest

from builders import known_values
from gkstudy.extract import extract_bytes
from gkstudy.metadata.sections import find_sections
from gkstudy.metadata.title import read_metadata
from conftest import SAMPLES
from every_cell import assert_every_cell
from layout_variants import APPENDIX, META, fixture


def _cells(result):
    return {(c["table"], c["row"], c["col"]): (c["value"], c["flag"]) for c in result.cells}


def _failed(result):
    return sorted(c["detail"] for c in result.checks if c["passed"] == "false")


@pytest.fixture(scope="module", params=["2021", "2019"])
def appendix_docx(request):
    edition = request.param
    values = known_values(edition)
    return edition, values, extract_bytes("附件在后.docx", fixture(f"appendix_{edition}.docx"))


def test_appendix_tables_with_an_extra_table_give_every_cell(appendix_docx):
    edition, values, got = appendix_docx
    meta = META[edition]
    r = got.report
    assert (r["status"], r["error"], r["edition"]) == ("ok", "", edition)
    # the title is only in the cover picture: year and body from the opening paragraph
    assert (r["year"], r["agency"], r["published"]) == (meta.year, meta.agency, meta.iso)
    assert_every_cell(got.cells, edition, values)
    # the appendix headings count as the sections they are; only 一、总体情况 is really missing
    assert _failed(got) == ["section 一、总体情况 has no heading"]


def test_appendix_headings_are_found_as_their_sections():
    lines = ["一、基本情况", "x", "二、存在的主要问题及改进情况", "y", "三、其他需要报告的事项", "z", "附件", *APPENDIX]
    found = find_sections(lines)
    assert {n: s.line for n, s in found.items()} == {5: 2, 6: 4, 2: 7, 3: 8, 4: 9}


def _seed_renumbered(text: str) -> str:
    """Seed 003 rewritten: no title, its three table sections moved after 六 as an appendix numbered
    一/二/三, an extra staff table between them."""
    lines = text.split("\n")
    at = {h: i for i, line in enumerate(lines) for h in ("二、主动公开", "五、存在的主要问题", "六、其他需要报告")
          if line.startswith(h)}
    tables = lines[at["二、主动公开"]:at["五、存在的主要问题"]]
    tables = [re.sub(r"^二、主动公开", "一、主动公开", re.sub(r"^三、收到和处理", "二、收到和处理",
              re.sub(r"^四、政府信息公开行政复议", "三、政府信息公开行政复议", line))) for line in tables]
    t4 = next(i for i, line in enumerate(tables) if line.startswith("三、政府信息公开行政复议"))
    tables[t4:t4] = ["（附）工作人员情况", "专职人员数\t兼职人员数\t培训次数", "3\t7\t4", ""]
    head = [line for line in lines[:at["二、主动公开"]] if "年度报告" not in line]
    rest = lines[at["五、存在的主要问题"]:]
    return "\n".join(head + rest[:-3] + ["", "附件：统计表", ""] + tables + rest[-3:])


def test_seed_with_tables_in_an_appendix_and_no_title():
    name = "003_b8ab7f4a548cfaef.txt"
    original = (SAMPLES / name).read_text(encoding="utf-8")
    variant = _seed_renumbered(original)
    assert "年度报告" not in variant and "一、主动公开政府信息情况" in variant
    want, got = extract_bytes(name, original.encode()), extract_bytes(name, variant.encode())
    assert _cells(got) == _cells(want) and len(got.cells) == 200
    # year from 2023 年，绥芬河镇… in the opening, body from the signature
    assert (got.report["year"], got.report["agency"]) == (2023, "绥芬河市绥芬河镇人民政府")
    assert got.report["status"] == want.report["status"] == "ok"


@pytest.mark.parametrize("lines, year, agency", [
    (["一、总体情况", "本报告根据《条例》要求，由淮安市淮阴区交通运输局编制。本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。"],
     2023, "淮安市淮阴区交通运输局"),
    (["根据《条例》规定，某某县财政局编制了本年度报告。数据时间为2022年1月1日至12月31日。"], 2022, "某某县财政局"),
    (["现将某某县财政局2021年度政府信息公开工作情况报告如下："], 2021, "某某县财政局"),
    (["某某县财政局政府信息公开工作年度报告", "2020年，我局认真贯彻落实《条例》。"], 2020, "某某县财政局"),
    (["2024年，我局认真贯彻落实《条例》。", "（一）主动公开", "某某县财政局", "2025年1月20日"], 2024, "某某县财政局"),
    # a sentence naming the report is not its title
    (["本报告是根据《条例》要求，由某某市统计局编制的2023年政府信息公开工作年度报告。"], 2023, "某某市统计局"),
])
def test_year_and_body_from_the_opening_paragraph_and_the_signature(lines, year, agency):
    meta = read_metadata(lines)
    assert (meta.year, meta.agency) == (year, agency)


def test_seed_004_without_its_title_keeps_year_and_body():
    name = "004_0f40ae6466fd915b.txt"
    original = (SAMPLES / name).read_text(encoding="utf-8")
    lines = original.split("\n")
    lines = [x for x in lines if not x.startswith("高青县花沟镇2020年政府信息公开工作") and x.strip() != "年度报告"]
    got = extract_bytes(name, "\n".join(lines).encode())
    want = extract_bytes(name, original.encode())
    assert got.report["year"] == 2020  # 报告中所列数据统计期限自2020年1月1日始
    assert got.report["agency"] == "花沟镇人民政府"  # the signature
    assert _cells(got) == _cells(want)
