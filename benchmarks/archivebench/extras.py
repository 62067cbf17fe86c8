"""Optional features as flavours: ``--extras search,cards`` adds ``ours+search`` and
``ours+cards``, ours with the feature switched on in ``conf.py``.

A feature is measured only when it can be: the extension declares its config
value (read from ``sphinx_eventarchive/config.py``, where every value is
declared once) and the packages of its extra are installed (the extra's
requirements in ``pyproject.toml``; before the extra is declared there, a
known fallback). Otherwise the flavour is skipped and the run says why.
``--extra-line NAME=LINE`` gives the conf.py line by hand (for a value that is
not a switch, or a name not yet settled) and adds the feature.
"""

from __future__ import annotations

import importlib.metadata
import re
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Extra:
    name: str
    #: The config value that switches the feature on: the name, or a pattern while the
    #: name is not settled (the first declared value matching it is used).
    option: str
    #: Distributions it needs when pyproject.toml declares no extra of this name yet.
    fallback: tuple[str, ...]


KNOWN = {
    "search": Extra("search", r"eventarchive_search", ("pagefind",)),
    "cards": Extra("cards", r"eventarchive_\w*cards?\w*", ()),
}

_DECLARED = re.compile(r'Option\(\s*"(?P<name>eventarchive_\w+)",\s*(?P<default>[^,]+),\s*'
                       r"\((?P<types>[^)]*)\)")


def declared_options(package_folder: str) -> dict[str, tuple[str, str]]:
    """Every config value the extension declares: name → (default, types) as written."""
    config = Path(package_folder, "config.py") if package_folder else None
    if not config or not config.is_file():
        return {}
    text = config.read_text(encoding="utf-8")
    return {m["name"]: (m["default"].strip(), m["types"].strip())
            for m in _DECLARED.finditer(text)}


def requirements(name: str) -> list[str] | None:
    """The distributions of the project's extra ``name``; None when it has none."""
    pyproject = REPO / "pyproject.toml"
    if not pyproject.is_file():
        return None
    text = pyproject.read_text(encoding="utf-8")
    if sys.version_info >= (3, 11):
        import tomllib

        extras = tomllib.loads(text).get("project", {}).get("optional-dependencies", {})
        listed = extras.get(name)
    else:  # good enough for a list of quoted requirements on one or more lines
        match = re.search(rf"(?ms)^{re.escape(name)}\s*=\s*\[(.*?)\]", text)
        listed = re.findall(r'"([^"]+)"', match[1]) if match else None
    if listed is None:
        return None
    return [re.match(r"[A-Za-z0-9._-]+", item)[0] for item in listed  # type: ignore[index]
            if re.match(r"[A-Za-z0-9._-]+", item)]


def missing_distributions(names: list[str]) -> list[str]:
    missing = []
    for name in names:
        try:
            importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            missing.append(name)
    return missing


def resolve(names: list[str], lines: dict[str, str],
            package_folder: str) -> tuple[dict[str, list[str]], list[str]]:
    """``ours+<name>`` flavour → its conf.py lines, and a message per feature skipped."""
    declared = declared_options(package_folder)
    flavours: dict[str, list[str]] = {}
    notes: list[str] = []
    # ``search+cards``: ours with both on, one flavour (``ours+search+cards``).
    combined = [name for name in dict.fromkeys(names) if "+" in name]
    single = [part for name in combined for part in name.split("+")]
    for name in dict.fromkeys([*(n for n in names if "+" not in n), *single, *lines]):
        extra = KNOWN.get(name, Extra(name, re.escape(f"eventarchive_{name}"), ()))
        needs = requirements(name)
        how = f"pip install -e '.[{name}]'" if needs is not None else "pip install " + \
            " ".join(extra.fallback)
        missing = missing_distributions(needs if needs is not None else list(extra.fallback))
        if missing:
            notes.append(f"ours+{name} skipped: {', '.join(missing)} not installed ({how})")
            continue
        if name in lines:
            flavours[f"ours+{name}"] = [lines[name]]
            continue
        option = next((o for o in declared if re.fullmatch(extra.option, o)), None)
        if option is None:
            notes.append(f"ours+{name} skipped: the extension declares no config value "
                         f"matching {extra.option} yet (sphinx_eventarchive/config.py); "
                         f"--extra-line '{name}=eventarchive_… = True' sets one by hand")
            continue
        default, types = declared[option]
        if "bool" not in types:
            notes.append(f"ours+{name} skipped: {option} is not a switch (types {types}); "
                         f"give its value with --extra-line '{name}={option} = …'")
            continue
        if default == "True":
            notes.append(f"note: {option} is on by default; the ours flavour turns it off "
                         f"(flavours.py), so ours+{name} shows what it adds")
        flavours[f"ours+{name}"] = [f"{option} = True"]
    for name in combined:
        parts = name.split("+")
        if all(f"ours+{part}" in flavours for part in parts):
            flavours[f"ours+{name}"] = [line for part in parts
                                        for line in flavours[f"ours+{part}"]]
        else:
            notes.append(f"ours+{name} skipped: one of its features is")
    # A feature named only as part of a combination is not a flavour of its own.
    for part in set(single) - set(names) - set(lines):
        flavours.pop(f"ours+{part}", None)
    return flavours, notes
