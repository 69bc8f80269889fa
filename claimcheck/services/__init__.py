"""What the program does, one use case per module: the only thing the shells call.

`cli/` and `tui/` are shells: they parse arguments or keys, show progress and results, and call
these services. A service joins the stages (sources, documents, extract, judge, report, store,
importers), which do not import one another. The import contracts in `pyproject.toml` keep it so.
"""
