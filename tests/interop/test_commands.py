"""nhsoa import, registry add --from, registry sync and adopt, run in-process on temporary registries."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from nhsoa import yamlio
from nhsoa.errors import BadValue
from nhsoa.interop import updates
from nhsoa.main import main
from tests.conftest import git

DATA = Path(__file__).parent.parent / "data" / "interop"


def make_tool_repo(folder: Path, *files: Path) -> Path:
    """A git repository holding the given metadata files, one commit."""
    folder.mkdir(parents=True)
    for file in files:
        shutil.copy(file, folder / file.name)
    git(folder, "init", "-q", "-b", "main")
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", "metadata")
    return folder


def test_import_prints_draft_and_says_what_is_missing(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", str(DATA / "cff" / "valid" / "full" / "CITATION.cff")]) == 0
    out, err = capsys.readouterr()
    assert yamlio.loads(out)["licence"] == "CC0-1.0"
    assert "licence                <- CITATION.cff: license" in err
    assert "not mapped: date-released, version" in err
    assert "missing required fields: kind, owner, phase" in err


def test_import_broken_file_names_file_and_line(capsys: pytest.CaptureFixture[str]) -> None:
    path = DATA / "pyproject" / "broken" / "bad-toml" / "pyproject.toml"
    assert main(["import", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("nhsoa: error: pyproject.toml:3: invalid TOML")
    assert "Traceback" not in err


def test_import_unknown_format_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    odd = tmp_path / "notes.txt"
    odd.write_text("hello\n", encoding="utf-8")
    assert main(["import", str(odd)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"nhsoa: error: --format: cannot tell the format of {odd} from its name or content; ")
    assert "say which it is: product, publiccode, codemeta, cff" in err


def test_set_must_name_a_field_and_a_value(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(DATA / "cff" / "valid" / "full" / "CITATION.cff")
    assert main(["import", path, "--set", "phase"]) == 2
    assert "argument --set: 'phase': write FIELD=VALUE, e.g. --set owner.type=nhs-trust" in capsys.readouterr().err
    assert main(["import", path, "--set", "Owner Type=trust"]) == 2
    assert "'Owner Type' is not a field name such as phase or owner.type" in capsys.readouterr().err
    assert main(["import", path, "--set", "topics=[spc, rap]", "--set", "added=2025-01-02", "--set", "summary="]) == 0
    draft = yamlio.loads(capsys.readouterr().out)
    assert (draft["topics"], draft["added"], draft["summary"]) == (["spc", "rap"], "2025-01-02", "")


def test_registry_add_from_git_url_writes_entry_with_provenance(
    tmp_path: Path, seeded_registry: Path, git_env: None, capsys: pytest.CaptureFixture[str]
) -> None:
    case = DATA / "cff" / "conflicting" / "licence"
    repo = make_tool_repo(tmp_path / "qicharts", case / "CITATION.cff", case / "DESCRIPTION")
    args = ["registry", "add", "--from", f"file://{repo}", "--registry", str(seeded_registry), "--today", "2025-07-01"]
    assert main(args) == 1
    assert "does not give phase, owner.type; add them with --set phase=... --set owner.type=..." in (
        capsys.readouterr().err
    )
    sets = ["--set", "owner.name=Leeds Teaching Hospitals NHS Trust", "--set", "phase=beta", "--set", "topics=[spc]"]
    assert main([*args, *sets]) == 0
    out = capsys.readouterr().out
    assert (
        "conflict: licence: kept 'GPL-3.0-or-later' from DESCRIPTION: License (GPL (>= 3)); "
        "also 'Apache-2.0' in CITATION.cff: license" in out
    )
    assert "owner: matched RR8 in organisations.yaml" in out
    written = yamlio.load_file(seeded_registry / "tools" / "qichartsnhs.yaml").data
    assert written["licence"] == "GPL-3.0-or-later"
    assert written["owner"] == {"name": "Leeds Teaching Hospitals NHS Trust", "ods_code": "RR8", "type": "nhs-trust"}
    assert written["last_commit"] == "2025-06-01"
    assert written["added"] == written["last_verified"] == "2025-07-01"
    assert main(["validate", str(seeded_registry / "tools" / "qichartsnhs.yaml"), "--today", "2025-07-01"]) == 0


def test_registry_add_never_overwrites_without_force(
    tmp_path: Path, seeded_registry: Path, git_env: None, capsys: pytest.CaptureFixture[str]
) -> None:
    target = seeded_registry / "tools" / "nhsr-plot-the-dots.yaml"
    before = target.read_bytes()
    repo = make_tool_repo(tmp_path / "dots", DATA / "product" / "valid" / "full" / "product.yaml")
    args = ["registry", "add", "--from", str(repo), "--registry", str(seeded_registry), "--today", "2025-07-01"]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "is already in the registry as 'nhsr-plot-the-dots'" in err
    assert "run `nhsoa registry sync nhsr-plot-the-dots` to update it" in err
    assert target.read_bytes() == before
    assert main([*args, "--force"]) == 0
    assert "kept adopters from the existing entry" in capsys.readouterr().out
    assert yamlio.load_file(target).data["adopters"][0]["ods_code"] == "RGT"


def test_registry_add_refuses_hostile_addresses(seeded_registry: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for address in ("ext::sh -c touch% /tmp/pwned", "--upload-pack=touch /tmp/pwned"):
        assert main(["registry", "add", "--from", address, "--registry", str(seeded_registry)]) == 2
    assert "is not a repository address" in capsys.readouterr().err
    assert not Path("/tmp/pwned").exists()


def test_registry_add_does_not_follow_symlinks(tmp_path: Path, seeded_registry: Path, git_env: None) -> None:
    repo = tmp_path / "evil"
    repo.mkdir()
    (repo / "codemeta.json").symlink_to("/etc/passwd")
    assert main(["registry", "add", "--from", str(repo), "--registry", str(seeded_registry)]) == 1


def test_sync_shows_a_diff_then_writes_with_yes(
    tmp_path: Path, seeded_registry: Path, git_env: None, capsys: pytest.CaptureFixture[str]
) -> None:
    cff_text = (
        "cff-version: 1.2.0\nmessage: cite\ntitle: NHSRplotthedots\nauthors: [{name: NHS-R}]\n"
        "license: Apache-2.0\nrepository-code: https://github.com/nhs-r-community/NHSRplotthedots\n"
        "url: https://nhs-r-community.github.io/NHSRplotthedots/\n"
    )
    source = tmp_path / "dots"
    source.mkdir()
    (source / "CITATION.cff").write_text(cff_text, encoding="utf-8")
    target = seeded_registry / "tools" / "nhsr-plot-the-dots.yaml"
    before = target.read_text(encoding="utf-8")
    args = ["registry", "sync", "nhsr-plot-the-dots", "--from", str(source), "--registry", str(seeded_registry)]
    assert main([*args, "--today", "2025-07-01"]) == 0
    out = capsys.readouterr().out
    assert "-licence: MIT\n+licence: Apache-2.0\n" in out
    assert "run again with --yes to write" in out
    assert target.read_text(encoding="utf-8") == before
    assert main([*args, "--today", "2025-07-01", "--yes"]) == 0
    after = target.read_text(encoding="utf-8")
    assert after.startswith("# NHSRplotthedots: SPC charts for Making Data Count.\n")
    assert "licence: Apache-2.0" in after
    assert "last_verified: 2025-07-01" in after


def test_adopt_adds_then_reconfirms_keeping_comments(seeded_registry: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = seeded_registry / "tools" / "nhsr-plot-the-dots.yaml"
    args = ["adopt", "nhsr-plot-the-dots", "--registry", str(seeded_registry)]
    assert main([*args, "--ods", "rx1", "--evidence", "https://example.nhs.uk/spc", "--today", "2025-07-01"]) == 0
    assert "added Nottingham University Hospitals NHS Trust (RX1)" in capsys.readouterr().out
    assert main([*args, "--ods", "RGT", "--today", "2025-08-01"]) == 0
    assert "re-confirmed" in capsys.readouterr().out
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# NHSRplotthedots: SPC charts for Making Data Count.\n")
    adopters = yamlio.loads(text)["adopters"]
    assert adopters == [
        {"ods_code": "RGT", "since": "2022-03-01", "confirmed": "2025-08-01"},
        {"ods_code": "RX1", "since": "2025-07-01", "evidence": "https://example.nhs.uk/spc", "confirmed": "2025-07-01"},
    ]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--ods", "not a code"], "--ods: 'not a code' is not an ODS code (3 to 7 capital letters and digits)"),
        (["--ods", "RGT", "--evidence", "javascript:alert(1)"], "--evidence: javascript: addresses are not allowed"),
        (["--ods", "RGT", "--contact", "<script>"], "--contact: write a name, an email address or an https address"),
        (["--ods", "RGT", "--since", "2999-01-01"], "--since: 2999-01-01 is in the future (today is "),
    ],
)
def test_adopt_rejects_bad_input_and_leaves_the_file(
    seeded_registry: Path, capsys: pytest.CaptureFixture[str], extra: list[str], message: str
) -> None:
    target = seeded_registry / "tools" / "nhsr-plot-the-dots.yaml"
    before = target.read_bytes()
    assert main(["adopt", "nhsr-plot-the-dots", "--registry", str(seeded_registry), *extra]) == 2
    assert message in capsys.readouterr().err
    assert target.read_bytes() == before


def test_adoption_values_are_refused_by_field_name_outside_the_command() -> None:
    entry: dict[str, object] = {}
    with pytest.raises(BadValue) as raised:
        updates.record_adoption(entry, "RGT", today=date(2026, 1, 1), since=date(2026, 1, 2))
    assert str(raised.value) == "since: 2026-01-02 is in the future (today is 2026-01-01)"
    with pytest.raises(BadValue, match=r"^ods_code: 'r g t' is not an ODS code"):
        updates.record_adoption(entry, "r g t", today=date(2026, 1, 1))
    assert entry == {}
