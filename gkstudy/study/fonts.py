"""A CJK font for matplotlib that comes from a pip package, so Chinese labels render on machines
with no system CJK fonts (no tofu boxes, no "Glyph missing" warnings).

mplfonts ships Noto Sans CJK SC as a plain .otf file; we register that file with matplotlib's font
manager directly. Importing mplfonts itself is avoided: its CLI and helpers may touch the network
or the user's matplotlib config, and all we need is the file.
"""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path

FONT_FILE = "NotoSansCJKsc-Regular.otf"


class FontNotFound(RuntimeError):
    """The CJK font file is not installed (mplfonts missing or changed its layout)."""


def cjk_font_path() -> Path:
    """Path of Noto Sans CJK SC inside the installed mplfonts package."""
    spec = importlib.util.find_spec("mplfonts")
    if spec is None or not spec.submodule_search_locations:
        raise FontNotFound("the mplfonts package is not installed; `pip install mplfonts` provides the CJK font")
    for root in spec.submodule_search_locations:
        found = sorted(Path(root).rglob(FONT_FILE))
        if found:
            return found[0]
    raise FontNotFound(f"{FONT_FILE} not found inside the mplfonts package")


@functools.cache
def use_cjk_font() -> str:
    """Register the CJK font and make it matplotlib's default sans-serif; returns the family name.

    Safe to call many times. Also keeps the minus sign as ASCII '-', which CJK fonts may lack.
    """
    import matplotlib
    from matplotlib import font_manager

    path = cjk_font_path()
    font_manager.fontManager.addfont(str(path))
    family = font_manager.FontProperties(fname=str(path)).get_name()
    matplotlib.rcParams["font.family"] = "sans-serif"
    matplotlib.rcParams["font.sans-serif"] = [family, "DejaVu Sans"]
    matplotlib.rcParams["axes.unicode_minus"] = False
    return family
