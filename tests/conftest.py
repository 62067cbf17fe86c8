"""Shared fixtures: small Sphinx projects built for real, read the way consumers read them."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Mapping
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from sphinx.testing.util import SphinxTestApp

pytest_plugins = ("sphinx.testing.fixtures", "browserkit")

ROOTS = Path(__file__).parent / "roots"
SHARED = Path(__file__).resolve().parents[2] / "shared"
if not SHARED.is_dir():  # a checkout with shared/ inside it, or beside it under another name
    SHARED = Path(__file__).resolve().parents[1] / "shared"

CONF = """\
extensions = ["myst_parser", "sphinx_eventarchive"]
project = "Test archive"
html_baseurl = "https://archive.example.org/"
"""


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the repository")
    return SHARED


def build_app(buildername: str, srcdir: Path, *, force_all: bool = False,
              **kwargs: Any) -> SphinxTestApp:
    """Build a project once and hand back the app, its outdir and warnings still readable.

    The one place tests make a :class:`SphinxTestApp` outside the ``project``
    fixtures: status and warnings are captured, and docutils' global
    registrations are undone at once, so the next app in the process starts clean.
    """
    kwargs.setdefault("status", StringIO())
    kwargs.setdefault("warning", StringIO())
    app = SphinxTestApp(buildername, srcdir=srcdir, **kwargs)
    try:
        app.build(force_all=force_all)  # force_all: sphinx-build -a
    finally:
        app.cleanup()
    return app


def warnings_of(app: SphinxTestApp) -> list[str]:
    """Warning lines, without colour codes, one per warning."""
    text = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())
    return [line for line in text.splitlines() if "WARNING" in line or "ERROR" in line]


def archive_warnings(app: SphinxTestApp) -> list[str]:
    return [line for line in warnings_of(app) if "[eventarchive." in line]


class Project:
    """A Sphinx project in a temporary folder that tests write, build, edit and rebuild."""

    def __init__(self, srcdir: Path, make_app: Callable[..., SphinxTestApp]) -> None:
        self.srcdir = srcdir
        self._make_app = make_app

    def write(self, files: Mapping[str, str]) -> Project:
        for name, text in files.items():
            path = self.srcdir / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        return self

    def remove(self, *names: str) -> Project:
        for name in names:
            (self.srcdir / name).unlink()
        return self

    def build(self, buildername: str = "html", *, outdir: str | None = None,
              freshenv: bool = False, **kwargs: Any) -> SphinxTestApp:
        """Build (incrementally unless ``freshenv``); ``outdir`` defaults to _build/<builder>."""
        builddir = self.srcdir / "_build"
        app = self._make_app(
            buildername, srcdir=self.srcdir, freshenv=freshenv,
            builddir=builddir, **kwargs,
        )
        if outdir:
            app.outdir = Path(outdir)  # pragma: no cover - only for special cases
        try:
            app.build()
        finally:
            # Undo docutils' global registrations now, so a second build in the same
            # test does not warn that every node and directive is already registered.
            app.cleanup()
        return app

    def out(self, app: SphinxTestApp, name: str) -> str:
        return (Path(app.outdir) / name).read_text(encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path, make_app: Callable[..., SphinxTestApp]) -> Callable[..., Project]:
    """``project({"index.md": "..."})`` → a Project with a default conf.py unless given."""

    def create(files: Mapping[str, str], conf: str | None = None, name: str = "src") -> Project:
        srcdir = tmp_path / name
        srcdir.mkdir()
        proj = Project(srcdir, make_app)
        proj.write({"conf.py": conf if conf is not None else CONF, **files})
        return proj

    return create


@pytest.fixture
def copy_root(tmp_path: Path, make_app: Callable[..., SphinxTestApp]) -> Callable[..., Project]:
    """A test root copied into tmp_path, for tests that edit sources (roots build in place)."""

    def create(name: str, dest: str = "src") -> Project:
        srcdir = tmp_path / dest
        shutil.copytree(ROOTS / f"test-{name}", srcdir)
        return Project(srcdir, make_app)

    return create
