"""Agency type, level, place names and codes for the seeds and the real PDFs."""

from pathlib import Path

import pytest

from gkstudy.metadata.agency import classify_agency
from gkstudy.extract import extract_file
from gkstudy.metadata.places import resolve_place
from conftest import SAMPLES

PDFS = Path(__file__).parent / "pdfs"

SEEDS = {
    "000_53e3757f6c2b577b.txt": ("黑龙江省", "哈尔滨市", "通河县", "230128", "浓河镇"),
    "001_c50ec127ad28e6ef.txt": ("辽宁省", "朝阳市", "朝阳县", "211321", "瓦房子镇"),
    "002_7989c5e8f70cbf62.txt": ("黑龙江省", "哈尔滨市", "呼兰区", "230111", "白奎镇"),
    "003_b8ab7f4a548cfaef.txt": ("黑龙江省", "牡丹江市", "绥芬河市", "231081", "绥芬河镇"),
    "004_0f40ae6466fd915b.txt": ("山东省", "淄博市", "高青县", "370322", "花沟镇"),
}


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_seed_places(name):
    r = extract_file(SAMPLES / name).report
    province, city, county, code, township = SEEDS[name]
    assert (r["province"], r["city"], r["county"], r["county_code"], r["township"]) == (
        province, city, county, code, township)
    assert r["province_code"] == code[:2] + "0000" and r["city_code"] == code[:4] + "00"
    assert (r["agency_type"], r["level"]) == ("township", "township")


PDF_PLACES = {
    "淮安市人民政府_2024.pdf": ("government", "city", "江苏省", "淮安市", "", "320800", ""),
    "淮安市洪泽区人民政府_2023.pdf": ("government", "county", "江苏省", "淮安市", "洪泽区", "320800", "320813"),
    "淮安市洪泽区人民政府_2024.pdf": ("government", "county", "江苏省", "淮安市", "洪泽区", "320800", "320813"),
}


@pytest.mark.parametrize("name", sorted(PDF_PLACES))
def test_real_pdf_places(name):
    r = extract_file(PDFS / name).report
    assert (r["agency_type"], r["level"], r["province"], r["city"], r["county"], r["city_code"],
            r["county_code"]) == PDF_PLACES[name]


def test_ambiguous_name_resolved_from_context():
    assert resolve_place("朝阳区人民政府", ["地址：吉林省长春市朝阳区人民大街"]).county_code == "220104"
    assert resolve_place("朝阳区人民政府", ["北京市朝阳区政府网站"]).county_code == "110105"
    assert resolve_place("朝阳县人民政府", []).city == "朝阳市"
    assert resolve_place("朝阳区人民政府", []).county_code == ""  # no evidence: not guessed


def test_agency_types():
    def kind(a):
        return classify_agency(a, resolve_place(a, []))

    assert kind("淮安市教育局") == kind("淮安市人民政府办公室")
    assert kind("淮安市教育局").agency_type == "department" and kind("淮安市教育局").level == "city"
    assert kind("江苏省人民政府").level == "province"
    assert kind("北京市人民政府").level == "province"
    assert kind("某某街道办事处").agency_type == "township"
