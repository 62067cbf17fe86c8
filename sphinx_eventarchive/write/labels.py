"""Every label the extension shows readers, through its own message catalog."""

from __future__ import annotations

from sphinx_eventarchive.messages import _

# Functions, not tables: a table built at import would freeze the language of
# whichever build imported the module first.


def format_label(value: str) -> str:
    labels = {"in-person": _("In person"), "online": _("Online"), "hybrid": _("Hybrid")}
    return str(labels.get(value, value))


def type_label(value: str) -> str:
    labels = {
        "talk": _("Talk"),
        "keynote": _("Keynote"),
        "lightning": _("Lightning talk"),
        "panel": _("Panel"),
        "workshop": _("Workshop"),
        "other": _("Other"),
    }
    return str(labels.get(value, value))


def count_label(number: int, what: str) -> str:
    """``3 sessions``; Japanese has no plural, so the catalog carries whole phrases."""
    if what == "session":
        return (str(_("%d session")) if number == 1 else str(_("%d sessions"))) % number
    return (str(_("%d event")) if number == 1 else str(_("%d events"))) % number
