"""What ``check`` found, grouped by page: as text for people, as JSON for CI.

The JSON shape (``version`` 1), documented in docs/reference/cli.md::

    {"version": 1, "build_dir": str, "base_url": str | null,
     "checked": {"pages": int, "feeds": int, "calendars": int, "sitemaps": int,
                 "exports": int},
     "summary": {"required": int, "recommended": int, "pages": int,
                 "rules": {rule id: int}},
     "pages": [{"page": str, "url": str | null,
                "findings": [{"rule": str, "level": "required" | "recommended",
                              "reader": str, "subject": str, "problem": str,
                              "why": str, "see": str}]}]}
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sphinx_eventarchive.check.rules import REQUIRED, Finding, Rule

JSON_VERSION = 1


@dataclass
class Report:
    build_dir: str
    base_url: str
    #: The order rules are listed in (the table's).
    rules: tuple[Rule, ...]
    findings: list[Finding] = field(default_factory=list)
    #: What was read: pages, feeds, calendars, sitemaps, exports.
    checked: dict[str, int] = field(default_factory=dict)
    #: Each built file's URL, for the findings' pages.
    urls: dict[str, str] = field(default_factory=dict)

    @property
    def required(self) -> list[Finding]:
        return [finding for finding in self.findings if finding.rule.level is REQUIRED]

    @property
    def exit_code(self) -> int:
        return 1 if self.required else 0

    def only_required(self) -> Report:
        return Report(self.build_dir, self.base_url, self.rules, self.required,
                      self.checked, self.urls)

    def by_page(self) -> dict[str, list[Finding]]:
        order = {rule.id: number for number, rule in enumerate(self.rules)}
        grouped: dict[str, list[Finding]] = {}
        for finding in sorted(self.findings, key=lambda f: (
                f.page, f.rule.level is not REQUIRED, order.get(f.rule.id, len(order)))):
            grouped.setdefault(finding.page, []).append(finding)
        return grouped

    def counts(self) -> Counter[str]:
        return Counter(finding.rule.id for finding in self.findings)


def as_json(report: Report) -> dict[str, Any]:
    counts = report.counts()
    return {
        "version": JSON_VERSION,
        "build_dir": report.build_dir,
        "base_url": report.base_url or None,
        "checked": dict(report.checked),
        "summary": {
            "required": len(report.required),
            "recommended": len(report.findings) - len(report.required),
            "pages": len(report.by_page()),
            "rules": {rule.id: counts[rule.id] for rule in report.rules if counts[rule.id]},
        },
        "pages": [{
            "page": page,
            "url": report.urls.get(page),
            "findings": [{
                "rule": finding.rule.id,
                "level": finding.rule.level.value,
                "reader": finding.rule.reader.name,
                "subject": finding.subject,
                "problem": finding.problem,
                "why": finding.rule.why,
                "see": finding.rule.reader.url,
            } for finding in findings],
        } for page, findings in report.by_page().items()],
    }


def as_text(report: Report) -> str:
    lines: list[str] = []
    for page, findings in report.by_page().items():
        lines.append(page)
        for finding in findings:
            mark = "✗" if finding.rule.level is REQUIRED else "·"
            what = "; ".join(part for part in (finding.subject, finding.problem) if part)
            lines.append(f"  {mark} {finding.rule.id} ({finding.rule.level.value})"
                         + (f": {what}" if what else ""))
            lines.append(f"      {finding.rule.why}")
        lines.append("")
    lines.append(summary(report))
    return "\n".join(lines) + "\n"


def summary(report: Report) -> str:
    checked = ", ".join(f"{count} {what if count != 1 else what.removesuffix('s')}"
                        for what, count in report.checked.items())
    if not report.findings:
        return f"checked {checked}: nothing missing"
    required = len(report.required)
    counts = report.counts()
    per_rule = ", ".join(f"{rule.id} ×{counts[rule.id]}" for rule in report.rules
                         if counts[rule.id])
    return (f"checked {checked}: {required} required, "
            f"{len(report.findings) - required} recommended on {len(report.by_page())} "
            f"files ({per_rule})")


def rule_table(rules: Iterable[Rule]) -> list[dict[str, str]]:
    """The rule table as data: what ``check --rules --json`` prints and the docs show."""
    return [{"rule": rule.id, "level": rule.level.value, "reader": rule.reader.name,
             "subject": rule.subject, "why": rule.why, "see": rule.reader.url}
            for rule in rules]
