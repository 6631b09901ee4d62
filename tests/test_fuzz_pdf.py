"""Issue 13.9: the PDF path fuzzed with damaged copies of the real PDFs in tests/pdfs (bit flips,
truncations, dictionary values swapped), through real worker processes under the time and
memory bounds: every file gets one row whose reason is one line a person can read, none an
"unexpected error", and none outlives the time bound. A handful of files here; many more in
bench/hostile_folder.py --fuzz N."""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from gkstudy.batch.limits import Limits
from gkstudy.batch.workers import Task, run_limited
from gkstudy.core.document import STATUSES
from pdf_mutations import mutations

BOUNDS = Limits(timeout_s=60, max_memory_mb=1024)


# One example of six files: each example starts worker processes, and shrinking would start many.
@settings(max_examples=1, deadline=None, derandomize=True, database=None, phases=[Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(mutations(), min_size=6, max_size=6, unique_by=lambda case: case[1]))
def test_damaged_real_pdfs_each_get_a_readable_row_under_the_bounds(cases):
    with tempfile.TemporaryDirectory() as tmp:
        tasks = []
        for k, (how, data) in enumerate(cases):
            path = Path(tmp) / f"{k} {how}.pdf"
            path.write_bytes(data)
            tasks.append(Task(f"{hashlib.sha256(data).hexdigest()}-pdf", str(path), path.name))
        results = {r.key: r.extraction.report for r in run_limited(tasks, 2, BOUNDS)}
    assert sorted(results) == sorted(t.key for t in tasks)
    for report in results.values():
        assert report["status"] in STATUSES
        assert "\n" not in report["error"] and "Traceback" not in report["error"]
        assert not report["error"].startswith(("unexpected error", "worker crashed")), (report["source_file"],
                                                                                       report["error"])
