"""Render an executed notebook to one self-contained HTML page for readers: outputs only — no code
cells, no prompts, no parameter cells — with figures embedded as base64 PNG."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

from gkstudy.study.webfont import embed_cjk_font

HIDDEN_TAGS = ("parameters", "injected-parameters", "remove")
# The page should open offline: drop the scripts nbconvert links from CDNs (MathJax, require.js);
# the study pages contain no equations or widgets that need them.
_REMOTE_SCRIPT = re.compile(r"<script[^>]*\bsrc=\"https?://[^\"]*\"[^>]*>\s*</script>", re.I)


def render_html(notebook_path: str | Path, html_path: str | Path) -> Path:
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor
    from traitlets.config import Config

    config = Config()
    config.TagRemovePreprocessor.remove_cell_tags = set(HIDDEN_TAGS)
    config.TagRemovePreprocessor.enabled = True
    exporter = HTMLExporter(config=config, exclude_input=True, exclude_input_prompt=True,
                            exclude_output_prompt=True, embed_images=True)
    exporter.register_preprocessor(TagRemovePreprocessor(config=config), enabled=True)
    nb = nbformat.read(str(notebook_path), as_version=4)
    body, _resources = exporter.from_notebook_node(nb)
    body = embed_cjk_font(_REMOTE_SCRIPT.sub("", body))
    out = Path(html_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(body, encoding="utf-8")
    return out
