import pytest

from gkstudy.core.values import looks_like_value, parse_value


@pytest.mark.parametrize("raw, unit, value, flag", [
    ("0", "件", 0, ""),
    ("１２", "件", 12, ""),                 # full-width digits
    ("\u30000", "件", 0, ""),              # full-width space
    ("0\xa0", "件", 0, ""),
    ("1,234", "件", 1234, ""),             # thousands separator
    ("１，２３４", "件", 1234, ""),
    ("+3", "项", 3, ""),
    ("-2", "项", -2, ""),                  # 本年增/减 can be negative
    ("－2", "项", -2, ""),
    ("5万元", "万元", 5, ""),
    ("1768.91万元", "万元", 1768.91, ""),
    ("3940元", "万元", 0.394, "unit_converted"),
    ("75394432.52元", "万元", 7539.443252, "unit_converted"),
    ("12", "万元", 12, "unit_assumed"),
    ("0", "万元", 0, ""),
    ("2.5", "件", 2.5, "non_integer"),
    ("3件", "件", 3, ""),
])
def test_numbers(raw, unit, value, flag):
    parsed = parse_value(raw, unit)
    assert parsed.value == pytest.approx(value)
    assert parsed.flag == flag


def test_unit_stated_in_header_is_not_assumed():
    assert parse_value("96171.6", "万元", stated_unit="万元").flag == ""


@pytest.mark.parametrize("raw, flag", [
    ("", "blank"), ("\xa0", "blank"), ("　", "blank"),
    ("—", "printed_na"), ("/", "printed_na"), ("／", "printed_na"), ("无", "printed_na"), ("--", "printed_na"),
    ("abc", "unreadable"), ("12a", "unreadable"),
])
def test_not_a_number_is_na_never_zero(raw, flag):
    parsed = parse_value(raw, "件")
    assert parsed.value is None
    assert parsed.flag == flag


def test_money_in_a_count_cell_is_na():
    assert parse_value("5万元", "件") == parse_value("5万元", "件")
    assert parse_value("5万元", "件").value is None


def test_looks_like_value_separates_labels_from_numbers():
    assert looks_like_value(" 0 ")
    assert looks_like_value("—")
    assert not looks_like_value("3.")          # enumeration, not a number
    assert not looks_like_value("1.属于国家秘密")
    assert not looks_like_value("")
