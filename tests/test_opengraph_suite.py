"""sphinxext-opengraph's own test suite passes with our extension loaded (SPEC §6).

Its tests run twice from the sdist of the installed version: as they are, and
with ``"sphinx_eventarchive"`` appended to the extensions of every one of its
test projects. A test of theirs that passes alone and fails with us is a
failure here. The sdist is fetched beforehand by
``tools/fetch_opengraph_tests.py`` (tests never touch the network).
"""

from __future__ import annotations

import subprocess
import sys
import tarfile
import xml.etree.ElementTree as ET
from importlib.metadata import version
from pathlib import Path

import pytest

TOOLS = Path(__file__).resolve().parents[1] / "tools"
sys.path.insert(0, str(TOOLS))
from fetch_opengraph_tests import sdist_path  # noqa: E402

#: Tests of theirs left out, with the reason. None so far.
EXCLUDED: dict[str, str] = {}


def outcomes(tests: Path, report: Path) -> dict[str, str]:
    """Run a copy of their tests; test id -> passed / failed / skipped."""
    subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:randomly",
         f"--junitxml={report}", str(tests)],
        cwd=tests.parent, capture_output=True, text=True, check=False, timeout=600,
    )
    found = {}
    for case in ET.parse(report).getroot().iter("testcase"):
        name = f"{case.get('classname')}::{case.get('name')}"
        if case.find("failure") is not None or case.find("error") is not None:
            found[name] = "failed"
        elif case.find("skipped") is not None:
            found[name] = "skipped"
        else:
            found[name] = "passed"
    return found


def test_opengraph_suite_passes_with_us_loaded(tmp_path: Path) -> None:
    sdist = sdist_path()
    if sdist is None:
        pytest.skip(f"the sdist of sphinxext-opengraph {version('sphinxext-opengraph')} is not "
                    "in .cache/opengraph: run `python tools/fetch_opengraph_tests.py` first")
    with tarfile.open(sdist) as archive:
        archive.extractall(tmp_path / "sdist", filter="data")
    [source] = (tmp_path / "sdist").iterdir()
    runs = {}
    for flavour in ("alone", "with-us"):
        tests = tmp_path / flavour / "tests"
        tests.parent.mkdir()
        subprocess.run(["cp", "-r", str(source / "tests"), str(tests)], check=True)
        if flavour == "with-us":
            confs = sorted((tests / "roots").glob("*/conf.py"))
            assert confs, "their test projects moved"
            for conf in confs:
                with conf.open("a", encoding="utf-8") as stream:
                    stream.write('\nextensions = [*extensions, "sphinx_eventarchive"]\n')
        runs[flavour] = outcomes(tests, tmp_path / f"{flavour}.xml")
    alone, with_us = runs["alone"], runs["with-us"]
    assert len(alone) >= 30 and set(alone) == set(with_us)
    broken = sorted(name for name, outcome in alone.items() if outcome == "passed"
                    and with_us[name] != "passed" and name.rsplit("::", 1)[-1] not in EXCLUDED)
    assert broken == [], f"sphinxext-opengraph's own tests that fail with us loaded: {broken}"
