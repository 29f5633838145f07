"""Synthetic registries for benchmarks: realistic, valid, reproducible entries.

Usable as a library (``make_registry(folder, n, seed)``) or as a script:
``python benchmarks/synthetic.py OUT_DIR [-n 5000]``.
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

from nhsoa import yamlio
from nhsoa.registry.store import ORGANISATIONS_FILE, TAXONOMY_FILE, load_reference, shipped_root
from nhsoa.search.vocabulary import VOCABULARY_FILE

WORDS = """
analysis pipeline chart trust ward admissions discharge waiting list referral outcome
cohort statistical process control funnel plot deprivation population linkage synthetic
data model demand capacity forecast dashboard report reproducible package validation
clinical audit indicator benchmark mortality prescribing primary care community mental
health paediatric growth centile emergency department elective theatre bed occupancy
workforce finance
""".split()  # noqa: SIM905 - easier to read and edit as text
LANGUAGES = ("Python", "R", "SQL", "TypeScript", "Julia")
LICENCES = ("MIT", "Apache-2.0", "GPL-3.0-or-later", "AGPL-3.0-or-later", "BSD-3-Clause", "OGL-UK-3.0")
KINDS = ("package", "product", "template", "app", "api", "pipeline", "guidance")
PHASES = ("alpha", "beta", "live", "live", "live")
OWNER_TYPES = ("nhs-trust", "icb", "csu", "nhs-national-body", "university", "nhs-community")


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def make_entry(index: int, rng: random.Random, topics: list[str], codes: list[str]) -> dict[str, object]:
    entry_id = f"tool-{index:05d}"
    owner_code = rng.choice(codes)
    entry: dict[str, object] = {
        "id": entry_id,
        "name": f"{rng.choice(WORDS).title()} {rng.choice(WORDS)} {rng.getrandbits(32):08x}",
        "summary": _sentence(rng, rng.randint(8, 16)),
        "description": "\n\n".join(_sentence(rng, rng.randint(20, 40)) for _ in range(rng.randint(1, 4))) + "\n",
        "kind": rng.choice(KINDS),
        "repository": f"https://github.com/org-{index % 97}/{entry_id}",
        "homepage": f"https://org-{index % 97}.example.org/{entry_id}",
        "languages": [rng.choice(LANGUAGES)],
        "licence": rng.choice(LICENCES),
        "topics": rng.sample(topics, rng.randint(1, 3)),
        "keywords": rng.sample(WORDS, rng.randint(2, 5)),
        "owner": {"name": f"Organisation {owner_code}", "ods_code": owner_code, "type": rng.choice(OWNER_TYPES)},
        "maintainers": [{"name": "Analytics team", "github": f"org-{index % 97}", "role": "maintainer"}],
        "contact": f"https://github.com/org-{index % 97}/{entry_id}/issues",
        "openness": "open-source",
        "phase": rng.choice(PHASES),
        "rap": {
            "level": rng.choice(("none", "baseline", "silver", "gold")),
            "assessed": "2026-06-01",
            "method": "self",
        },
        "clinical_safety": {"applicable": "no", "rationale": "Aggregate operational data only."},
        "information_governance": {"data_level": rng.choice(("none", "synthetic", "aggregate", "pseudonymised"))},
        "adopters": [
            {"ods_code": code, "since": "2025-01-01", "confirmed": f"2026-0{rng.randint(1, 9)}-15"}
            for code in rng.sample(codes, rng.randint(0, 5))
        ],
        "added": f"2026-0{rng.randint(1, 9)}-{rng.randint(10, 28)}",
        "last_verified": "2026-10-01",
    }
    return entry


def make_registry(folder: Path, count: int, seed: int = 20261125) -> Path:
    """Write a registry of ``count`` synthetic entries into ``folder`` (created) and return it."""
    source = shipped_root()
    tools = folder / "tools"
    tools.mkdir(parents=True, exist_ok=True)
    for name in (TAXONOMY_FILE, ORGANISATIONS_FILE, VOCABULARY_FILE):
        shutil.copyfile(source / name, folder / name)
    reference = load_reference(source)
    topics, codes = sorted(reference.topics), sorted(reference.organisations)
    rng = random.Random(seed)
    for index in range(count):
        entry = make_entry(index, rng, topics, codes)
        (tools / f"{entry['id']}.yaml").write_text(yamlio.dumps(entry), encoding="utf-8")
    return folder


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("-n", type=int, default=5000)
    args = parser.parse_args()
    print(make_registry(args.out, args.n))
