"""Issue 13.1 and 13.8 in isolation: any file name's bytes survive the trip into the CSV text and
back; a title after any number of blank lines or blank pages still gives the agency and year."""

from __future__ import annotations

import os

from hypothesis import given, settings
from hypothesis import strategies as st

from gkstudy.batch.names import ESCAPED, GB18030, UTF8, name_to_bytes, text_to_name
from gkstudy.metadata.title import read_metadata

# Path bytes: anything but NUL (a Linux name cannot hold it); "/" is a separator, still bytes.
name_bytes = st.binary(min_size=1, max_size=60).filter(lambda b: b"\0" not in b)


@settings(max_examples=300, deadline=None)
@given(name_bytes)
def test_every_name_goes_to_text_a_csv_can_hold_and_back(raw):
    text, encoding = text_to_name(os.fsdecode(raw))
    text.encode("utf-8")  # no lone surrogates: writable to UTF-8 files
    assert name_to_bytes(text, encoding) == raw
    assert encoding in (UTF8, GB18030, ESCAPED)


def test_the_three_ways_a_name_is_written():
    assert text_to_name(os.fsdecode("报告.pdf".encode())) == ("报告.pdf", UTF8)
    assert text_to_name(os.fsdecode("报告（副本）.pdf".encode("gbk"))) == ("报告（副本）.pdf", GB18030)
    assert text_to_name(os.fsdecode(b"a\\b\xff.pdf")) == ("a\\\\b\\xff.pdf", ESCAPED)


def test_the_title_after_many_blank_lines_or_pages_gives_agency_and_year():
    title = ["", "某某县人民政府", "2023年政府信息公开工作年度报告", "", "一、总体情况"]
    plain = read_metadata(title)
    assert (plain.agency, plain.year) == ("某某县人民政府", 2023)
    for blanks in (36, 40, 500):
        late = read_metadata([""] * blanks + [" ", "\u3000"] + title)
        assert (late.agency, late.year) == (plain.agency, plain.year)
