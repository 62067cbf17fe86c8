"""Configuration values (SPEC §9): a wrong type or an impossible value warns
``eventarchive.config`` at its line in conf.py, the default is used, and the
build goes on.

Every case writes the value into conf.py, as a user would, and builds for real:
the crashes this guards against happened in the handlers that use the values.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import warnings_of

from sphinx_eventarchive.config import BY_NAME, OPTIONS, Option


class Code(str):
    """Python written into conf.py as it is (``float("nan")`` has no literal)."""

    def __repr__(self) -> str:
        return str(self)


def wrong_type(option: Option) -> Any:
    """A value of a type the option does not take: a number for text, a list for a
    switch, text for a number."""
    if str in option.types:
        return 42
    if bool in option.types:
        return ["yes"]
    return "10"


def build(copy_root, settings: dict[str, Any]):
    project = copy_root("config")
    conf = project.srcdir / "conf.py"
    lines = conf.read_text(encoding="utf-8").splitlines()
    at = {}
    for name, value in settings.items():
        lines.append(f"{name} = {value!r}")
        at[name] = len(lines)
    conf.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return project.build("html", freshenv=True), at


def assert_falls_back(app, at: dict[str, int], *names: str) -> None:
    """One eventarchive.config warning per name, at its conf.py line, naming the default."""
    warnings = warnings_of(app)
    assert len(warnings) == len(names), warnings
    for name in names:
        (line,) = [w for w in warnings if f" {name} = " in w]
        assert "[eventarchive.config]" in line
        assert f"conf.py:{at[name]}:" in line
        default = BY_NAME[name].default
        assert f"using the default {default!r}" in line, line
        assert getattr(app.config, name) == default
    out = Path(app.outdir)
    assert "Measuring platforms" in (out / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("option", OPTIONS, ids=lambda option: option.name)
@pytest.mark.parametrize("kind", ["wrong-type", "none"])
def test_every_option_of_the_wrong_type_falls_back_to_its_default(copy_root, option, kind):
    value = wrong_type(option) if kind == "wrong-type" else None
    app, at = build(copy_root, {option.name: value})
    assert_falls_back(app, at, option.name)


def test_every_option_declares_a_default_it_accepts():
    for option in OPTIONS:
        assert option.problem(option.default) == "", option.name


def test_a_switch_is_not_a_number_and_a_number_is_not_a_switch(copy_root):
    app, at = build(copy_root, {"eventarchive_feed": 1, "eventarchive_feed_length": True,
                                "eventarchive_resolve_timeout": False})
    assert_falls_back(app, at, "eventarchive_feed", "eventarchive_feed_length",
                      "eventarchive_resolve_timeout")


@pytest.mark.parametrize(("name", "value"), [
    ("eventarchive_resolve_timeout", -1),
    ("eventarchive_resolve_timeout", 0),
    ("eventarchive_resolve_timeout", Code('float("nan")')),
    ("eventarchive_resolve_timeout", Code('float("inf")')),
    ("eventarchive_feed_length", 0),
    ("eventarchive_feed_length", -5),
    ("eventarchive_events_path", ""),
    ("eventarchive_events_path", "   "),
    ("eventarchive_events_path", "/srv/events"),
    ("eventarchive_speakers_path", "../speakers"),
    ("eventarchive_speakers_path", "people/../../x"),
    ("eventarchive_speakers_path", "_speakers"),
    ("eventarchive_tags_path", "archive/_tags"),
    ("eventarchive_tags_path", "C:\\tags"),
    ("eventarchive_tags_path", "tags\\x"),
    ("eventarchive_tags_path", "a//b"),
    ("eventarchive_tags_path", "./tags"),
    ("eventarchive_cache_file", ""),
    ("eventarchive_cache_file", "/tmp/cache.json"),
    ("eventarchive_cache_file", "../cache.json"),
    ("eventarchive_speakerdeck_oembed", "ftp://speakerdeck.com/oembed.json"),
    ("eventarchive_speakerdeck_oembed", "speakerdeck.com/oembed.json"),
    ("eventarchive_twitter_site", "not a handle"),
])
def test_impossible_values_fall_back_to_the_default(copy_root, name, value):
    app, at = build(copy_root, {name: value})
    assert_falls_back(app, at, name)


@pytest.mark.parametrize(("name", "value", "used"), [
    ("eventarchive_events_path", "events/", "events"),
    ("eventarchive_speakers_path", "community/people", "community/people"),
    ("eventarchive_tags_path", "タグ", "タグ"),
    ("eventarchive_resolve_timeout", 2, 2),
    ("eventarchive_twitter_site", "@srenext", "@srenext"),
    ("eventarchive_twitter_site", "https://x.com/srenext", "https://x.com/srenext"),
])
def test_usable_values_are_kept(copy_root, name, value, used):
    app, _at = build(copy_root, {name: value})
    assert warnings_of(app) == []
    assert getattr(app.config, name) == used


@pytest.mark.parametrize(("settings", "blamed"), [
    # Two folders with one name: the one the user changed goes back to its default.
    ({"eventarchive_events_path": "speakers"}, ["eventarchive_events_path"]),
    ({"eventarchive_tags_path": "speakers/"}, ["eventarchive_tags_path"]),
    # One inside another.
    ({"eventarchive_tags_path": "speakers/tags"}, ["eventarchive_tags_path"]),
    ({"eventarchive_events_path": "archive", "eventarchive_speakers_path": "archive/people"},
     ["eventarchive_speakers_path"]),
    # Both changed to one name: the later one goes back.
    ({"eventarchive_speakers_path": "x", "eventarchive_tags_path": "x"},
     ["eventarchive_tags_path"]),
])
def test_generated_folders_never_overlap(copy_root, settings, blamed):
    app, at = build(copy_root, settings)
    assert_falls_back(app, at, *blamed)
    folders = [getattr(app.config, name) for name in
               ("eventarchive_events_path", "eventarchive_speakers_path", "eventarchive_tags_path")]
    for first in folders:
        for second in folders:
            if first is not second:
                assert not (first + "/").startswith(second + "/"), folders
    out = Path(app.outdir)
    assert (out / app.config.eventarchive_speakers_path / "index.html").is_file()
    assert (out / app.config.eventarchive_tags_path / "index.html").is_file()


def test_swapped_folders_are_fine(copy_root):
    app, _at = build(copy_root, {"eventarchive_speakers_path": "tags",
                                 "eventarchive_tags_path": "speakers"})
    assert warnings_of(app) == []
    assert app.config.eventarchive_speakers_path == "tags"


def test_suppressed_like_any_other_warning(copy_root):
    app, _at = build(copy_root, {"eventarchive_feed_length": "20",
                                 "suppress_warnings": ["eventarchive.config"]})
    assert warnings_of(app) == []
    assert app.config.eventarchive_feed_length == 50
