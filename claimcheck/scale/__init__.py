"""Archives and clusters: the same pure pipeline over millions of documents.

An archive (JSON Lines or Parquet, one article per row) is cut into partitions that are read
one at a time, never loaded whole (`archive`). Each partition is checked by a `Checker` and
written as its own output files (`results`); the run (`run`) hands partitions to an engine:
this process, or Dask workers (`cluster`) that each load the pipeline and a read-only copy of
the evaluation store once. A manifest records what is done, so a re-run skips it.

Only `cluster` imports Dask, and pyarrow is imported where Parquet is read or written: both
come with the optional `claimcheck[dask]` extra, and the base install never pays for them.
"""
