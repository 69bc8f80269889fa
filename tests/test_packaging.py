"""What a fresh install needs: every third-party import of the package is a declared dependency.

The `dask` extra's packages are declared too, but optional: only the Dask engine imports them
when it is loaded, and everything else imports without them.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _declared(extras: tuple[str, ...] = ("dask",)) -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    specs = list(project["dependencies"])
    for extra in extras:
        specs += project["optional-dependencies"][extra]
    names = set()
    for spec in specs:
        names.add(re.split(r"[<>=!~\[; ]", spec, maxsplit=1)[0].lower().replace("_", "-"))
    return names


def _imported_top_level_modules() -> set[str]:
    found: set[str] = set()
    for path in (ROOT / "claimcheck").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add(node.module.split(".")[0])
    return found - set(sys.stdlib_module_names) - {"claimcheck", "__future__"}


def test_every_third_party_import_is_a_declared_dependency():
    dists = packages_distributions()
    declared = _declared()
    undeclared = {}
    for module in sorted(_imported_top_level_modules()):
        owners = {d.lower().replace("_", "-") for d in dists.get(module, [module])}
        if not owners & declared:
            undeclared[module] = sorted(owners)
    assert undeclared == {}


EXTRA_MODULES = ("dask", "distributed", "pyarrow")


def test_only_the_dask_engine_imports_the_extra_at_module_level() -> None:
    """Elsewhere the extra's packages are imported inside the function that needs them."""
    at_top = set()
    for path in (ROOT / "claimcheck").rglob("*.py"):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            if any(n.split(".")[0] in EXTRA_MODULES for n in names):
                at_top.add(path.relative_to(ROOT).as_posix())
    assert at_top == {"claimcheck/scale/cluster.py"}
    assert not {"dask", "distributed", "pyarrow"} & _declared(extras=())


def test_without_the_extra_the_rest_imports_and_check_runs(tmp_path: Path) -> None:
    code = f"""
import importlib, pkgutil, sys
for name in {EXTRA_MODULES!r}:
    sys.modules[name] = None  # as in a base install
import claimcheck
for info in pkgutil.walk_packages(claimcheck.__path__, prefix="claimcheck."):
    if info.name not in ("claimcheck.scale.cluster", "claimcheck.__main__"):
        importlib.import_module(info.name)
from claimcheck.cli import main
main(["check", "--help"])
"""
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "--engine [local|dask]" in result.stdout
