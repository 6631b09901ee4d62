"""Raw data is immutable: the bundled samples still match the checksums in their manifest."""

import hashlib

from conftest import SAMPLES, read_csv


def test_samples_match_manifest():
    rows = read_csv(SAMPLES / "MANIFEST.csv")
    assert rows
    for row in rows:
        data = (SAMPLES / row["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == row["sha256"], row["file"]
    listed = {r["file"] for r in rows}
    on_disk = {p.name for p in SAMPLES.iterdir() if p.name != "MANIFEST.csv"}
    assert on_disk == listed
