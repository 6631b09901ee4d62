"""gkstudy: turn 政府信息公开工作年度报告 into validated data.

Pipeline (imports point one way, down this list):
readers (one per format) -> document (text lines + table grids -> tokens)
-> mapper (label-anchored, codebook-driven) -> checks -> writers -> batch -> cli.
"""

__version__ = "0.1.0"

# Bumped whenever extraction output may change; part of the cache key.
EXTRACTOR_VERSION = "0.1.0"
