"""Issue 6.6: property tests over the text-layout parser, the mapper and the value parser: no
exception escapes for any input, and no number is ever made up."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gkstudy.core.document import Document
from gkstudy.extract import extract_bytes
from gkstudy.mapper.tables import map_document
from gkstudy.readers.txt import clean_lines, lines_to_tokens
from gkstudy.core.values import parse_value

# Characters the reports are made of, so the fuzzer reaches the interesting branches quickly.
REPORT_ALPHABET = "0123456789,.-—/无件项万元（）()一二三四五六七\t 本年新制作数量收到申请予以公开不予处理其他总计合计"
LABELS = ["本年新制作数量", "收到和处理政府信息公开申请情况", "一、本年新收政府信息申请数量", "（一）予以公开",
          "总计", "行政复议", "行政诉讼", "维持", "纠正", "其他结果", "尚未审结", "三、本年度办理结果", "\t", ""]
report_lines = st.lists(
    st.one_of(st.text(alphabet=REPORT_ALPHABET, max_size=40), st.sampled_from(LABELS),
              st.lists(st.one_of(st.sampled_from(LABELS), st.integers(0, 10**6).map(str)), max_size=8)
              .map("\t".join), st.text(max_size=20)),
    max_size=80)
units = st.sampled_from(["件", "项", "万元"])
stated = st.sampled_from(["", "万元", "元", "亿元"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report_lines)
def test_layout_parser_and_mapper_never_raise(lines):
    tokens = lines_to_tokens(lines)
    assert all(t.text is not None for t in tokens)
    doc = Document(path="fuzz.txt", format="txt", lines=lines, tokens=tokens)
    mapped = map_document(doc, None)
    for cell in mapped.cells:
        assert cell.value is None or isinstance(cell.value, (int, float))


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=3000))
def test_any_bytes_named_txt_give_a_row_not_an_exception(data):
    result = extract_bytes("fuzz.txt", data)
    assert result.report["status"] in ("ok", "partial", "failed", "not_report", "needs_ocr")
    assert "unexpected error" not in result.report["error"]
    assert "\n" not in result.report["error"]


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=3000))
def test_clean_lines_keeps_every_line_break(text):
    assert len(clean_lines(text)) == text.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1


@settings(max_examples=1000, deadline=None)
@given(st.one_of(st.text(max_size=30), st.text(alphabet=REPORT_ALPHABET, max_size=12)), units, stated)
def test_parse_value_never_raises_and_never_invents_a_zero(raw, unit, stated_unit):
    parsed = parse_value(raw, unit, stated_unit)
    assert parsed.value is None or isinstance(parsed.value, (int, float))
    if not any(ch.isdigit() for ch in raw):
        assert parsed.value is None  # no digit printed, no number read: NA, never 0
    if parsed.value == 0:
        assert "0" in raw or "０" in raw


@given(st.integers(0, 10**9), units)
def test_parse_value_reads_printed_whole_numbers_back(n, unit):
    for printed in (str(n), f"{n:,}", f" {n} "):
        assert parse_value(printed, unit).value == n
