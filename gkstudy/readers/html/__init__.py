"""Web-page reader: charset, article body, tables expanded to grids."""
