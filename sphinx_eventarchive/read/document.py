"""What reading one document remembers between its directives and hooks.

Sphinx keeps such data per document (``temp_data``, cleared when the next
document is read); its keys are named here and nowhere else.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from sphinx import addnodes

from sphinx_eventarchive._compat import document_data, parsing_into

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

_EVENT = "eventarchive:event"        # the nearest event above, for the sessions below it
_ORDER = "eventarchive:order"        # sessions read so far, so each knows its place
_SESSION = "eventarchive:session"    # the session being read: default title of its embeds
_FRONT_MATTER = "eventarchive:frontmatter"  # the front matter block as the user wrote it
_FIELD_LINES = "eventarchive:fieldlines"    # lines of an rST document's metadata fields
_FIELD_TEXTS = "eventarchive:fieldtexts"    # their values as written, before smart quotes


def current_event(env: BuildEnvironment) -> str:
    return str(document_data(env).get(_EVENT) or "")


def enter_event(env: BuildEnvironment, event_id: str) -> None:
    document_data(env)[_EVENT] = event_id


def next_session_order(env: BuildEnvironment) -> int:
    data = document_data(env)
    data[_ORDER] = int(data.get(_ORDER) or 0) + 1
    return int(data[_ORDER])


def current_session(env: BuildEnvironment) -> str:
    return str(document_data(env).get(_SESSION) or "")


@contextmanager
def in_session(env: BuildEnvironment, title: str) -> Iterator[None]:
    data = document_data(env)
    outer = data.get(_SESSION)
    data[_SESSION] = title
    try:
        yield
    finally:
        data[_SESSION] = outer


def only_condition(directive: Any) -> str:
    """The ``only`` expressions a directive is written inside (``html and not epub``)."""
    conditions = []
    node = parsing_into(directive)
    while node is not None:
        if isinstance(node, addnodes.only):
            conditions.append(f"({node['expr']})")
        node = node.parent
    return " and ".join(reversed(conditions))


def keep_front_matter(env: BuildEnvironment, front: Any) -> None:
    document_data(env)[_FRONT_MATTER] = front


def front_matter(env: BuildEnvironment) -> Any:
    return document_data(env).get(_FRONT_MATTER)


def keep_field_lines(env: BuildEnvironment, lines: dict[str, int]) -> None:
    document_data(env)[_FIELD_LINES] = lines


def field_lines(env: BuildEnvironment) -> dict[str, int]:
    return dict(document_data(env).get(_FIELD_LINES) or {})


def translated(env: BuildEnvironment, text: str) -> str:
    """``text`` as this document's translation gives it (``locale_dirs``, ``language``),
    found as Sphinx's own ``Locale`` transform finds it; the text itself without one.

    A directive's argument becomes a record before Sphinx translates the page, and
    records are what cards, generated pages and exports show: an event's name or a
    session's title is translated here, once, so every place shows the translation.
    """
    config = env.config
    if not text or not config.language or not config.locale_dirs:
        return text
    from sphinx.locale import init as init_locale
    from sphinx.util.i18n import docname_to_domain

    dirs = [os.path.join(env.srcdir, folder) for folder in config.locale_dirs]
    catalog, found = init_locale(dirs, config.language,
                                 docname_to_domain(env.docname, config.gettext_compact))
    if not found:
        return text
    msgstr = catalog.gettext(text)
    return msgstr if msgstr and msgstr.strip() else text


def keep_field_texts(env: BuildEnvironment, texts: dict[str, str]) -> None:
    document_data(env)[_FIELD_TEXTS] = texts


def field_texts(env: BuildEnvironment) -> dict[str, str]:
    return dict(document_data(env).get(_FIELD_TEXTS) or {})
