"""Word (.docx) reader: body blocks in order, merged table cells expanded."""
