"""Issue 6.5: report text shown as HTML is escaped, so a hostile agency name cannot run script."""

from gkstudy.core.escape import html_text


def test_script_in_an_agency_name_is_inert():
    name = '某县<script>alert("x")</script>人民政府 & "办公室" \'onload\''
    shown = html_text(name)
    assert "<" not in shown and ">" not in shown and '"' not in shown and "'" not in shown
    assert shown == ("某县&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;人民政府 &amp; &quot;办公室&quot; "
                     "&#x27;onload&#x27;")


def test_inside_an_attribute_value_too():
    hostile = 'a" onmouseover="x'
    assert f'<td title="{html_text(hostile)}">' == '<td title="a&quot; onmouseover=&quot;x">'


def test_na_and_numbers():
    assert html_text(None) == "" and html_text(0) == "0" and html_text(12.5) == "12.5"


def test_the_notebooks_run_header_escapes_what_it_shows(tmp_path):
    from gkstudy.study.nbsupport import run_header

    shown = run_header({"agency": "<script>alert(1)</script>"}, tmp_path / "<b>raw")
    assert "<script>" not in shown and "<b>raw" not in shown
    assert "&lt;script&gt;" in shown and "&lt;b&gt;raw" in shown
