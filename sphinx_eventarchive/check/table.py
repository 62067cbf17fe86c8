"""Every rule ``check`` knows: the readers' tables, in the order the docs list them."""

from __future__ import annotations

from sphinx_eventarchive.check import exports, feeds, sitemap, social, structured
from sphinx_eventarchive.check.rules import Rule

#: The modules whose ``RULES`` make the table, one per reader.
READERS = (structured, social, feeds, sitemap, exports)


def all_rules() -> tuple[Rule, ...]:
    rules = tuple(rule for module in READERS for rule in module.RULES)
    ids = [rule.id for rule in rules]
    duplicates = {rule_id for rule_id in ids if ids.count(rule_id) > 1}
    assert not duplicates, f"rule ids given twice: {sorted(duplicates)}"
    return rules
