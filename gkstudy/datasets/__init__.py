"""The contract CSVs -> analysis tables (long, wide, harmonized) and their exports with codebook."""
