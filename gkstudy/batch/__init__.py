"""Many files at once: inputs, cache, worker processes (or Dask), limits, progress, the contract CSVs."""
