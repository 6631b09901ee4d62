"""gkstudy collect against a web site the tests serve on 127.0.0.1 (tests/collect_site.py): from a
listing page it saves the report pages and their attachments and nothing else, writes SOURCES.csv,
obeys robots.txt, never leaves the site, refuses over-size files, records failures, resumes without
downloading anything twice, and `gkstudy extract` then cites every collected report's URL."""

import csv
import hashlib

import httpx
import pytest

from collect_site import CAP, DOCX, LISTING_ETAG, PDF, LoopbackOnly, Site, count_hits, government_site
from gkstudy.batch.runner import extract_to_dir
from gkstudy.cli import main
from gkstudy.collect.crawl import collect_to_dir
from gkstudy.collect.fetch import Fetcher, Settings
from gkstudy.collect.links import is_report_title
from gkstudy.collect.names import safe_stem, stem_from, unique_name
from gkstudy.collect.sniff import sniff_kind, suffix_for
from gkstudy.core.sources import SOURCES_COLUMNS

SETTINGS = dict(delay_s=0, backoff_s=0, retries=1, read_timeout_s=10, connect_timeout_s=10, max_bytes=CAP,
                contact="tester@example.org")


def rows_of(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def crawl(tmp_path_factory):
    """Two runs of collect on the site (the second must fetch nothing new), then extract."""
    tmp = tmp_path_factory.mktemp("collect")
    with Site("127.0.0.2", count_hits) as offsite, Site("127.0.0.1", None) as site:
        site.routes = government_site(f"http://127.0.0.2:{offsite.port}")
        seeds = tmp / "seeds.csv"
        seeds.write_text(f"# the county's 年报 column\nurl,agency,year\n{site.url('/ndbg/index.html')},某某县,2023\n",
                         encoding="utf-8")
        out = tmp / "raw"
        guard = LoopbackOnly()
        first = collect_to_dir([str(seeds)], out, Settings(**SETTINGS), max_pages=3, progress=False, transport=guard)
        first_bytes = (out / "SOURCES.csv").read_bytes()
        first_files = sorted(p.name for p in out.iterdir())
        first_hits = len(site.hits)
        second_guard = LoopbackOnly()
        second = collect_to_dir([str(seeds)], out, Settings(**SETTINGS), max_pages=3, progress=False,
                                transport=second_guard)
        second_hits = site.hits[first_hits:]
        processed = tmp / "processed"
        extracted = extract_to_dir([out], processed, jobs=1, progress=False)
        yield dict(site=site, offsite_hits=list(offsite.hits), out=out, first=first, second=second,
                   first_bytes=first_bytes, first_files=first_files, first_hits=site.hits[:first_hits],
                   second_hits=second_hits, guards=(guard, second_guard), extracted=extracted,
                   rows={r["url"]: r for r in rows_of(out / "SOURCES.csv")},
                   reports=rows_of(processed / "reports.csv"))


def row(crawl, path):
    return crawl["rows"][crawl["site"].url(path)]


def test_saves_the_report_pages_and_their_attachments_and_nothing_else(crawl):
    saved = {r["file"] for r in crawl["rows"].values() if r["file"]}
    assert saved == {"淮安市淮阴区交通运输局2023年政府信息公开工作年度报告.html", "瓦房子镇2020年政府信息公开工作年度报告.html",
                     "淮阴区交通运输局2023年年报.pdf", "某某县2018年政府信息公开工作年度报告.docx"}
    assert sorted(crawl["first_files"]) == sorted([*saved, "SOURCES.csv", ".collect-state.json"])
    assert (crawl["out"] / "淮阴区交通运输局2023年年报.pdf").read_bytes() == PDF
    assert (crawl["out"] / "某某县2018年政府信息公开工作年度报告.docx").read_bytes() == DOCX  # sniffed: a docx behind .doc
    requested = {path for path, _headers in crawl["first_hits"]}
    assert not requested & {"/zwgk/guide.doc", "/zwgk/guide2.doc", "/zwgk/notice2.html", "/", "/zwgk/"}  # chrome


def test_sources_csv_has_a_complete_row_for_every_url_tried(crawl):
    header = next(csv.reader(open(crawl["out"] / "SOURCES.csv", encoding="utf-8")))
    assert header == [*SOURCES_COLUMNS, "agency", "year"]
    pdf = row(crawl, "/ndbg/2023/附件1.pdf")
    assert pdf["sha256"] == hashlib.sha256(PDF).hexdigest() and pdf["bytes"] == str(len(PDF))
    assert (pdf["status"], pdf["content_type"], pdf["link_text"]) == ("200", "application/pdf",
                                                                      "附件1：淮阴区交通运输局2023年年报.pdf")
    assert pdf["found_on"] == crawl["site"].url("/ndbg/2023/report.html")
    assert pdf["retrieved_at"].endswith("Z") and pdf["retrieved_at"][10] == "T"
    assert all((r["agency"], r["year"]) == ("某某县", "2023") for r in crawl["rows"].values())
    listing = row(crawl, "/ndbg/index.html")
    assert (listing["status"], listing["file"], listing["found_on"]) == ("200", "", "")
    statuses = {url.split(":", 2)[2].split("/", 1)[1]: r["status"] for url, r in crawl["rows"].items()}
    assert statuses == {
        "ndbg/index.html": "200", "ndbg/index_1.html": "200", "ndbg/index_2.html": "200",
        "ndbg/index_3.html": "page_limit", "ndbg/shuoming.html": "not_a_report_link",
        "ndbg/2023/report.html": "200", "old/2022.html": "200", "private/2021.html": "robots",
        "ndbg/2020.html": "off_site", "ndbg/gone.html": "404", "ndbg/notice.html": "not_a_report_link",
        "ndbg/2017.html": "off_site", "ndbg/2018/quanwen.doc": "200",
        "ndbg/2023/附件1.pdf": "200", "ndbg/2023/fake.pdf": "unexpected_html", "ndbg/2023/big.zip": "too_large",
        "ndbg/2023/huge.xls": "too_large", "ndbg/2023/missing.pdf": "404", "ndbg/2023/flaky.pdf": "200",
        "files/a.pdf": "off_site"}


def test_robots_txt_is_obeyed_and_nothing_off_site_is_fetched(crawl):
    requested = [path for path, _headers in crawl["first_hits"] + crawl["second_hits"]]
    assert "/private/2021.html" not in requested and requested.count("/robots.txt") == 2
    assert crawl["offsite_hits"] == []
    assert all(r.url.host == "127.0.0.1" for g in crawl["guards"] for r in g.requests)
    redirect_away = row(crawl, "/ndbg/2017.html")
    assert redirect_away["final_url"].startswith("http://127.0.0.2:") and redirect_away["file"] == ""
    assert row(crawl, "/ndbg/notice.html")["retrieved_at"] == ""  # recorded without a request
    assert "/ndbg/notice.html" not in requested and "/ndbg/index_3.html" not in requested


def test_user_agent_names_the_kit_and_the_contact(crawl):
    agent = crawl["first_hits"][0][1]["User-Agent"]
    assert agent.startswith("gkstudy/0.1.0 ") and "tester@example.org" in agent


def test_failures_are_rows_without_files(crawl):
    for path in ("/ndbg/2023/big.zip", "/ndbg/2023/huge.xls", "/ndbg/gone.html", "/ndbg/2023/fake.pdf"):
        assert row(crawl, path)["file"] == "", path
    assert row(crawl, "/ndbg/2023/big.zip")["bytes"] == ""  # stopped while streaming: whole size unknown
    assert int(row(crawl, "/ndbg/2023/huge.xls")["bytes"]) > CAP  # refused by its Content-Length
    fake = row(crawl, "/ndbg/2023/fake.pdf")
    assert fake["sha256"] and fake["content_type"] == "application/pdf"  # what came, not saved as a PDF
    assert not list(crawl["out"].glob(".*.tmp"))


def test_a_slow_answer_is_a_timeout_row_after_bounded_retries(tmp_path):
    with Site("127.0.0.1", government_site("http://127.0.0.2:9")) as site:
        settings = Settings(**{**SETTINGS, "read_timeout_s": 0.25, "retries": 1})
        summary = collect_to_dir([site.url("/ndbg/2023/slow.pdf")], tmp_path, settings, progress=False,
                                 transport=LoopbackOnly())
        assert site.counts["/ndbg/2023/slow.pdf"] == 2  # the first try and one retry
    (slow,) = rows_of(tmp_path / "SOURCES.csv")
    assert (slow["status"], slow["file"], summary.failed["timeout"]) == ("timeout", "", 1)
    assert slow["retrieved_at"] and not list(tmp_path.glob("*.pdf"))


def test_redirect_and_retry(crawl):
    moved = row(crawl, "/old/2022.html")
    assert moved["final_url"] == crawl["site"].url("/ndbg/2022/report.html")
    flaky = row(crawl, "/ndbg/2023/flaky.pdf")  # 500, then 200 with the bytes of 附件1.pdf: one file
    assert (flaky["status"], flaky["file"]) == ("200", "淮阴区交通运输局2023年年报.pdf")
    assert crawl["first"].identical == 1


def test_second_run_downloads_nothing_again(crawl):
    second = crawl["second"]
    assert sum(second.saved.values()) == 0 and second.already == 5 and second.not_modified == 1
    requested = {path for path, _headers in crawl["second_hits"]}
    saved_paths = {"/ndbg/2023/report.html", "/old/2022.html", "/ndbg/2022/report.html", "/ndbg/2023/附件1.pdf",
                   "/ndbg/2023/flaky.pdf", "/ndbg/2018/quanwen.doc"}
    assert not requested & saved_paths
    listing = [h for p, h in crawl["second_hits"] if p == "/ndbg/index.html"]
    assert [h.get("If-None-Match") for h in listing] == [LISTING_ETAG]  # asked conditionally: 304
    assert (crawl["out"] / "SOURCES.csv").read_bytes() == crawl["first_bytes"]  # same answers: same file
    assert sorted(p.name for p in crawl["out"].iterdir()) == crawl["first_files"]
    assert "0 files saved" in second.line() and "5 already there" in second.line()


def test_extract_cites_every_collected_report(crawl):
    reports = crawl["reports"]
    assert len(reports) == 4 and not crawl["extracted"].skipped  # SOURCES.csv is not a skipped report file
    by_name = {r["source_file"].rsplit("/", 1)[1]: r for r in reports}
    pdf = by_name["淮阴区交通运输局2023年年报.pdf"]
    assert pdf["source_url"] == crawl["site"].url("/ndbg/2023/附件1.pdf") and pdf["status"] in ("ok", "partial")
    assert by_name["瓦房子镇2020年政府信息公开工作年度报告.html"]["source_url"] == crawl["site"].url("/ndbg/2022/report.html")
    gbk = by_name["淮安市淮阴区交通运输局2023年政府信息公开工作年度报告.html"]
    assert (gbk["status"], gbk["agency"]) == ("ok", "淮安市淮阴区交通运输局")  # the GBK page decoded right
    for r in reports:
        sources_row = next(s for s in crawl["rows"].values() if s["file"] == r["source_file"].rsplit("/", 1)[1])
        assert r["source_url"] and r["retrieved_at"] == sources_row["retrieved_at"]


def test_ctrl_c_leaves_no_half_file(tmp_path):
    def body():
        yield b"%PDF-1.7 first part"
        raise KeyboardInterrupt

    def handler(request):  # in memory: no request leaves the process
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        return httpx.Response(200, content=body())

    with pytest.raises(KeyboardInterrupt):
        collect_to_dir(["http://127.0.0.1:9/a.pdf"], tmp_path, Settings(**SETTINGS), progress=False,
                       transport=httpx.MockTransport(handler))
    assert sorted(p.name for p in tmp_path.iterdir()) == [".collect-state.json", "SOURCES.csv"]


def test_crawl_delay_of_robots_txt_is_waited_for(tmp_path):
    waits = []

    def handler(request):  # in memory: no request leaves the process
        if request.url.path == "/robots.txt":
            return httpx.Response(200, text="User-agent: *\nCrawl-delay: 3\n")
        return httpx.Response(404)

    settings = Settings(**{**SETTINGS, "delay_s": 1.0})
    with Fetcher(settings, tmp_path, httpx.MockTransport(handler), sleep=waits.append, clock=lambda: 100.0) as f:
        assert [f.get("http://127.0.0.1:9/a").status, f.get("http://127.0.0.1:9/b").status] == ["404", "404"]
    assert waits == [3.0, 3.0]  # before /a (after robots.txt) and before /b: the site's 3 s, not our 1 s


def test_cli_collects_with_a_summary_line(crawl, tmp_path, capsys, monkeypatch):
    from gkstudy.collect import crawl as crawl_module

    monkeypatch.setattr(crawl_module, "Fetcher", lambda s, out, _t: Fetcher(s, out, LoopbackOnly()))
    url = crawl["site"].url("/ndbg/2022/report.html")
    assert main(["collect", url, "--out", str(tmp_path), "--delay", "0", "--contact", "me@example.org"]) == 0
    err = capsys.readouterr().err
    assert err.startswith("collect: 1 file saved (1 page)") and err.count("\n") == 1
    assert [r["status"] for r in rows_of(tmp_path / "SOURCES.csv")] == ["200"]
    assert main(["collect", url, "--out", str(tmp_path), "--delay", "-1"]) == 2


def test_file_names_are_safe_and_unique():
    assert safe_stem('a<b>:"c"/d\\e|f?g*h') == "a_b___c__d_e_f_g_h"
    assert safe_stem("CON") == "_CON" and safe_stem(" ..报告. ") == "报告"
    assert len(safe_stem("年" * 300)) == 60
    assert stem_from("点击下载", "", "http://x/a/%E6%8A%A5%E5%91%8A.pdf", ".pdf") == "报告"
    taken = set()
    assert [unique_name("报告", ".pdf", taken) for _ in range(2)] + [unique_name("REPORT", ".pdf", taken),
                                                                    unique_name("report", ".PDF", taken)] == [
        "报告.pdf", "报告 (2).pdf", "REPORT.pdf", "report (2).PDF"]


def test_cli_usage_errors_are_one_line(capsys, tmp_path):
    assert main(["collect", "not-a-url", "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not a URL" in err
    bad = tmp_path / "urls.txt"
    bad.write_text("# one a line\nhttps://example.gov.cn/ndbg/\nftp://example.gov.cn/x\n", encoding="utf-8")
    assert main(["collect", str(bad), "--out", str(tmp_path / "o")]) == 2
    assert "line 2 is not an http(s) URL" in capsys.readouterr().err
    assert main(["collect", "https://example.gov.cn/", "--out", str(tmp_path), "--contact", "张三"]) == 2
    assert "ASCII" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()


def test_bytes_decide_what_a_file_is():
    assert sniff_kind(b"%PDF-1.7\n") == "pdf" and sniff_kind(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest") == "ole"
    assert sniff_kind(b'\xef\xbb\xbf<?xml version="1.0"?>\n<!DOCTYPE html><html>') == "html"
    assert sniff_kind(b"  <!-- cms --><HTML><body>") == "html" and sniff_kind(b"PK\x03\x04") == "zip"
    assert (suffix_for("html", ".shtml"), suffix_for("ole", ".wps"), suffix_for("docx", ".doc")) == (
        ".html", ".wps", ".docx")


def test_report_titles_name_a_year_and_an_annual_report():
    assert is_report_title("淮阴区2023年政府信息公开工作年度报告") and is_report_title("2022年政府信息公开年报")
    assert is_report_title("政府信息公开工作年度报告（2021年）")
    assert not is_report_title("政府信息公开年报") and not is_report_title("关于2023年政务公开工作要点的通知")
