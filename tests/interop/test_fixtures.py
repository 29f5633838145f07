"""Every fixture under tests/data/interop/<format>/<kind>/<case>/ with its expected.yaml."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from nhsoa import yamlio
from nhsoa.interop import formats, harvest
from nhsoa.interop.model import ImportFailed, get, missing_required

DATA = Path(__file__).parent.parent / "data" / "interop"


def cases(kind: str) -> list[Path]:
    return sorted(p for p in DATA.glob(f"*/{kind}/*") if p.is_dir())


def metadata_file(case: Path) -> Path:
    """The case's metadata file (other files beside it, such as a VERSION file, are what it reads)."""
    files = sorted(p for p in case.iterdir() if p.is_file() and p.name != "expected.yaml")
    return next((p for p in files if p.name.lower() in formats.BY_FILENAME), files[0])


def expected(case: Path) -> dict[str, Any]:
    data = yamlio.load_file(case / "expected.yaml").data
    assert isinstance(data, dict)
    return data


def case_id(case: Path) -> str:
    return f"{case.parts[-3]}/{case.parts[-1]}"


@pytest.mark.parametrize("case", cases("valid") + cases("minimal"), ids=case_id)
def test_import_maps_the_fields(case: Path) -> None:
    want = expected(case)
    found = formats.read(metadata_file(case))
    assert found.format == case.parts[-3]
    for key, value in want["entry"].items():
        assert found.entry.get(key) == value, key
    assert missing_required(found.entry) == want.get("missing", [])
    for item in want.get("unmapped", []):
        assert item in found.unmapped
    for item in want.get("notes", []):
        assert item in found.notes
    for key in found.entry:
        assert key in found.provenance or any(p.startswith(f"{key}.") for p in found.provenance), key


@pytest.mark.parametrize("case", cases("broken"), ids=case_id)
def test_broken_file_is_a_clear_error(case: Path) -> None:
    want = expected(case)
    path = metadata_file(case)
    with pytest.raises(ImportFailed) as caught:
        formats.read(path)
    assert want["error"] in caught.value.detail
    assert caught.value.line == want["line"]
    assert str(caught.value).startswith(f"{path.name}:{want['line']}: ")


@pytest.mark.parametrize("case", cases("conflicting"), ids=case_id)
def test_harvest_reports_conflicts(case: Path) -> None:
    want = expected(case)
    found = harvest.harvest_folder(case)
    assert sorted(c.field for c in found.conflicts) == sorted(want["conflicts"])
    for key, value in want["chosen"].items():
        assert get(found.entry, key) == value
        assert found.provenance[key]
