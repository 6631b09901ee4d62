"""Every threshold of the mapper, in one place, each with why it has its value.

Scores are ``labels.similarity`` ratios (difflib, 0..1, on compacted text). The modules import
these under their own short names; none writes a number of its own.
"""

# --- label-match scores (higher: stricter) ----------------------------------------------------------
# Header labels of t3/t4 are short and alike (结果维持 / 结果纠正, 商业企业): one wrong character in
# a four-character label scores 0.75, so a header word must be all but exact to count as one.
HEADER_LABEL = 0.85
# A column label matched alone (t4's result columns, a row label with numbers glued on): one wrong
# character in a label of five or more characters still reaches this (4 of 5 alike: 0.8).
COLUMN_LABEL = 0.8
# A t3 row label without its enumeration, or a t2 column label: the enumeration no longer confirms
# it, so the text must agree on three characters in four (a typo or a dropped word in a long label).
ROW_TEXT = 0.75
# The first row of t3 (一、本年新收… / 二、上年结转…): long labels that reports print shortened
# (本年新收申请数量 scores 0.73 against the codebook's label); values must follow it as well.
T3_START = 0.7
# Text after an enumeration that already names the row (（三） + label): it only has to be not
# clearly another row; t2's row labels are matched inside their own 第二十条 block, likewise.
NUMBERED_LABEL = 0.6
# Below this a numbered sub-row's text (or a group label's printed prefix) reads as another label:
# the numbering alone is then not trusted.
SUB_DOUBT = 0.5

# --- pieces of labels broken over a page or a cell ------------------------------------------------------
# t3's column labels run to six characters (社会公益组织, 法律服务机构): a piece of one is at most four.
T3_FRAGMENT_CHARS = 4
# t4's labels are four characters (结果维持, 行政复议): a piece of one is at most three; four is a label.
T4_FRAGMENT_CHARS = 3
# Unrecognised texts right after a row label taken as its broken-off rest, not as cells.
MAX_LABEL_PIECES = 2
# Tokens within which the second half of t4's 行政复议 broken over a page follows the first.
SPLIT_LOOKAHEAD = 4

# --- how far to look ------------------------------------------------------------------------------------
# t3's column header stands within this many tokens before its first row (two header rows of 7-8 cells
# plus the parent header and a page's running text).
HEADER_WINDOW = 60
# t4's header (3 block labels, 15 result labels, the parent header, pieces) ends within this many tokens.
MAX_HEADER_TOKENS = 80
# Beyond this many missing cells in a short row, placing the printed values is not worth guessing at.
MAX_MISSING = 3
