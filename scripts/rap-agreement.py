"""How often `nhsoa rap` agrees with the hand-judged records of the corpus repositories.

    python scripts/rap-agreement.py [--corpus DIR] [--records FILE] [-v]

Clones each corpus bundle into a temporary folder, assesses it with the nhsoa on the import path
(so ``PYTHONPATH=<other checkout>/src`` measures another version the same way), and compares each
criterion's status with ``tests/data/corpus/rap.yaml``. Prints the agreement over all criteria and
over the criteria files can show, and with -v every disagreement.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.append(str(REPO))  # for tests.corpus; nhsoa itself comes from the import path first

from nhsoa.rap.assess import assess  # noqa: E402
from tests.corpus import bundles, corpus_dir  # noqa: E402

ATTESTED_ONLY = {"B4", "B5", "S1", "S4", "S9"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=corpus_dir())
    parser.add_argument("--records", type=Path, default=REPO / "tests" / "data" / "corpus" / "rap.yaml")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    if args.corpus is None or not (args.corpus / "index.tsv").is_file():
        print("no corpus folder: pass --corpus or set NHSOA_CORPUS", file=sys.stderr)
        return 2
    records = yaml.safe_load(args.records.read_text(encoding="utf-8"))
    agree = total = agree_files = total_files = 0
    with tempfile.TemporaryDirectory() as scratch:
        for name in sorted(bundles()):
            checkout = Path(scratch) / name
            subprocess.run(["git", "clone", "-q", str(args.corpus / f"{name}.bundle"), str(checkout)], check=True)
            got = {r.criterion.id: r.status for r in assess(checkout).results}
            expected = {cid: record["status"] for cid, record in records[name]["criteria"].items()}
            same = [cid for cid in expected if got.get(cid) == expected[cid]]
            agree, total = agree + len(same), total + len(expected)
            files = [cid for cid in expected if cid not in ATTESTED_ONLY]
            agree_files += len([cid for cid in files if cid in same])
            total_files += len(files)
            print(f"{name:<50} {len(same):>2}/{len(expected)}")
            for cid in (c for c in expected if c not in same and args.verbose):
                print(f"    {cid}: expected {expected[cid]}, got {got.get(cid)}")
    print(f"all criteria:             {agree}/{total} = {100 * agree / total:.1f}%")
    print(f"criteria files can show:  {agree_files}/{total_files} = {100 * agree_files / total_files:.1f}%")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
