"""The one place that talks to SQLite (see `claimcheck.store.core` for the whole picture).

Parts: `base` (connection, locking, transactions), `articles` (saving and reading checked
documents), `evaluations` (registries, evaluations, prices, the judge's index), `template`
(the bundled data), `records` (rows to dataclasses and back), `schema` (tables and
migrations) and `queries` (the reads the app's plain-sqlite first screen shares).
"""

from __future__ import annotations

from claimcheck.models import Snapshot
from claimcheck.store.base import (
    DEFAULT_LOCK_TIMEOUT,
    StoreBusy,
    StoreError,
    describe_sqlite_error,
    lock_timeout_default,
    now_iso,
)
from claimcheck.store.core import Store
from claimcheck.store.evaluations import IndexSummary
from claimcheck.store.records import (
    claim_from_record,
    claim_record,
    evaluation_key,
    read_csv_rows,
    sha256_bytes,
    sha256_file,
    verdict_from_record,
    verdict_record,
)
from claimcheck.store.template import (
    TEMPLATE_KIND,
    bundled_template,
    create_from_template,
    load_bundled,
    template_key,
)

__all__ = [
    "DEFAULT_LOCK_TIMEOUT",
    "TEMPLATE_KIND",
    "IndexSummary",
    "Snapshot",
    "Store",
    "StoreBusy",
    "StoreError",
    "bundled_template",
    "claim_from_record",
    "claim_record",
    "create_from_template",
    "describe_sqlite_error",
    "evaluation_key",
    "load_bundled",
    "lock_timeout_default",
    "now_iso",
    "read_csv_rows",
    "sha256_bytes",
    "sha256_file",
    "template_key",
    "verdict_from_record",
    "verdict_record",
]
