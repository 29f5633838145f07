"""axe-core, the accessibility engine most audit tools are built on, run inside a Playwright page.

axe-core comes from the npm registry, pinned in ``tests/site/npm/package-lock.json`` and
installed by ``make axe`` (``npm ci``). It is evaluated in the page through the browser's
debugging protocol, which the page's content security policy does not govern: the policy
stays as strict as it is for visitors, and nothing is hidden from the checker.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest

NPM = Path(__file__).parent / "npm"
AXE_FILE = NPM / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.0, 2.1 and 2.2 at levels A and AA (axe tags each rule with the success criteria it tests).
TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")
_RUN = """async (tags) => {
  const result = await axe.run(document, {
    runOnly: { type: "tag", values: tags }, resultTypes: ["violations"], iframes: false,
  });
  return result.violations.map(v => ({
    id: v.id, impact: v.impact || "", help: v.help, url: v.helpUrl,
    nodes: v.nodes.map(n => ({ target: n.target.join(" "), html: n.html, summary: n.failureSummary || "" })),
  }));
}"""


@dataclass(frozen=True)
class Violation:
    """One axe rule that failed on a page (or a frame in it), with every element it failed on."""

    where: str
    rule: str
    impact: str
    help: str
    url: str
    nodes: tuple[dict[str, str], ...]


@cache
def axe_source() -> str:
    if not AXE_FILE.is_file():
        pytest.fail(f"axe-core is not installed ({AXE_FILE}); `make axe` installs it (npm ci in {NPM})")
    return AXE_FILE.read_text(encoding="utf-8")


def audit(page: Any, where: str) -> list[Violation]:
    """Every WCAG 2.2 A and AA violation axe finds on ``page`` and in each frame inside it."""
    found = []
    for frame in page.frames:
        if frame.url in ("", "about:blank"):
            continue
        if frame.evaluate("typeof window.axe") == "undefined":
            frame.evaluate(axe_source())
        label = where if frame is page.main_frame else f"{where} > frame {frame.url.rsplit('/', 1)[-1]}"
        found += [
            Violation(label, v["id"], v["impact"], v["help"], v["url"], tuple(v["nodes"]))
            for v in frame.evaluate(_RUN, list(TAGS))
        ]
    return found


def describe(violations: list[Violation], per_rule: int = 5) -> str:
    """The violations as a reader wants them: page, rule, what it means, and the elements that fail."""
    lines = []
    for v in violations:
        lines.append(f"{v.where}: {v.rule} ({v.impact}, {len(v.nodes)} element(s)): {v.help} <{v.url}>")
        for node in v.nodes[:per_rule]:
            summary = " ".join(node["summary"].split())
            lines.append(f"    {node['target']}  {node['html'][:160]}\n      {summary[:300]}")
        if len(v.nodes) > per_rule:
            lines.append(f"    ... and {len(v.nodes) - per_rule} more")
    return "\n".join(lines)


def record(violations: list[Violation], path: Path, **measured: Any) -> None:
    """The violations (and other measures) as JSON, to read in full after a run (test-artifacts/)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    found = {"violations": [asdict(v) for v in violations], **measured}
    path.write_text(json.dumps(found, indent=1), encoding="utf-8")
