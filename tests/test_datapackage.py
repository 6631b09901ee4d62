import json
import shutil

import pytest
from frictionless import validate

from gkstudy.datasets.export import export_tables
from gkstudy.datasets.tables import all_tables, load_processed
from export_fixtures import extract_samples


@pytest.fixture(scope="module")
def package_dir(tmp_path_factory):
    src = tmp_path_factory.mktemp("processed")
    extract_samples(src)
    out = tmp_path_factory.mktemp("datasets")
    export_tables(all_tables(load_processed(src)), out, "csv")
    return out


def test_datapackage_is_valid(package_dir):
    report = validate(str(package_dir / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_describes_every_csv_with_keys_licenses_and_sources(package_dir):
    package = json.loads((package_dir / "datapackage.json").read_text(encoding="utf-8"))
    paths = {r["path"] for r in package["resources"]}
    assert paths == {p.name for p in package_dir.iterdir()} - {"datapackage.json"}  # every file, nothing more
    tabular = [r for r in package["resources"] if r["profile"] == "tabular-data-resource"]
    assert {r["path"] for r in tabular} == {p.name for p in package_dir.glob("*.csv")}
    for resource in tabular:
        schema = resource["schema"]
        header = (package_dir / resource["path"]).read_text(encoding="utf-8-sig").splitlines()[0].split(",")
        assert [f["name"] for f in schema["fields"]] == header, resource["name"]
        if resource["name"] not in ("reports_table", "codebook"):
            assert schema["foreignKeys"][0]["reference"] == {"resource": "reports_table", "fields": ["report_id"]}
    assert package["licenses"][0]["name"] == "MIT"
    assert "public government information" in package["description"]
    assert package["sources"]


@pytest.mark.parametrize("resource, bad", [
    ("reports_table.csv", ("ok,", "okay,")),  # status outside its allowed values
    ("t4_wide.csv", ("b0b0229e3a5a6577", "ffffffffffffffff")),  # report_id not in reports_table
])
def test_validation_catches_broken_files(package_dir, tmp_path, resource, bad):
    copy = tmp_path / "pkg"
    shutil.copytree(package_dir, copy)
    path = copy / resource
    text = path.read_text(encoding="utf-8-sig")
    assert bad[0] in text
    path.write_text(text.replace(bad[0], bad[1], 1), encoding="utf-8-sig")
    assert not validate(str(copy / "datapackage.json")).valid
