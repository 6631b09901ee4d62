"""The batch's and the export's one-line summaries as a page in either language shows them.

The library's own ``BatchSummary.line()`` and ``ExportResult.line()`` are the command line's English;
a Chinese page says the same counts in Chinese (status codes such as ``ok``/``partial`` stay the
data's codes, as in reports.csv)."""

from __future__ import annotations

from gkstudy.batch.inputs import BROKEN_LINK, LINK_OUT, SPECIAL
from gkstudy.batch.runner import BatchSummary
from gkstudy.checks import corrections as corr
from gkstudy.contract import CONFLICTS_CSV
from gkstudy.datasets.export import ExportResult

_REFUSED_ZH = {LINK_OUT: "指向文件夹之外的链接", BROKEN_LINK: "失效或循环的链接", SPECIAL: "特殊文件（FIFO、套接字、设备）"}
_CORRECTION_ZH = {corr.APPLIED: "已应用", corr.NOT_NEEDED: "已不需要", corr.NO_CELLS: "报告无单元格"}


def batch_summary_text(summary: BatchSummary, lang: str) -> str:
    """What one extraction did: reports by status, from cache, copies, conflicts, corrections, skips."""
    if lang != "zh":
        return summary.line()
    parts = "，".join(f"{s} {n} 份" for s, n in sorted(summary.statuses.items())) or "无"
    text = f"共 {summary.total} 份报告：{parts}"
    if summary.from_cache:
        text += f"（其中 {summary.from_cache} 份未变，取自缓存）"
    text += f" → {summary.out_dir}"
    if summary.duplicates:
        text += f"；{summary.duplicates} 份是另一份报告的副本（duplicate_of）"
    if summary.conflicts:
        text += f"；{summary.conflicts} 处冲突（{CONFLICTS_CSV}）"
    if summary.corrections:
        done = "，".join(f"{_CORRECTION_ZH[o]} {summary.corrections[o]} 条" for o in _CORRECTION_ZH
                        if summary.corrections[o])
        text += f"；更正：{done or '未应用'}"
        if summary.corrections[corr.UNKNOWN_REPORT]:
            text += f"；警告：{summary.corrections[corr.UNKNOWN_REPORT]} 条更正所指的报告不在输入中（见 {corr.REPORT_FILE}）"
    if summary.skipped:
        kinds = "，".join(f"{suffix or '（无后缀）'} {n} 个" for suffix, n in summary.skipped.most_common())
        text += f"；跳过文件夹中其他类型的文件 {sum(summary.skipped.values())} 个（{kinds}）"
    if summary.refused:
        kinds = "，".join(f"{_REFUSED_ZH.get(kind, kind)} {n} 个" for kind, n in sorted(summary.refused.items()))
        text += f"；未读取：{kinds}"
    return text


def export_summary_text(result: ExportResult, lang: str) -> str:
    """What one export wrote, left out and removed."""
    if lang != "zh":
        return result.line()
    text = f"写出 {len(result.files)} 个文件 → {result.out_dir}"
    if result.duplicates_left_out:
        text += f"；剔除 {result.duplicates_left_out} 个重复的输入文件（reports.csv 的 duplicate_of）"
    if result.removed:
        text += f"；删除上次导出留下的 {len(result.removed)} 个文件"
    return text
