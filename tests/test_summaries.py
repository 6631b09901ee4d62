"""The extraction and export summaries on a Chinese page are Chinese; on an English page, the CLI's line."""

import re
from collections import Counter
from pathlib import Path

from gkstudy.batch.inputs import LINK_OUT
from gkstudy.batch.runner import BatchSummary
from gkstudy.datasets.export import ExportResult
from gkstudy.study.summaries import batch_summary_text, export_summary_text


def test_batch_summary_in_chinese_says_every_count():
    s = BatchSummary(total=5, statuses=Counter(ok=3, partial=2), out_dir=Path("out"), from_cache=4,
                     skipped=Counter({".ofd": 2}), refused=Counter({LINK_OUT: 1}), duplicates=1, conflicts=1)
    zh = batch_summary_text(s, "zh")
    for part in ("共 5 份报告", "ok 3 份", "partial 2 份", "4 份未变", "1 份是另一份报告的副本", "1 处冲突",
                 ".ofd 2 个", "指向文件夹之外的链接 1 个"):
        assert part in zh, part
    assert not re.search(r"\b(reports|unchanged|copies|skipped|links)\b", zh)
    assert batch_summary_text(s, "en") == s.line()


def test_export_summary_in_chinese():
    r = ExportResult(out_dir=Path("d"), files=[Path("a"), Path("b")], removed=[Path("c")], duplicates_left_out=2)
    assert export_summary_text(r, "zh") == ("写出 2 个文件 → d；剔除 2 个重复的输入文件（reports.csv 的 duplicate_of）；"
                                            "删除上次导出留下的 1 个文件")
    assert export_summary_text(r, "en") == r.line()
