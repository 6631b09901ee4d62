import pytest

from gkstudy.mapper.t3 import match_label
from gkstudy.core.normalize import split_numbering


@pytest.mark.parametrize("text, group, row", [
    ("一、本年新收政府信息公开申请数量", None, "received"),
    ("二、上年结转政府信息公开申请数量", None, "carried_in"),
    ("（一）予以公开", None, "granted"),
    ("(一) 予以公开", None, "granted"),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", None, "partly_granted"),
    ("1.属于国家秘密", 3, "denied.state_secret"),
    ("1、属于国家秘密", 3, "denied.state_secret"),        # 1、 vs 1.
    ("2.其他法律行政止公开", 3, "denied.law_prohibited"),   # typo in the label
    ("2.其他法律法规行政法规禁止公开", 3, "denied.law_prohibited"),
    ("7.属于行", 3, "denied.enforcement_file"),          # label broken over lines
    ("3.危及“三安全一稳定”", 3, "denied.security_stability"),
    ("1.本机关不掌握相关政府信息", 4, "unavailable.not_held"),
    ("5.要求行政机关明确", 5, "not_processed.confirmation"),
    ("3. 其他", 6, "other.other"),
    ("（七）总计", None, "total"),
    ("四、结转下年度继续办理", None, "carried_out"),
    ("属于行政查询事项", 3, "denied.inquiry"),             # enumeration missing
])
def test_rows_match_by_numbering_and_text(text, group, row):
    m = match_label(text, group)
    assert m is not None and m.kind == "row" and m.row == row


def test_group_six_is_one_row_or_a_group():
    assert match_label("（六）其他处理", None, value_follows=True).row == "other"
    assert match_label("（六）其他处理", None, sub_follows=True).kind == "group"


def test_section_heading_is_not_a_row():
    assert match_label("四、政府信息公开行政复议、行政诉讼情况", None) is None


def test_numbering_split():
    n = split_numbering("三、本 年度办 理结果（一）予以公开")
    assert (n.top, n.group, n.text) == (3, 1, "予以公开")
    assert split_numbering("（三）不予公开").group == 3
