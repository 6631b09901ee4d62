"""A small government web site for the collector's tests, served from a thread on a loopback address.

Every request is recorded (path and headers). ``LoopbackOnly`` is an httpx transport that refuses any
host other than 127.0.0.1, so a test can never reach another machine even if the collector broke."""

from __future__ import annotations

import html
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

import httpx

from builders import META_2021, known_values, report_html

ROOT = Path(__file__).resolve().parent.parent
PDF = (ROOT / "tests" / "pdfs" / "libreoffice_2019_ruled.pdf").read_bytes()
DOCX = (ROOT / "tests" / "fixtures" / "libreoffice" / "libreoffice_2021.docx").read_bytes()
SAMPLE = (ROOT / "data" / "raw" / "samples" / "001_c50ec127ad28e6ef.txt").read_text(encoding="utf-8")
CAP = 200_000  # the size cap the tests use: above every real file here, below the over-size ones
SLOW_S = 1.0  # the slow URL answers after this long; the timeout test's read timeout is shorter
LISTING_ETAG = '"listing-1"'


class LoopbackOnly(httpx.HTTPTransport):
    """Sends requests to 127.0.0.1 only; anything else fails the test."""

    def __init__(self):
        super().__init__()
        self.requests: list[httpx.Request] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.host != "127.0.0.1":
            raise AssertionError(f"the collector tried to reach {request.url}")
        self.requests.append(request)
        return super().handle_request(request)


@dataclass
class Answer:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    length: bool = True  # send Content-Length (else the body ends when the connection closes)
    sleep: float = 0.0


class Site:
    """``with Site("127.0.0.1", routes) as site: site.url("/x")``; ``routes(site, path, headers)``."""

    def __init__(self, host: str, routes):
        self.routes, self.hits = routes, []
        self.counts: dict[str, int] = {}
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                path = unquote(urlsplit(self.path).path)
                site.hits.append((path, dict(self.headers)))
                site.counts[path] = site.counts.get(path, 0) + 1
                answer = site.routes(site, path, self.headers)
                time.sleep(answer.sleep)
                try:
                    self.send_response(answer.status)
                    for name, value in answer.headers.items():
                        self.send_header(name, value)
                    if answer.length:
                        self.send_header("Content-Length", str(len(answer.body)))
                    self.end_headers()
                    self.wfile.write(answer.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the collector stopped reading (size cap, timeout): as a real server sees it

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer((host, 0), Handler)
        self.server.daemon_threads = True
        self.server.block_on_close = False
        self.port = self.server.server_address[1]
        self.host = host

    def url(self, path: str) -> str:
        return f"http://{self.host}:{self.port}{path}"

    def __enter__(self) -> "Site":
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


def page(title: str, body: str, charset: str = "utf-8") -> str:
    return (f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">'
            f"<title>{title}</title></head><body>"
            '<div class="nav"><a href="/">首页</a><a href="/zwgk/">政务公开</a></div>'
            '<div class="sidebar"><a href="/zwgk/guide.doc">政府信息公开指南</a>'
            '<a href="/zwgk/notice2.html">关于印发2023年度政府信息公开工作要点的通知</a></div>'
            f"{body}</body></html>")


def listing_1(offsite: str) -> bytes:
    return page("政府信息公开年报_某某县人民政府", f"""<div class="list"><ul>
<li><a href="2023/report.html" title="淮安市淮阴区交通运输局2023年政府信息公开工作年度报告">淮安市淮阴区交通运输局2023年政府信息公开工作年...</a></li>
<li><a href="/old/2022.html">瓦房子镇2020年政府信息公开工作年度报告</a></li>
<li><a href="/private/2021.html">2021年政府信息公开工作年度报告</a></li>
<li><a href="{offsite}/ndbg/2020.html">2020年政府信息公开工作年度报告</a></li>
<li><a href="gone.html#top">2019年政府信息公开工作年度报告</a></li>
<li><a href="notice.html">关于开展政府信息公开工作情况检查的通知</a></li>
</ul></div><div class="page"><a href="index.html">首页</a> <a href="index_1.html">下一页</a></div>""").encode()


def listing_2(offsite: str) -> bytes:
    return page("政府信息公开年报_某某县人民政府", """<div class="list"><ul>
<li><a href="/ndbg/2017.html">2017年政府信息公开工作年度报告</a></li>
<li><a href="2018/quanwen.doc">某某县2018年政府信息公开工作年度报告</a></li>
</ul></div><script>createPageHTML(4, 1, "index", "html");</script>""").encode()


def listing_3() -> bytes:
    """A last page with no report on it: still a listing, never saved as a report page."""
    return page("政府信息公开年报_某某县人民政府",
                '<div class="list"><a href="shuoming.html">关于调整政府信息公开年报栏目的说明</a></div>').encode()


def report_2023(offsite: str) -> bytes:
    """The 2021-edition report page of tests/builders.py, in GBK, with attachments after the article."""
    text = report_html("2021", known_values("2021"), META_2021, "gb2312", META_2021.iso)
    attachments = f"""<div class="fujian">附件：<a href="附件1.pdf">附件1：淮阴区交通运输局2023年年报.pdf</a>
<a href="fake.pdf">点击下载</a> <a href="big.zip">统计表.zip</a> <a href="huge.xls">明细.xls</a>
<a href="missing.pdf">附件4.pdf</a> <a href="flaky.pdf">附件5</a>
<a href="{offsite}/files/a.pdf">外部附件.pdf</a></div><div class="bdshare">"""
    text = text.replace('<div class="bdshare">', attachments, 1)
    text = text.replace('<div class="related">', '<div class="related"><a href="/zwgk/guide2.doc">指南.doc</a>', 1)
    return text.encode("gb18030")


def report_2022() -> bytes:
    return page("瓦房子镇2020年政府信息公开工作年度报告",
                f'<div id="zoom"><pre>{html.escape(SAMPLE)}</pre></div>').encode()


def government_site(offsite: str):
    """The routes of the test site (``offsite`` is the other server's base URL)."""
    pages = {"/ndbg/index_1.html": listing_2(offsite), "/ndbg/index_2.html": listing_3(), "/ndbg/2023/report.html": report_2023(offsite),
             "/ndbg/2022/report.html": report_2022()}
    html_type = {"Content-Type": "text/html; charset=utf-8"}

    def routes(site: Site, path: str, headers) -> Answer:
        if path == "/robots.txt":
            return Answer(body=b"User-agent: *\nDisallow: /private/\n", headers={"Content-Type": "text/plain"})
        if path == "/ndbg/index.html":
            if headers.get("If-None-Match") == LISTING_ETAG:
                return Answer(304, headers={"ETag": LISTING_ETAG})
            return Answer(body=listing_1(offsite), headers={**html_type, "ETag": LISTING_ETAG})
        if path in pages:
            return Answer(body=pages[path], headers={"Content-Type": "text/html"})
        if path == "/old/2022.html":
            return Answer(301, headers={"Location": "/ndbg/2022/report.html"})
        if path == "/ndbg/2017.html":
            return Answer(302, headers={"Location": f"{offsite}/moved/2017.html"})
        if path in ("/ndbg/2023/附件1.pdf", "/ndbg/2023/flaky.pdf"):
            if path.endswith("flaky.pdf") and site.counts[path] == 1:
                return Answer(500, b"busy")
            return Answer(body=PDF, headers={"Content-Type": "application/pdf"})
        if path == "/ndbg/2018/quanwen.doc":  # a .docx served behind a .doc link
            return Answer(body=DOCX, headers={"Content-Type": "application/msword"})
        if path == "/ndbg/2023/fake.pdf":  # the site's error page, with status 200
            return Answer(body="<!DOCTYPE html><html><body>文件不存在</body></html>".encode(),
                          headers={"Content-Type": "application/pdf"})
        if path == "/ndbg/2023/big.zip":  # over the cap, no Content-Length: stopped while streaming
            return Answer(body=b"PK\x03\x04" + b"\0" * (CAP * 2), length=False)
        if path == "/ndbg/2023/huge.xls":  # over the cap by its Content-Length: never read
            return Answer(body=b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * (CAP * 2))
        if path == "/ndbg/2023/slow.pdf":
            return Answer(body=PDF, sleep=SLOW_S)
        return Answer(404, "<html><body>404 页面不存在</body></html>".encode(), html_type)

    return routes


def count_hits(site: Site, path: str, headers) -> Answer:
    """The off-site server: answers everything (so a bug would save a file) and counts."""
    return Answer(body=PDF)
