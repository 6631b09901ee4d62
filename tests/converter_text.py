"""Reports as PDF-to-Markdown converters write them: ``# title``, ``## headings``, the tables as
pipe tables (``| a | b |`` with a ``|---|`` rule under the first row, merged cells left empty),
and the converters' habits each variant adds: table 三 cut into one small table per group under
placeholder headers (数据1 … 数据6) or under a wrong header row, page footers and page numbers
between rows, header words broken over lines, and row labels printed apart from their rows."""

from __future__ import annotations

from builders import META_2019, META_2021, SECTIONS, T3_COLS, narrative, place, t2_layout, t3_layout, t4_layout

META = {"2021": META_2021, "2019": META_2019}


def grid(layout) -> list[list[str]]:
    placed = place(layout)
    n_rows = max(r + c.rowspan for r, _, c in placed)
    n_cols = max(col + c.colspan for _, col, c in placed)
    out = [[""] * n_cols for _ in range(n_rows)]
    for r, col, c in placed:
        out[r][col] = c.text
    return out


def pipe(rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])]
    return lines + ["| " + " | ".join(r) + " |" for r in rows[1:]]


def _t3_pieces(edition: str, values: dict, variant: str) -> list[str]:
    rows = grid(t3_layout(edition, values))
    head, body = rows[:3], rows[3:]
    if variant == "broken_header":  # 商业企业 → 商业<br>企业 inside a cell
        head = [[c.replace("商业企业", "商业<br>企业").replace("总计", "总<br>计") for c in r] for r in head]
    if variant == "header_rows":  # the organisations' header row broken over two pipe rows
        orgs = head[2]
        head = head[:2] + [[c[:len(c) // 2 + len(c) % 2] if c else "" for c in orgs],
                           [c[len(c) // 2 + len(c) % 2:] if c else "" for c in orgs]]
    if variant in ("split", "wrong_header"):
        # one small table per group: rows up to the next group label (（一）…（七）, 四、)
        tables, current = [], []
        for r in body:
            starts_group = any(c.startswith(("（", "四、")) for c in r[:2] if c) and current
            if starts_group:
                tables.append(current)
                current = []
            current.append(r)
        tables.append(current)
        out = pipe(head + tables[0])
        for k, t in enumerate(tables[1:]):
            header = ([f"数据{n}" for n in range(1, 7)] + [""] * (len(t[0]) - 6) if variant == "split"
                      else t[0])  # the group's first row taken for a header row
            out += [""] + pipe([header] + (t if variant == "split" else t[1:]))
            if variant == "wrong_header":
                pass
        return out
    lines = pipe(head + body)
    if variant == "footers":
        at = len(lines) // 2
        lines[at:at] = ["", "- 3 -", "", "第 3 页 共 8 页", "4"]
        lines[at + 9:at + 9] = ["5"]
    return lines


def labels_apart(edition: str, values: dict, numbers: str = "spaces") -> list[str]:
    """Table 三 with every row label printed first, then the rows of numbers (a converter that
    read the label column as a block of its own)."""
    rows = grid(t3_layout(edition, values))[3:]
    labels = [c for r in rows for c in r[:3] if c]  # the label column, top to bottom
    out = ["申请人情况", "自然人\t法人或其他组织\t总计",
           "商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他", ""]
    out += labels + [""]
    for r in rows:
        cells = [c for c in r[3:]]
        out.append(" ".join(cells) if numbers == "spaces" else "| " + " | ".join(cells) + " |")
    return out


def markdown_report(edition: str, values: dict, variant: str = "plain", apart_numbers: str = "spaces") -> str:
    meta = META[edition]
    texts = narrative(meta, values)
    out = [f"# {meta.agency}{meta.year}年政府信息公开工作年度报告", ""]
    for heading in SECTIONS:
        out += [f"## **{heading}**", ""]
        for para in texts.get(heading, []):
            out += [para, ""]
        if heading == SECTIONS[1]:
            out += pipe(grid(t2_layout(edition, values))) + [""]
        elif heading == SECTIONS[2]:
            out += (labels_apart(edition, values, apart_numbers) if variant == "labels_apart"
                    else _t3_pieces(edition, values, variant)) + [""]
        elif heading == SECTIONS[3]:
            out += pipe(grid(t4_layout(values))) + [""]
    out += [meta.agency, "", meta.published, ""]
    return "\n".join(out)


assert T3_COLS  # the column order the tables are printed in
