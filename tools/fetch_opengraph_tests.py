"""Fetch the sdist of the installed sphinxext-opengraph, whose test suite our suite runs.

``tests/test_opengraph_suite.py`` runs sphinxext-opengraph's own tests with
our extension loaded in every one of its test projects. Tests never touch the
network, so the sdist is fetched beforehand, with pip, into ``.cache/`` (CI's
``.ci/run`` does this). Run it yourself before the test suite::

    python tools/fetch_opengraph_tests.py
"""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

CACHE = Path(__file__).resolve().parents[1] / ".cache" / "opengraph"


def sdist_path() -> Path | None:
    found = sorted(CACHE.glob(f"sphinxext_opengraph-{version('sphinxext-opengraph')}.tar.gz"))
    return found[0] if found else None


def main() -> int:
    if sdist_path() is not None:
        print(f"already here: {sdist_path()}")
        return 0
    CACHE.mkdir(parents=True, exist_ok=True)
    wanted = f"sphinxext-opengraph=={version('sphinxext-opengraph')}"
    command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
               "--no-binary", ":all:", wanted, "--dest", str(CACHE)]
    result = subprocess.run(command, check=False)
    if result.returncode or sdist_path() is None:
        print(f"could not fetch the sdist of {wanted}", file=sys.stderr)
        return 1
    print(f"fetched {sdist_path()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
