"""Directive options mean what the user wrote (SPEC §2), in MyST and rST alike.

MyST reads option blocks with a YAML tokenizer that drops a whole block for a
value starting with a quote, ``|`` or ``>`` or holding a tab, cuts values at
`` #`` and turns continuation lines into content. Each case is read from the
built archive's records, and every warning is checked with its line.
"""

from __future__ import annotations

import re

import pytest
from conftest import archive_warnings

CONF = """\
extensions = ["myst_parser", "sphinx_eventarchive"]
project = "Options"
html_baseurl = "https://archive.example.org/"
eventarchive_json = eventarchive_ics = eventarchive_feed = False
"""


def build(project, files):
    app = project({"index.md": "# Index\n\n```{toctree}\n" + "\n".join(
        name.rsplit(".", 1)[0] for name in files) + "\n```\n", **files}, conf=CONF).build()
    domain = app.env.domains["eventarchive"]
    return app, domain


def event(domain, event_id):
    [record] = domain.events[event_id].values()
    return record


def session(domain, session_id):
    [record] = domain.sessions[session_id].values()
    return record


def lines_of(app, subtype="option"):
    """(file, line) of every eventarchive.<subtype> warning."""
    found = []
    for warning in archive_warnings(app):
        if f"[eventarchive.{subtype}]" in warning:
            match = re.search(r"([\w-]+\.(?:md|rst)):(\d+):", warning)
            assert match, warning
            found.append((match[1], int(match[2])))
    return found


HOSTILE_VALUES = """\
# Values

```{event} Platform Engineering Meetup #8
:id: pfem8
:date: 2024-04-19T19:00+09:00
:venue: "Hall" B
:series: Platform Engineering Meetup #8
:hashtag: #pfem
:location: | pipe and > more
:format: hybrid
```
"""


def test_values_yaml_would_mangle_are_kept_in_myst(project):
    app, domain = build(project, {"values.md": HOSTILE_VALUES})
    record = event(domain, "pfem8")
    assert record.date == "2024-04-19T19:00+09:00"
    assert record.venue == '"Hall" B'
    assert record.series == "Platform Engineering Meetup #8"
    assert record.hashtag == "pfem"
    assert record.location == "| pipe and > more"
    assert record.format == "hybrid"
    assert archive_warnings(app) == []
    assert "myst.directive" not in app.warning.getvalue()


def test_a_tab_and_a_leading_angle_bracket(project):
    text = ("```{event} Tabbed\n:id: tabbed\n:date: 2024-04-19\n:venue: Hall\tB\n"
            ":location: > gt\n```\n")
    app, domain = build(project, {"tabs.md": "# Tabs\n\n" + text})
    record = event(domain, "tabbed")
    assert (record.date, record.venue, record.location) == ("2024-04-19", "Hall B", "> gt")
    assert archive_warnings(app) == []


def test_the_same_text_in_rst_gives_the_same_record(project):
    rst = """\
Values
======

.. event:: Platform Engineering Meetup #8
   :id: pfem8
   :date: 2024-04-19T19:00+09:00
   :venue: "Hall" B
   :series: Platform Engineering Meetup #8
   :hashtag: #pfem
   :location: | pipe and > more
   :format: hybrid
"""
    _app, md_domain = build(project, {"values.md": HOSTILE_VALUES})
    fields = ("date", "venue", "series", "hashtag", "location", "format")
    from_md = {field: getattr(event(md_domain, "pfem8"), field) for field in fields}
    project_rst = project.__call__  # a second project in its own folder
    app = project_rst({"index.rst": "Index\n=====\n\n.. toctree::\n\n   values\n",
                       "values.rst": rst}, conf=CONF, name="rst").build()
    record = event(app.env.domains["eventarchive"], "pfem8")
    assert {field: getattr(record, field) for field in fields} == from_md


def test_continuation_lines_join_the_value_in_both_parsers(project):
    md = """\
# Cont

```{event} Continued
:id: continued
:date: 2024-04-19
:venue: Grand
  Front Osaka
:format: hybrid

The description.
```
"""
    rst = """\
Cont
====

.. event:: Continued rst
   :id: continued-rst
   :date: 2024-04-19
   :venue: Grand
      Front Osaka
   :format: nonsense

   The description.
"""
    app, domain = build(project, {"cont.md": md, "cont_rst.rst": rst})
    for event_id in ("continued", "continued-rst"):
        assert event(domain, event_id).venue == "Grand Front Osaka"
        assert event(domain, event_id).description == "The description."
    assert event(domain, "continued").format == "hybrid"
    # The bad value after a two-line option is reported at its own line.
    assert lines_of(app) == [("cont_rst.rst", 9)]


def test_a_yaml_block_gives_real_lists_and_right_lines(project):
    md = """\
# Yaml

```{event} Yaml meetup
---
id: yaml
# a comment the user left
date: 2024-04-19

tags:
- Platform Engineering
- SRE, Ops
format: nonsense
---
```

```{session} Two speakers
---
speakers: [Abby Bangser (Syntasso), Whitney Lee (VMware, Tanzu)]
tags: [metrics]
---
```
"""
    app, domain = build(project, {"yaml.md": md})
    record = event(domain, "yaml")
    assert record.date == "2024-04-19"
    assert record.tags == ("Platform Engineering", "SRE, Ops")
    talk = session(domain, "yaml/two-speakers")
    assert [(s.name, s.affiliation) for s in talk.speakers] == [
        ("Abby Bangser", "Syntasso"), ("Whitney Lee", "VMware, Tanzu")]
    assert talk.tags == ("metrics",)
    assert lines_of(app) == [("yaml.md", 12)]


def test_unknown_and_repeated_options_warn_at_their_line(project):
    md = """\
# Odd

```{event} Odd meetup
:id: odd
:date: 2024-04-19
:venu: typo
:venue: First
:venue: Second
```
"""
    rst = """\
Odd
===

.. event:: Odd rst
   :id: odd-rst
   :date: 2024-04-19
   :venu: typo
"""
    app, domain = build(project, {"odd.md": md, "odd_rst.rst": rst})
    assert event(domain, "odd").venue == "Second"
    # docutils would stop the directive at an unknown option: the event is still there.
    assert event(domain, "odd-rst").date == "2024-04-19"
    assert sorted(lines_of(app)) == [("odd.md", 6), ("odd.md", 8), ("odd_rst.rst", 7)]


@pytest.mark.parametrize("fence", ["~~~", ":::"])
def test_backticks_in_a_title_work_with_other_fences(project, fence):
    md = (f"# Code\n\n```{{event}} Meetup\n:id: m\n:date: 2024-04-19\n```\n\n"
          f"{fence}{{session}} Using `kubectl` well\n:speakers: Someone\n{fence}\n\n"
          "```{session} The next talk\n:speakers: Another\n```\n")
    conf_extra = 'myst_enable_extensions = ["colon_fence"]\n'
    app = project({"index.md": md}, conf=CONF + conf_extra).build()
    domain = app.env.domains["eventarchive"]
    titles = sorted(s.title for by_doc in domain.sessions.values() for s in by_doc.values())
    assert titles == ["The next talk", "Using `kubectl` well"]
    assert archive_warnings(app) == []


def test_backticks_in_a_backtick_fence_warn(project):
    md = ("# Code\n\n```{event} Meetup\n:id: m\n:date: 2024-04-19\n```\n\n"
          "```{session} Using `kubectl` well\n:speakers: Someone\n```\n\n"
          "```{session} The next talk\n:speakers: Another\n```\n\n"
          "````markdown\n```{session} In a code sample `x`\n```\n````\n")
    app = project({"index.md": md}, conf=CONF).build()
    # CommonMark reads the line as text; the session is lost to MyST, never silently.
    assert lines_of(app) == [("index.md", 8)]
