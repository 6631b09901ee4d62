"""PDF reader: text pass, camelot lattice grids cross-checked by pdfium, unruled tables from word positions."""
