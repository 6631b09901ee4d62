import pytest

from gkstudy.metadata.title import read_metadata


@pytest.mark.parametrize("lines, year, agency, published", [
    (["哈尔滨市财政局2023年政府信息公开工作年度报告", "正文", "2024年1月20日"], 2023, "哈尔滨市财政局", "2024-01-20"),
    (["某县某镇 2022 年度政府信息公开工作年度报告", "请联系某县某镇人民政府。", "某镇人民政府", "2023年1月5日"],
     2022, "某县某镇人民政府", "2023-01-05"),
    (["2023年政府信息公开工作年度报告", "正文", "哈尔滨市财政局", "2024-01-20"], 2023, "哈尔滨市财政局", "2024-01-20"),
    (["您的位置:首页 > 政务公开 > 年报", "某区2021年政府信息公开工作年度报告", "发布时间:2022-01-27"], 2021, "某区", "2022-01-27"),
    (["某区2021年政府信息公开工作", "年度报告", "报告中所列数据统计期限自2021年1月1日起"], 2021, "某区", ""),
    (["没有标题的文件", "报告中所列数据统计期限自2020年1月1日起至2020年12月31日止"], 2020, "", ""),
])
def test_metadata_from_text(lines, year, agency, published):
    meta = read_metadata(lines)
    assert (meta.year, meta.agency, meta.published) == (year, agency, published)


def test_impossible_date_is_empty_not_guessed():
    assert read_metadata(["某区2021年政府信息公开工作年度报告", "2022年2月30日"]).published == ""


def test_agency_line_above_title_and_fuller_name_used_in_text():
    lines = ["- 1 -", "洪泽区人民政府", "2023 年政府信息公开工作年度报告",
             "本报告由淮安市洪泽区人民政府办公室根据《条例》编制。"]
    meta = read_metadata(lines)
    assert meta.agency == "淮安市洪泽区人民政府"
    assert meta.year == 2023


def test_prefix_that_is_not_a_place_is_not_added():
    lines = ["某某区人民政府2023年政府信息公开工作年度报告", "本报告由某某区人民政府办公室编制。"]
    assert read_metadata(lines).agency == "某某区人民政府"
