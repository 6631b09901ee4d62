"""One file in, its rows for reports.csv, cells.csv and checks.csv out. Never raises for bad input."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from gkstudy.metadata.agency import agency_columns
from gkstudy.contract import BOX_COLUMNS, REPORT_COLUMNS
from gkstudy.checks.arithmetic import check_to_row, check_values
from gkstudy.checks.warnings import report_warnings
from gkstudy.core.document import Document, ReportError
from gkstudy.core.normalize import one_line
from gkstudy.mapper.parts import split_parts
from gkstudy.mapper.tables import MappedReport, map_document
from gkstudy.metadata.narrative import request_statements
from gkstudy.metadata.compilation import report_starts
from gkstudy.metadata.title import first_text_lines, read_metadata
from gkstudy.readers import format_of, read_document
from gkstudy.readers.txt import lines_to_tokens
from gkstudy.checks.corrections import (APPLIED, NO_CELLS, REPORT_KEY as CORRECTION_REPORT_KEY, Corrections, Outcome,
                                        apply_to_cells)
from gkstudy.checks.recheck import recheck_rows
from gkstudy.checks.repair import repair_cells, values_for_checks
from gkstudy.checks.ocr_trust import ocr_summary, only_ocr, trust_ocr_cells

ANNUAL_REPORT_WORDS = ("政府信息公开", "年度报告")
# Lines holding text (blank ones not counted) in which a report names itself near its top.
ANNUAL_REPORT_HEAD_LINES = 40
# Placeholder reason; the batch replaces it with the bound that was hit.
OUT_OF_MEMORY = "ran out of memory"


@dataclass
class Extraction:
    report: dict
    cells: list[dict] = field(default_factory=list)
    checks: list[dict] = field(default_factory=list)
    # The narrative's statements of the application count (metadata.narrative.Statement), kept so
    # that the checks can be recomputed from the cells after a correction (checks.recheck).
    statements: list = field(default_factory=list)
    # A compilation's further reports (parts 2, 3, …; ``report`` is part 1): one reports.csv row
    # each. Their cells and checks are in ``cells``/``checks``, told apart by report_id.
    more_reports: list[dict] = field(default_factory=list)

    @property
    def reports(self) -> list[dict]:
        """Every reports.csv row of the file, in order."""
        return [self.report, *self.more_reports]


def report_id_of(data: bytes) -> tuple[str, str]:
    digest = hashlib.sha256(data).hexdigest()
    return digest[:16], digest


def extract_bytes(source: str, data: bytes, read=None) -> Extraction:
    """Extract one report given its bytes; ``source`` is the path shown in the output. ``read``
    (source, data) -> Document replaces the file's reader (a batch that OCR'd its pages in parts)."""
    rid, digest = report_id_of(data)
    report = dict.fromkeys(REPORT_COLUMNS, "")
    report.update(report_id=rid, source_file=source, sha256=digest)
    try:
        report["format"] = format_of(source)
        doc = (read or read_document)(source, data)
        starts = report_starts(doc.lines)
        if len(starts) > 1:
            return _extract_compilation(doc, report, starts)
        return _extract_document(doc, report)
    except ReportError as exc:
        report.update(status=exc.status, error=exc.reason)
    except ValueError as exc:  # unsupported file type
        report.update(status="failed", error=str(exc))
    except MemoryError:  # a worker's memory bound (gkstudy.batch.limits) turns this into its own reason
        report.update(status="failed", error=OUT_OF_MEMORY)
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop a batch
        report.update(status="failed", error=f"unexpected error: {type(exc).__name__}: {one_line(str(exc))}")
    return Extraction(report)


def failed_extraction(source: str, data: bytes | None, reason: str, sha256: str | None = None) -> Extraction:
    """The row of a file that could not be extracted at all (e.g. its worker crashed)."""
    if sha256 is None:
        rid, sha256 = report_id_of(data or b"")
    else:
        rid = sha256[:16]
    report = dict.fromkeys(REPORT_COLUMNS, "")
    try:
        fmt = format_of(source)
    except ValueError:
        fmt = ""
    report.update(report_id=rid, source_file=source, sha256=sha256, format=fmt, status="failed",
                  error=one_line(reason))
    return Extraction(report)


def extract_file(path: str | Path, source: str | None = None) -> Extraction:
    path = Path(path)
    return extract_bytes(source or str(path), path.read_bytes())


def _extract_document(doc: Document, report: dict) -> Extraction:
    meta = read_metadata(doc.lines)
    report.update(year=meta.year or "", agency=meta.agency, published=meta.published)
    report.update(agency_columns(meta.agency, doc.lines))
    mapped = map_document(doc, meta.year)
    tables = mapped.tables
    if not tables["t3"].found:
        if not _looks_like_annual_report(doc):
            report.update(status="not_report",
                          error="not an annual report: no 收到和处理政府信息公开申请 table")
        elif doc.pictures:
            n = len(doc.pictures)
            where = (f"large pictures on page{'s' if n > 1 else ''} {', '.join(map(str, doc.pictures))}"
                     if doc.format == "pdf" else f"pictures in the file ({n})")
            report.update(status="needs_ocr", error=f"no table 三 in the text, and {where}: "
                                                     "the tables are probably images, needs OCR"
                                                     + "".join(f"; {n}" for n in doc.notes))
        else:
            report.update(status="failed", error="no table 三 (收到和处理政府信息公开申请情况) found")
        return Extraction(report)
    report.update(edition=mapped.edition or "", edition_source=mapped.edition_source)
    if mapped.edition is None:
        report.update(status="partial", error="format edition could not be determined")
        return Extraction(report)
    rid = report["report_id"]
    # Repair first, then check only what was read: repaired values are hidden from the checks
    # (see repair.py), so an identity is never "passed" by the value it was used to infer.
    repair = repair_cells(mapped.edition, mapped.cells)
    repair.cells = trust_ocr_cells(mapped.edition, repair.cells)
    cells = [_cell_row(rid, c) for c in repair.cells]
    values = values_for_checks(repair.cells)
    statements = request_statements(doc.lines)
    warnings = report_warnings(edition=mapped.edition, year=meta.year, cells=repair.cells,
                               found={name: t.found for name, t in tables.items()}, lines=doc.lines,
                               values=values, published=meta.published, agency_type=report["agency_type"],
                               level=report["level"], statements=statements)
    checks = [check_to_row(rid, c) for c in check_values(mapped.edition, values) + warnings]
    na, flagged, failed = _counts(cells, checks)
    report.update(cells_na=na, cells_flagged=flagged, checks_failed=failed)
    ocr = ocr_summary(repair.cells)
    report.update(ocr_cells=ocr.cells or "", ocr_confidence="" if ocr.confidence is None else f"{ocr.confidence:.4f}")
    # A value read by OCR and confirmed by its identities is no doubt (flag ``ocr`` alone).
    doubtful = sum(1 for c in repair.cells if c.flag and not only_ocr(c.flag))
    problems = _problems(mapped, doc) + _repair_problems(repair)
    if problems or na or doubtful or (ocr.cells and failed):
        report.update(status="partial", error="; ".join(problems) or counts_reason(na, flagged))
    else:
        report.update(status="ok")
    return Extraction(report, cells, checks, statements)


def _counts(cells: list[dict], checks: list[dict]) -> tuple[int, int, int]:
    """reports.csv's cells_na, cells_flagged and checks_failed (error level) of cell and check rows."""
    na = sum(1 for c in cells if c["value"] in ("", None))
    flagged = sum(1 for c in cells if c["flag"])
    failed = sum(1 for c in checks if c["passed"] == "false" and c["severity"] == "error")
    return na, flagged, failed


def counts_reason(na: int, flagged: int) -> str:
    """The reason of a partial report that has nothing to say but its counts."""
    return f"{na} cells NA, {flagged} cells flagged"


def part_id(digest: str, number: int) -> str:
    """report_id of part ``number`` of a compilation: the file's id and the part, stable and distinct."""
    return f"{digest[:16]}-{number}"


def _extract_compilation(doc: Document, report: dict, starts: list[int]) -> Extraction:
    """Each report of a compilation read and checked as if it were a file of its own."""
    parts, why_not = split_parts(doc, starts, lines_to_tokens if doc.format == "txt" else None)
    if not parts:
        doc.notes.append(f"looks like a compilation but {why_not}")
        return _extract_document(doc, report)
    done = [_extract_document(part.doc, dict(report, report_id=part_id(report["sha256"], part.number),
                                             part=part.number, pages=part.pages)) for part in parts]
    return Extraction(done[0].report, [c for d in done for c in d.cells], [c for d in done for c in d.checks],
                      more_reports=[d.report for d in done[1:]])


def _problems(mapped: MappedReport, doc: Document) -> list[str]:
    out = [f"no table {name} found" for name, t in mapped.tables.items() if not t.found]
    return out + mapped.notes + doc.notes


def _repair_problems(repair) -> list[str]:
    out = []
    if repair.inferred:
        out.append(f"{repair.inferred} cells inferred from identities (flag inferred_from_identity)")
    if repair.resolved:
        out.append(f"{repair.resolved} readers' disagreements resolved by identities")
    if repair.unresolved:
        out.append(f"{repair.unresolved} readers' disagreements left NA (no reading fits the identities)")
    return out


def _looks_like_annual_report(doc: Document) -> bool:
    head = "".join(first_text_lines(doc.lines, ANNUAL_REPORT_HEAD_LINES)).replace(" ", "")
    return all(w in head for w in ANNUAL_REPORT_WORDS)


def _cell_row(rid: str, c) -> dict:
    tok = c.token
    return {
        "report_id": rid, "table": c.table, "row": c.row, "col": c.col,
        "value": "" if c.value is None else c.value, "raw": one_line(c.raw), "flag": c.flag,
        "page": tok.page if tok and tok.page is not None else "",
        "grid": tok.grid if tok else "", "grid_row": tok.row if tok else "", "grid_col": tok.col if tok else "",
        "value_read": "" if c.value is None else c.value, "alt": one_line(c.alt),
        **dict(zip(BOX_COLUMNS, tok.box if tok and tok.box else ("", "", "", ""))),
    }


def apply_corrections(extraction: Extraction, corrections: Corrections) -> tuple[Extraction, list[Outcome]]:
    """The extraction with its report's corrections applied and its checks run again on the
    corrected values (the cached reading is not touched); and what became of each correction.
    Raises CorrectionsError for a cell code that is not a cell of this report."""
    report = extraction.report
    mine = corrections.for_report(*(report.get(k, "") for k in CORRECTION_REPORT_KEY))
    if not mine:
        return extraction, []
    if extraction.more_reports:  # a sha256 names the whole file, not one of its reports
        return extraction, [Outcome(c, NO_CELLS, detail=f"{report['source_file']}: a compilation of "
                                    f"{len(extraction.reports)} reports; a correction cannot name one of them yet")
                            for c in mine]
    cells, outcomes = apply_to_cells(mine, report.get("edition", ""), extraction.cells, report["source_file"],
                                     corrections.path)
    if not any(o.outcome == APPLIED for o in outcomes):
        return extraction, outcomes
    checks = recheck_rows(report["report_id"], report["edition"], cells, extraction.statements, extraction.checks)
    na, flagged, failed = _counts(cells, checks)
    report = dict(report, cells_na=na, cells_flagged=flagged, checks_failed=failed)
    before = extraction.report
    if report["status"] == "ok" or report["error"] == counts_reason(before["cells_na"], before["cells_flagged"]):
        report.update(status="partial", error=counts_reason(na, flagged))  # a corrected cell is a flagged cell
    return Extraction(report, cells, checks, extraction.statements), outcomes
