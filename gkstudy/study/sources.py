"""The findings pages' list of sources: which web address each collected report was downloaded from and
when (the ``source_url`` and ``retrieved_at`` that ``gkstudy extract`` took from SOURCES.csv)."""

from __future__ import annotations

import pandas as pd

SOURCE_COLUMNS = ("source_file", "agency", "year", "source_url", "retrieved_at")


def sources_table(reports: pd.DataFrame) -> pd.DataFrame:
    """One row per report that has a source URL, sorted by URL; empty (with the columns) when none has."""
    columns = [c for c in SOURCE_COLUMNS if c in reports.columns]
    if "source_url" not in reports.columns:
        return pd.DataFrame(columns=list(SOURCE_COLUMNS))
    cited = reports[reports["source_url"].fillna("").astype(str) != ""]
    return cited[columns].sort_values(["source_url", "source_file"]).reset_index(drop=True)
