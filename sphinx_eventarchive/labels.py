"""Every label the extension shows readers, through its own message catalog."""

from __future__ import annotations

from sphinx_eventarchive.messages import _

FORMAT_LABELS = {
    "in-person": _("In person"),
    "online": _("Online"),
    "hybrid": _("Hybrid"),
}

TYPE_LABELS = {
    "talk": _("Talk"),
    "keynote": _("Keynote"),
    "lightning": _("Lightning talk"),
    "panel": _("Panel"),
    "workshop": _("Workshop"),
    "other": _("Other"),
}


def format_label(value: str) -> str:
    return str(FORMAT_LABELS.get(value, value))


def type_label(value: str) -> str:
    return str(TYPE_LABELS.get(value, value))


def count_label(number: int, what: str) -> str:
    """``3 sessions``; Japanese has no plural, so the catalog carries whole phrases."""
    if what == "session":
        return (str(_("%d session")) if number == 1 else str(_("%d sessions"))) % number
    if what == "event":
        return (str(_("%d event")) if number == 1 else str(_("%d events"))) % number
    return (str(_("%d entry")) if number == 1 else str(_("%d entries"))) % number
