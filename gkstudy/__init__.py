"""gkstudy: turn 政府信息公开工作年度报告 into validated data.

The subpackages are the pipeline's stages. A module imports only from stages below its own
(the import-linter contract in pyproject.toml, run by tests/test_layers.py):

cli -> cli_export -> study | collect -> datasets -> batch -> extract -> contract -> checks
    -> mapper | metadata -> readers -> core
"""

__version__ = "0.1.0"

# Bumped whenever extraction output may change; part of the cache key.
EXTRACTOR_VERSION = "0.1.0"
