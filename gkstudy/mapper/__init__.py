"""Tokens of a Document -> canonical cells of tables 二, 三 and 四, anchored on row labels and headers."""
