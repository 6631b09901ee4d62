"""Thresholds more than one reader uses, stated once (a reader's own thresholds stay in its module)."""

# No report table is wider: a larger colspan (HTML) or gridSpan (DOCX) is damage, not layout.
MAX_TABLE_COLUMNS = 64
# Two PDF cells (of two readers, or of two pages' grids) are the same cell when they overlap by
# half of the smaller box (along one axis: of the narrower extent); less is a neighbouring cell.
MIN_OVERLAP = 0.5
