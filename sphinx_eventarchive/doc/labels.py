"""Every label the extension shows readers, through its own message catalog,
and the punctuation that joins them in the page's language."""

from __future__ import annotations

import functools

from babel.core import Locale, UnknownLocaleError

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


def status_label(value: str) -> str:
    """An event's ``:status:`` as its badge says it."""
    labels = {
        "cancelled": _("Cancelled"),
        "postponed": _("Postponed"),
        "rescheduled": _("Rescheduled"),
        "moved-online": _("Moved online"),
    }
    return str(labels.get(value, value))


def upcoming_label() -> str:
    return str(_("Upcoming"))


def media_label(role: str) -> str:
    """``slides`` or ``video``, as the mark on a session card says it."""
    return str(_("Slides")) if role == "slides" else str(_("Video"))


def unpublished_label(role: str) -> str:
    return (str(_("Slides not published yet")) if role == "slides"
            else str(_("Video not published yet")))


def count_label(number: int, what: str) -> str:
    """``3 sessions``; Japanese has no plural, so the catalog carries whole phrases."""
    if what == "session":
        return (str(_("%d session")) if number == 1 else str(_("%d sessions"))) % number
    return (str(_("%d event")) if number == 1 else str(_("%d events"))) % number


# -- the page's language --------------------------------------------------------------


def _is_cjk(language: str | None) -> bool:
    return (language or "").split("_")[0].split("-")[0] in ("ja", "zh")


def list_separator(language: str | None) -> str:
    """Between the items of a list: ``、`` in Japanese and Chinese, ``, `` elsewhere."""
    return "、" if _is_cjk(language) else ", "


def bracketed(text: str, language: str | None) -> str:
    """An aside after a name: ``（コドモン）`` in Japanese and Chinese, `` (Codmon)`` elsewhere."""
    return f"（{text}）" if _is_cjk(language) else f" ({text})"


def label_colon(language: str | None) -> str:
    return "：" if _is_cjk(language) else ": "


@functools.lru_cache(maxsize=256)
def language_name(code: str, language: str | None) -> str:
    """A talk's language (``ja``) named in the page's language (日本語, Japanese);
    a code nobody knows is shown as written."""
    try:
        page = Locale.parse((language or "en").replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        page = Locale.parse("en")
    try:
        spoken = Locale.parse(code.strip().replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return code
    return spoken.get_display_name(page) or code
