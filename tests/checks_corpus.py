"""A corpus of generated reports: seed 003's 2021-format text with its tables rewritten.

``table_numbers`` draws a consistent t3/t4 (every identity holds); ``render`` writes them into the
seed's tab-row lines in codebook order, so the reader and mapper run exactly as on a real file.
"""

from __future__ import annotations

import random

from gkstudy.core import codebook
from conftest import SAMPLES

SEED = SAMPLES / "003_b8ab7f4a548cfaef.txt"
T3_ROWS = codebook.rows("2021", "t3")
OUTCOMES = [r for r in T3_ROWS if r not in ("received", "carried_in", "total", "carried_out")]


def table_numbers(seed: int) -> tuple[dict[str, list], list]:
    rng = random.Random(seed)
    t3 = {}
    for row in OUTCOMES:
        parts = [rng.choice([0, 0, 0, 1, 2, 5, 13]) for _ in range(6)]
        t3[row] = parts + [sum(parts)]
    t3["total"] = [sum(t3[r][c] for r in OUTCOMES) for c in range(7)]
    carried_in = [rng.randint(0, min(2, t)) for t in t3["total"][:6]]
    carried_out = [rng.randint(0, 3) for _ in range(6)]
    received = [t3["total"][c] + carried_out[c] - carried_in[c] for c in range(6)]
    for name, parts in (("carried_in", carried_in), ("carried_out", carried_out), ("received", received)):
        t3[name] = parts + [sum(parts)]
    t4 = []
    for _block in range(3):
        parts = [rng.randint(0, 4) for _ in range(4)]
        t4 += parts + [sum(parts)]
    return t3, t4


def render(t3: dict[str, list], t4: list, *, year: int = 2023, date: str = "2024年1月12日",
           narrative: str = "", drop_heading: str = "") -> str:
    lines = SEED.read_text(encoding="utf-8").split("\n")
    out, k, in_t3 = [], 0, False
    for line in lines:
        if line.startswith("三、收到和处理"):
            in_t3 = True
        if line.startswith("四、政府信息公开行政复议"):
            in_t3 = False
        fields = line.split("\t")
        nums = [i for i, f in enumerate(fields) if f.strip().isdigit()]
        if in_t3 and len(nums) == 7 and k < len(T3_ROWS):
            for i, v in zip(nums, t3[T3_ROWS[k]]):
                fields[i] = str(v)
            k += 1
            line = "\t".join(fields)
        elif len(nums) == 15:
            line = "\t".join(str(v) for v in t4)
        line = line.replace("2023 年政府信息公开工作年度报告", f"{year} 年政府信息公开工作年度报告")
        if line.strip() == "2024年1月12日":
            line = date
        if drop_heading and line.startswith(drop_heading):
            continue
        if "无依申请公开事项" in line:  # the seed's own statement (0 requests) gives way to ours
            line = narrative
        out.append(line)
    assert k == len(T3_ROWS), "every t3 row rewritten"
    return "\n".join(out)


def cell_index(row: str, col: str) -> int:
    return codebook.cols("2021", "t3").index(col)
