"""Start URLs -> a folder of report files and its SOURCES.csv.

Depth is bounded by what a page is, not by counting: a listing page (the 年报 column) leads to report
links and to its next pages (at most ``max_pages`` listing pages per start URL); a report page leads to
its article's attachments; an attachment leads nowhere. Only the host of the page a link is on is
followed; every other link worth a row is recorded without a request.

Resumable and idempotent: a URL whose file is already in the folder is not requested again (a saved
report page is re-read from disk for its attachments); a listing is asked for with If-None-Match /
If-Modified-Since; bytes identical to a saved file are not saved twice. SOURCES.csv is rewritten every
few seconds and when the run ends, Ctrl-C included.
"""

from __future__ import annotations

import os
import time
from collections import Counter, deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from gkstudy.batch.progress import Progress
from gkstudy.collect.fetch import TEMP_NAME, Fetcher, Response, Settings
from gkstudy.collect.inputs import Seed, seeds_from_args
from gkstudy.collect.links import Link, Page, is_attachment_url, read_page, same_host
from gkstudy.collect.names import stem_from, unique_name
from gkstudy.collect.sniff import sniff_kind, suffix_for, zip_kind
from gkstudy.collect.sources import SourcesLog
from gkstudy.core.atomic import remove_orphaned_temporaries
from gkstudy.core.sources import SOURCES_FILE

DEFAULT_MAX_PAGES = 50  # listing pages per start URL: a column of 20 a page covers ~1000 reports
CHECKPOINT_S = 5.0  # SOURCES.csv is rewritten at most this often (and at the end)
# Statuses of rows written without any request.
NOT_FETCHED = ("off_site", "robots", "robots_unavailable", "not_a_report_link", "page_limit")
_LISTING, _REPORT, _ATTACHMENT, _START, _NOT_REPORT = "listing", "report", "attachment", "start", "not_report"


@dataclass
class _Task:
    url: str
    role: str  # start, listing (a next page), report (a report link), attachment, not_report
    found_on: str = ""
    link_text: str = ""
    seed: Seed | None = None
    site: str = ""  # the final URL of the page that linked it: links are followed on its host only


@dataclass
class CollectSummary:
    out_dir: Path | None = None
    saved: Counter = field(default_factory=Counter)  # page / attachment -> new files
    already: int = 0  # URLs whose file was in the folder: not requested
    identical: int = 0  # downloads with the bytes of a file already saved: not saved twice
    not_modified: int = 0  # listings that answered 304
    listings: int = 0
    not_fetched: Counter = field(default_factory=Counter)
    failed: Counter = field(default_factory=Counter)
    requests: int = 0
    rows: int = 0

    def line(self) -> str:
        saved = sum(self.saved.values())
        kinds = ", ".join(f"{n} {k}{'s' if n > 1 else ''}" for k, n in sorted(self.saved.items()))
        parts = [f"{saved} file{'' if saved == 1 else 's'} saved" + (f" ({kinds})" if kinds else ""),
                 f"{self.already} already there"]
        if self.identical:
            parts.append(f"{self.identical} identical to a saved file")
        parts.append(f"{self.listings} listing pages read" + (f" ({self.not_modified} unchanged)" if self.not_modified else ""))
        for label, counts in (("not fetched", self.not_fetched), ("failed", self.failed)):
            if counts:
                parts.append(f"{sum(counts.values())} {label} (" + ", ".join(f"{s} {n}" for s, n in sorted(counts.items())) + ")")
        return f"collect: {'; '.join(parts)}; {self.requests} requests -> {self.out_dir / SOURCES_FILE} ({self.rows} rows)"


class _Crawl:
    def __init__(self, out: Path, log: SourcesLog, fetcher: Fetcher, max_pages: int, summary: CollectSummary):
        self.out, self.log, self.fetcher, self.max_pages, self.summary = out, log, fetcher, max_pages, summary
        self.pages: Counter = Counter()  # listing pages read per start URL

    def visit(self, task: _Task) -> list[_Task]:
        """Handle one URL: record its row, save its file, return the links to follow."""
        if task.role == _NOT_REPORT:
            return self._refuse(task, "not_a_report_link")
        if task.site and not same_host(task.url, task.site):
            return self._refuse(task, "off_site")
        seed_key = task.seed.url if task.seed else task.url
        if task.role == _LISTING and self.pages[seed_key] >= self.max_pages:
            return self._refuse(task, "page_limit")
        saved = self.log.saved(task.url)
        if saved is not None:
            self.summary.already += 1
            return self._children_of_saved(task, saved)
        state = self.log.state.get(task.url) or {}
        headers = {k: v for k, v in (("If-None-Match", state.get("etag")),
                                     ("If-Modified-Since", state.get("last_modified"))) if v}
        resp = self.fetcher.get(task.url, headers)
        try:
            if resp.status == "304" and "links" in state:
                self.summary.not_modified += 1
                self.summary.listings += 1
                self.pages[seed_key] += 1
                return [self._child(task, resp.final_url, Link(u, t), role) for u, role, t in state["links"]]
            if not resp.ok:
                return self._failed(task, resp)
            return self._handle_body(task, resp, seed_key)
        finally:
            resp.discard()  # kept files were moved away (path cleared); anything else goes

    def _handle_body(self, task: _Task, resp: Response, seed_key: str) -> list[_Task]:
        kind = sniff_kind(resp.head)
        if kind == "zip":
            kind = zip_kind(resp.path)
        promised = task.role == _ATTACHMENT or is_attachment_url(task.url)
        if promised and kind in ("html", "text"):
            # e.g. the site's 404 page served with status 200 behind a .pdf link
            self._row(task, resp, status=f"unexpected_{kind}")
            self.summary.failed[f"unexpected_{kind}"] += 1
            return []
        if kind != "html":
            self._save(task, resp, kind, "", "attachment")
            return []
        page = read_page(resp.path.read_bytes(), resp.final_url)
        if page.kind == "listing" or task.role == _LISTING:  # a last page may hold no report link
            if self.pages[seed_key] >= self.max_pages:  # a report link that led to yet another listing
                self.summary.not_fetched["page_limit"] += 1
                self._row(task, resp, status="page_limit")
                return []
            self.summary.listings += 1
            self.pages[seed_key] += 1
            children = self._listing_children(task, page)
            if resp.etag or resp.last_modified:
                self.log.state[task.url] = {"etag": resp.etag, "last_modified": resp.last_modified,
                                            "links": [[c.url, c.role, c.link_text] for c in children]}
            else:  # the server no longer gives validators: do not keep sending stale ones
                self.log.state.pop(task.url, None)
            self._row(task, resp)
            return children
        self._save(task, resp, "html", page.title, "page")
        return [self._child(task, resp.final_url, lk, _ATTACHMENT) for lk in page.attachments]

    def _listing_children(self, task: _Task, page: Page) -> list[_Task]:
        site = page.url
        return ([self._child(task, site, lk, _REPORT) for lk in page.report_links]
                + [self._child(task, site, lk, _LISTING) for lk in page.next_links]
                + [self._child(task, site, lk, _NOT_REPORT) for lk in page.other_titles
                   if same_host(lk.url, site)])

    def _children_of_saved(self, task: _Task, row: dict[str, str]) -> list[_Task]:
        path = self.out / row["file"]
        if task.role == _ATTACHMENT or path.suffix.lower() not in (".html", ".htm", ".shtml"):
            return []
        site = row.get("final_url") or task.url
        page = read_page(path.read_bytes(), site)
        return [self._child(task, site, lk, _ATTACHMENT) for lk in page.attachments]

    @staticmethod
    def _child(task: _Task, site: str, link: Link, role: str) -> _Task:
        return _Task(link.url, role, found_on=site, link_text=link.text, seed=task.seed, site=site)

    def _save(self, task: _Task, resp: Response, kind: str, title: str, what: str) -> None:
        url_suffix = PurePosixPath(unquote(urlsplit(resp.final_url).path)).suffix.lower()
        suffix = suffix_for(kind, url_suffix)
        existing = self.log.by_sha.get(resp.sha256)
        if existing is not None:
            self.summary.identical += 1
            self._row(task, resp, file=existing)
            return
        name = unique_name(stem_from(task.link_text, title or resp.filename, resp.final_url, suffix), suffix,
                           self.log.taken)
        os.replace(resp.path, self.out / name)
        resp.path = None
        self.log.by_sha[resp.sha256] = name
        self.summary.saved[what] += 1
        self._row(task, resp, file=name)

    def _refuse(self, task: _Task, status: str) -> list[_Task]:
        self.summary.not_fetched[status] += 1
        self._row(task, None, status=status)
        return []

    def _failed(self, task: _Task, resp: Response) -> list[_Task]:
        if resp.status in NOT_FETCHED and not resp.requested:
            self.summary.not_fetched[resp.status] += 1
        else:
            self.summary.failed[resp.status] += 1
        self._row(task, resp)
        return []

    def _row(self, task: _Task, resp: Response | None, file: str = "", status: str = "") -> None:
        row = dict(task.seed.extra if task.seed else {}, url=task.url, found_on=task.found_on,
                   link_text=task.link_text, file=file, status=status or (resp.status if resp else ""))
        if resp is not None:
            row.update(final_url=resp.final_url, sha256=resp.sha256, content_type=resp.content_type,
                       retrieved_at=resp.retrieved_at, bytes="" if resp.size is None else str(resp.size))
        self.log.put(row)


def collect_to_dir(inputs: list[str], out_dir: str | Path, settings: Settings | None = None,
                   max_pages: int = DEFAULT_MAX_PAGES, progress: bool | None = None,
                   transport=None) -> CollectSummary:
    """Collect every input (URL, file of URLs, CSV with a url column) into ``out_dir`` with its SOURCES.csv.

    Raises ``inputs.InputError`` for an unusable input and OSError when ``out_dir`` cannot be written;
    a URL that fails is a row of SOURCES.csv, never an exception. ``transport`` is for tests.
    """
    seeds, extra = seeds_from_args(inputs)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    remove_orphaned_temporaries(out / TEMP_NAME)
    log = SourcesLog(out, extra)
    summary = CollectSummary(out_dir=out)
    queue = deque(_Task(s.url, _START, seed=s) for s in seeds)
    queued = {t.url for t in queue}
    last_write = time.monotonic()
    with Fetcher(settings or Settings(), out, transport) as fetcher, \
            Progress(len(queue), progress, desc="collect", unit="URL") as bar:
        crawl = _Crawl(out, log, fetcher, max_pages, summary)
        try:
            for task in _drain(queue):
                children = [c for c in crawl.visit(task) if c.url not in queued]
                queue.extend(children)
                queued.update(c.url for c in children)
                bar.add_total(len(children))
                bar.done(log.rows[task.url]["status"] if task.url in log.rows else "ok")
                if time.monotonic() - last_write > CHECKPOINT_S:
                    log.write()
                    last_write = time.monotonic()
        finally:
            summary.requests = fetcher.requests
            summary.rows = len(log.rows)
            log.write()
    return summary


def _drain(queue: deque) -> Iterator[_Task]:
    while queue:
        yield queue.popleft()
