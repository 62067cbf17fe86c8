"""What a rule is: an id, a level, the reader whose published rule it is, and why it matters.

Each reader module (``structured``, ``social``, ``feeds``, ``sitemap``,
``exports``) keeps its rules in one table, each rule with the test that finds
it broken, so a rule is written in one place and the docs' rule table, the
JSON output and the tests all read the same entry. Nothing here imports a
library of the ``[check]`` extra: the table can be listed (``check --rules``,
the docs) without it.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any


class Level(str, enum.Enum):
    #: The reader rejects or misreads what the page says: no rich result, no card,
    #: a feed entry dropped, a crawl error. ``check`` exits 1.
    REQUIRED = "required"
    #: The reader would use it if it were there.
    RECOMMENDED = "recommended"


REQUIRED = Level.REQUIRED
RECOMMENDED = Level.RECOMMENDED


@dataclass(frozen=True)
class Reader:
    """Who reads the output, and where they publish the rules held against it."""

    name: str
    url: str


#: A rule's test: the problems it finds in one subject, one line each ("" when
#: the rule's own "why" says all there is).
Test = Callable[[Any], Iterable[str]]


@dataclass(frozen=True)
class Rule:
    id: str
    level: Level
    reader: Reader
    #: What the rule reads: "Event", "page", "Atom entry", "sitemap URL", …
    subject: str
    #: Why it matters, in one line.
    why: str
    test: Test


@dataclass(frozen=True)
class Finding:
    """One broken rule: where (a built file, and what in it), which rule, what was found."""

    #: The built file, relative to BUILD_DIR: ``demo/a.html``, ``atom.xml``.
    page: str
    rule: Rule
    #: What in the file: ``Event “PFEM #8”``, ``entry https://…``; "" for the file itself.
    subject: str
    problem: str


def check(rules: Iterable[Rule], kind: str, subject: Any, page: str,
          label: str = "") -> Iterator[Finding]:
    """The findings of the rules for one kind of subject, on one subject."""
    for rule in rules:
        if rule.subject == kind:
            for problem in rule.test(subject):
                yield Finding(page, rule, label, problem)
