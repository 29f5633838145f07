"""Registries and products made for the site's tests: varied synthetic entries and hostile ones."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path
from typing import Any

from nhsoa import yamlio
from nhsoa.registry.store import ORGANISATIONS_FILE, TAXONOMY_FILE, load_reference

REPO = Path(__file__).resolve().parents[2]
SHIPPED = REPO / "registry"

WORDS = [
    "run",
    "chart",
    "funnel",
    "plot",
    "waiting",
    "list",
    "referral",
    "cohort",
    "linkage",
    "demand",
    "capacity",
    "forecast",
    "dashboard",
    "audit",
    "indicator",
    "mortality",
    "prescribing",
    "growth",
    "centile",
    "theatre",
    "occupancy",
    "workforce",
    "deprivation",
    "synthetic",
]
LANGUAGES = ("R", "Python", "SQL", "JavaScript")
LICENCES = ("MIT", "Apache-2.0", "GPL-3.0-or-later", "AGPL-3.0-or-later", "BSD-3-Clause", "MIT OR Apache-2.0")
PHASES = ("alpha", "beta", "live", "live", "live", "retired")


def _trusts() -> list[str]:
    reference = load_reference(SHIPPED)
    return sorted(code for code, org in reference.organisations.items() if org.type in ("trust", "icb"))


def synthetic_entry(
    index: int, rng: random.Random, topics: list[str], codes: list[str], adopters: bool
) -> dict[str, Any]:
    entry_id = f"tool-{index:04d}"
    phase = rng.choice(PHASES)
    owner_code = rng.choice(codes)
    entry: dict[str, Any] = {
        "id": entry_id,
        "name": f"{rng.choice(WORDS).title()} {rng.choice(WORDS)} {index}",
        "summary": " ".join(rng.choice(WORDS) for _ in range(10)).capitalize() + ".",
        "description": "Uses **bold** and `code`.\n\n- one\n- two\n\n[Docs](https://example.org/docs)\n",
        "kind": rng.choice(("package", "app", "pipeline", "template")),
        "repository": f"https://github.com/example-{index % 7}/{entry_id}",
        "languages": rng.sample(LANGUAGES, rng.randint(1, 2)),
        "licence": rng.choice(LICENCES),
        "topics": rng.sample(topics, rng.randint(1, 2)),
        "keywords": rng.sample(WORDS, 3),
        "owner": {"name": f"Owner of {entry_id}", "ods_code": owner_code, "type": "nhs-trust"}
        if index % 4
        else {"name": f"Analyst {index % 5}", "type": "individual"},
        "maintainers": [{"name": "Team", "github": f"example-{index % 7}", "role": "maintainer"}],
        "contact": f"https://github.com/example-{index % 7}/{entry_id}/issues",
        "phase": phase,
        "rap": {
            "level": rng.choice(("baseline", "silver", "gold")),
            "criteria": {"B1": "met", "B2": "met", "S6": "not-met"},
        },
        "clinical_safety": {"applicable": "no", "rationale": "Aggregate data only."},
        "information_governance": {"data_level": rng.choice(("aggregate", "pseudonymised", "synthetic"))},
        "added": f"2026-{rng.randint(1, 10):02d}-{rng.randint(10, 28)}",
        "last_verified": f"2026-{rng.randint(1, 10):02d}-{rng.randint(10, 28)}",
    }
    if index % 9 == 3:
        entry["clinical_safety"] = {
            "applicable": "yes",
            "dcb0129": "complete",
            "safety_case": f"https://example.org/{entry_id}/safety-case",
            "hazard_log": f"https://example.org/{entry_id}/hazard-log",
            "cso_named": True,
        }
        entry["install"] = {"pypi": entry_id}
    if phase == "retired":
        entry["retired_reason"] = "No longer maintained; the team moved to other work."
    if adopters:
        entry["adopters"] = [
            {"ods_code": code, "since": "2024-05-01", "confirmed": rng.choice(("2026-09-01", "2023-01-10"))}
            for code in rng.sample(codes, rng.randint(0, 6))
        ]
    return entry


HOSTILE_INERT: dict[str, Any] = {
    # Passes validation (no tags, https links only), yet every field tries to break out of its place.
    "id": "hostile-inert",
    "name": 'Evil" onmouseover="window.pwned=1',
    "summary": 'Summary {{ config.site_name }} --8<-- "/etc/passwd" &lt;script&gt;window.pwned=2&lt;/script&gt;',
    "description": (
        '# Top heading\n\n[styled](https://example.org){: onclick="window.pwned=3" }\n\n'
        '![tracker](https://tracker.example.com/pixel.png)\n\n--8<-- "/etc/passwd"\n\n{{ config }}\n\n'
        "&lt;script&gt;window.pwned=4&lt;/script&gt;\n"
    ),
    "kind": "package",
    "repository": "https://github.com/example/hostile-inert",
    "languages": ["R"],
    "licence": "MIT",
    "topics": ["spc"],
    "keywords": ['" onfocus="window.pwned=5" autofocus="'],
    "owner": {"name": "Owner' onmouseover='window.pwned=6", "type": "individual"},
    "maintainers": [{"name": 'Maint" onclick="window.pwned=7', "role": "' onclick='window.pwned=8"}],
    "contact": "hostile@example.org",
    "phase": "beta",
    "added": "2026-11-01",
}

HOSTILE_RAW: dict[str, Any] = {
    # Fails validation; the tests publish it anyway to show the renderer alone makes it inert.
    "id": "hostile-raw",
    "name": "<script>window.pwned=10</script>Raw",
    "summary": '<img src=x onerror="window.pwned=11"> summary',
    "description": (
        "<script>window.pwned=12</script>\n\n[js](javascript:window.pwned=13)\n\n"
        '<a href="javascript:window.pwned=14">raw link</a>\n\n<iframe src="https://evil.example.com"></iframe>\n\n'
        "[data](data:text/html;base64,PHNjcmlwdD4=)\n\n![img](https://evil.example.com/x.png)\n\n"
        "[ent](&#106;avascript:window.pwned=15)\n\n<style>body{display:none}</style>\n"
    ),
    "kind": "package",
    "repository": "javascript:window.pwned=16",
    "homepage": "http://insecure.example.com",
    "documentation": "https://evil.example.com/</script><script>window.pwned=17</script>",
    "languages": ["R"],
    "licence": "MIT",
    "topics": ["spc"],
    "keywords": ["<b onmouseover=window.pwned=18>kw</b>"],
    "owner": {"name": "<img src=x onerror=window.pwned=19>", "type": "individual"},
    "contact": "javascript:window.pwned=20",
    "phase": "beta",
    "caveats": ["</div><script>window.pwned=21</script>"],
    "evidence": [{"type": "other", "title": "<svg onload=window.pwned=22>", "url": "javascript:window.pwned=23"}],
    "product": {"problem": "</p><script>window.pwned=24</script>", "backlog": "javascript:window.pwned=25"},
    "added": "2026-11-02",
}


def make_registry(folder: Path, count: int, *, seed: int = 7, adopters: bool = True, hostile: bool = False) -> Path:
    """A registry of ``count`` varied, valid synthetic entries (plus the inert hostile one if asked)."""
    tools = folder / "tools"
    tools.mkdir(parents=True, exist_ok=True)
    for name in (TAXONOMY_FILE, ORGANISATIONS_FILE):
        shutil.copyfile(SHIPPED / name, folder / name)
    rng = random.Random(seed)
    topics = ["spc", "visualisation", "rap", "dashboards", "paediatrics", "benchmarking"]
    codes = _trusts()
    entries = [synthetic_entry(i, rng, topics, codes, adopters) for i in range(count)]
    if len(entries) > 10:
        entries[5]["phase"] = "retired"
        entries[5]["superseded_by"] = entries[6]["id"]
    if hostile:
        entries.append(HOSTILE_INERT)
    for entry in entries:
        (tools / f"{entry['id']}.yaml").write_text(yamlio.dumps(entry), encoding="utf-8")
    return folder


def notebook(cells: list[tuple[str, str]], *, outputs: bool) -> str:
    """A minimal nbformat-4 notebook; code cells get a stored text output when ``outputs``."""
    built = []
    for number, (kind, source) in enumerate(cells):
        cell: dict[str, Any] = {"cell_type": kind, "id": f"cell-{number}", "metadata": {}, "source": source}
        if kind == "code":
            cell["execution_count"] = 1 if outputs else None
            cell["outputs"] = (
                [{"output_type": "stream", "name": "stdout", "text": "stored output 42\n"}] if outputs else []
            )
        built.append(cell)
    document = {
        "cells": built,
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    return json.dumps(document)


def make_product(products: Path, name: str, reports: dict[str, str], *, makefile: bool = True) -> Path:
    """``products/<name>/`` with a product.yaml and the given report notebooks (name -> notebook JSON)."""
    folder = products / name
    (folder / "reports").mkdir(parents=True, exist_ok=True)
    meta = {
        "id": name,
        "name": name.replace("-", " ").title(),
        "summary": f"A test product called {name}.",
        "kind": "product",
        "repository": f"https://github.com/example/{name}",
        "licence": "MIT",
        "owner": {"name": "Example Trust", "type": "nhs-trust"},
        "phase": "alpha",
    }
    (folder / "product.yaml").write_text(yamlio.dumps(meta), encoding="utf-8")
    if makefile:
        (folder / "Makefile").write_text("report:\n\tjupyter nbconvert --to html --execute reports/*.ipynb\n")
    for report, text in reports.items():
        (folder / "reports" / f"{report}.ipynb").write_text(text, encoding="utf-8")
    return folder
