"""How many corpus repositories `nhsoa registry add --from` turns into a draft that validates.

For each bundle of the corpus (shared/corpus above the checkout, or $NHSOA_CORPUS) this clones
the bundle, points its origin remote at the repository's public address (as a clone from the
code host has it), runs `registry add --from` into an empty registry that has the measured
checkout's reference lists, and, when the only missing fields are the owner's type and the
phase, runs it again with the values from tests/data/corpus/harvest.yaml. A repository counts
when the written entry then passes `nhsoa validate`.

    python scripts/corpus-harvest.py                      # this checkout
    python scripts/corpus-harvest.py --checkout ../main   # another checkout, same records
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import importlib
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]
ALLOWED = {"owner.type", "phase"}
TODAY = "2026-11-25"


def corpus_dir(start: Path) -> Path:
    if os.environ.get("NHSOA_CORPUS"):
        return Path(os.environ["NHSOA_CORPUS"])
    for folder in start.resolve().parents:
        if (folder / "shared" / "corpus" / "index.tsv").is_file():
            return folder / "shared" / "corpus"
    raise SystemExit("no corpus found: set NHSOA_CORPUS to the corpus folder")


def run(main: object, args: list[str]) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = main(args)  # type: ignore[operator]
    return code, out.getvalue()


def measure(
    main: object, bundle: Path, repository: str, *, reference: Path, supplied: dict[str, str], tmp: Path
) -> str:
    clone = tmp / bundle.stem
    subprocess.run(["git", "clone", "-q", str(bundle), str(clone)], check=True)
    subprocess.run(["git", "-C", str(clone), "remote", "set-url", "origin", repository], check=True)
    root = tmp / f"{bundle.stem}-registry"
    (root / "tools").mkdir(parents=True)
    for name in ("taxonomy.yaml", "organisations.yaml"):
        shutil.copy(reference / name, root / name)
    args = ["registry", "add", "--from", str(clone), "--registry", str(root), "--today", TODAY]
    code, text = run(main, args)
    given: list[str] = []
    if code != 0:
        missing = re.search(r"does not give ([^;]+);", text)
        fields = set(missing.group(1).split(", ")) if missing else set()
        if not missing or not fields <= ALLOWED:
            return f"FAIL  {text.strip().splitlines()[-1]}"
        given = sorted(fields)
        sets = [a for f in given for a in ("--set", f"{f}={supplied.get(f, 'other' if f == 'owner.type' else 'beta')}")]
        code, text = run(main, [*args, *sets])
        if code != 0:
            return f"FAIL  {text.strip().splitlines()[-1]}"
    written = next((root / "tools").iterdir())
    code, text = run(main, ["validate", str(written), "--today", TODAY])
    if code != 0:
        return f"FAIL  {written.name} does not validate: {text.strip().splitlines()[0]}"
    return f"ok    {written.name}" + (f" (by hand: {', '.join(given)})" if given else "")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--checkout", type=Path, default=HERE, help="the nhsoa checkout to measure")
    parser.add_argument("--records", type=Path, default=HERE / "tests" / "data" / "corpus" / "harvest.yaml")
    args = parser.parse_args()
    sys.path.insert(0, str(args.checkout.resolve() / "src"))  # measure that checkout's nhsoa
    nhsoa_main = importlib.import_module("nhsoa.main").main
    records = importlib.import_module("nhsoa.yamlio").load_file(args.records).data
    corpus = corpus_dir(HERE)
    with (corpus / "index.tsv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    passed = 0
    with tempfile.TemporaryDirectory(prefix="nhsoa-corpus-harvest-") as tmp:
        for row in rows:
            name = row["file"].removesuffix(".bundle")
            supplied = {k: str(v) for k, v in records.get(name, {}).get("supplied", {}).items()}
            result = measure(
                nhsoa_main, corpus / row["file"], row["repository"],
                reference=args.checkout / "registry", supplied=supplied, tmp=Path(tmp),
            )  # fmt: skip
            passed += result.startswith("ok")
            print(f"{name:<52} {result}")
    print(f"{passed} of {len(rows)} repositories give a draft that validates, with at most the owner's type and the "
          "phase supplied by hand")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
