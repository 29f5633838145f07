"""nhsoa review on real git repositories made in temporary folders."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from nhsoa.main import main
from nhsoa.review.pipeline import review
from nhsoa.review.render import as_markdown, md
from tests.conftest import git

TODAY = "2025-07-01"
NEW_ENTRY = """id: plotthedots-two
name: NHSRplotthedot
summary: Draws XmR statistical process control charts in the style of Making Data Count.
kind: package
repository: https://github.com/someone/plotthedots-two
languages: [R]
licence: MIT
topics: [spc]
keywords: [spc, xmr, making data count]
owner: {name: Someone, type: individual}
phase: beta
"""


def commit(repo: Path, message: str = "change") -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


def run_review(repo: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str]:
    code = main(["review", "--repo", str(repo), "--today", TODAY, *extra])
    return code, capsys.readouterr().out


def test_no_change_is_clean(registry_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run_review(registry_repo, capsys)
    assert code == 0
    assert "0 entries reviewed: 0 errors, 0 warnings, 0 hints" in out


def test_added_entry_like_an_existing_one(registry_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (registry_repo / "registry" / "tools" / "plotthedots-two.yaml").write_text(NEW_ENTRY, encoding="utf-8")
    commit(registry_repo)
    code, out = run_review(registry_repo, capsys)
    assert code == 0  # warnings and hints do not fail the run
    assert "  added     registry/tools/plotthedots-two.yaml" in out
    assert re.search(
        r"plotthedots-two.yaml:2: OA106 warning: name: looks like the existing entry 'nhsr-plot-the-dots'", out
    )
    assert "keywords shared: making data count, spc, xmr" in out
    assert main(["review", "--repo", str(registry_repo), "--today", TODAY, "--fail-on", "warning"]) == 1


def test_edit_lists_licence_owner_adopters_and_repository_move(
    registry_repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = registry_repo / "registry" / "tools" / "nhsr-plot-the-dots.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("licence: MIT", "licence: GPL-3.0-only")
    text = text.replace("repository: https://github.com/nhs-r-community/NHSRplotthedots",
                        "repository: https://github.com/nhs-r-community/plotthedots")  # fmt: skip
    text = text.replace("  name: NHS-R Community\n  type: nhs-community", "  name: X24\n  type: nhs-national-body")
    text = text.replace("  - ods_code: RGT", "  - ods_code: RX1")
    path.write_text(text, encoding="utf-8")
    commit(registry_repo)
    code, out = run_review(registry_repo, capsys)
    assert code == 1
    assert "modified  registry/tools/nhsr-plot-the-dots.yaml: repository, licence, owner, adopters" in out
    assert "nhsr-plot-the-dots.yaml:6: OA102 error: repository: repository changed from" in out
    assert "OA103 warning: licence: licence changed from MIT to GPL-3.0-only" in out
    assert "OA104 warning: owner: owner changed from NHS-R Community to X24" in out
    assert "OA105 hint: adopters: adopters added RX1; removed RGT" in out


def test_keeping_the_old_repository_as_alias_passes(registry_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = registry_repo / "registry" / "tools" / "phs-funnel.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "repository: https://github.com/chrismainey/FunnelPlotR",
        "repository: https://github.com/nhs-r-community/FunnelPlotR\n"
        "repository_aliases: [https://github.com/chrismainey/FunnelPlotR]",
    )
    path.write_text(text, encoding="utf-8")
    commit(registry_repo)
    code, out = run_review(registry_repo, capsys)
    assert code == 0
    assert "OA102" not in out


def test_deletion_points_at_the_old_path(registry_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    git(registry_repo, "rm", "-q", "registry/tools/phs-funnel.yaml")
    commit(registry_repo)
    code, out = run_review(registry_repo, capsys, "--format", "github")
    assert code == 1
    assert "::error file=registry/tools/phs-funnel.yaml,line=1,title=OA101 entry-deleted::" in out


def test_retiring_instead_of_deleting_passes(registry_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = registry_repo / "registry" / "tools" / "phs-funnel.yaml"
    text = path.read_text(encoding="utf-8").replace("phase: beta", "phase: retired\nsuperseded_by: nhsr-plot-the-dots")
    path.write_text(text, encoding="utf-8")
    commit(registry_repo)
    assert run_review(registry_repo, capsys)[0] == 0


def test_rename_is_reported(registry_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    git(registry_repo, "mv", "registry/tools/phs-funnel.yaml", "registry/tools/funnel-plot-r.yaml")
    path = registry_repo / "registry" / "tools" / "funnel-plot-r.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("id: phs-funnel", "id: funnel-plot-r"), encoding="utf-8")
    commit(registry_repo)
    code, out = run_review(registry_repo, capsys)
    assert "renamed   registry/tools/funnel-plot-r.yaml (from registry/tools/phs-funnel.yaml): id" in out
    assert "funnel-plot-r.yaml:1: OA107 warning: id: renamed from phs-funnel.yaml" in out
    assert code == 0


def test_hostile_edits(registry_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tools = registry_repo / "registry" / "tools"
    (tools / "broken.yaml").write_text("id: broken\nname: [unclosed\n", encoding="utf-8")
    (tools / "bomb.yaml").write_text(
        "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        + "".join(f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
                  for p, c in zip("abcde", "bcdef", strict=True))
    )  # fmt: skip
    (tools / "passwd.yaml").symlink_to("/etc/passwd")
    hostile = NEW_ENTRY.replace("id: plotthedots-two", "id: xss").replace(
        "name: NHSRplotthedot", 'name: "<img src=x onerror=alert(1)> @octocat [x](javascript:alert(1))"'
    )
    (tools / "xss.yaml").write_text(hostile, encoding="utf-8")
    commit(registry_repo)
    code, out = run_review(registry_repo, capsys, "--format", "markdown")
    assert code == 1
    assert "OA001 `yaml-syntax` at `registry/tools/broken.yaml:3`" in out
    assert "OA005 `yaml-aliases` at `registry/tools/bomb.yaml:" in out
    assert "OA108 `regular-file` at `registry/tools/passwd.yaml:1`" in out
    assert "OA042 `no-html` at `registry/tools/xss.yaml:2`" in out
    assert "root:" not in out  # the symlink's target was never read
    assert "<img" not in out
    assert "@octocat" not in out
    assert "](javascript" not in out


def test_markdown_is_a_checklist(registry_repo: Path) -> None:
    git(registry_repo, "rm", "-q", "registry/tools/phs-funnel.yaml")
    commit(registry_repo)
    text = as_markdown(review(registry_repo, today=None))
    assert text.startswith("## Registry review\n")
    assert "- [ ] Archive, don't delete: retirements, successors, moves and renames (1 error, 0 warnings)" in text
    assert "- [x] Licences are valid SPDX and open" in text
    assert "| `registry/tools/phs-funnel.yaml` | deleted |" in text
    assert "- [ ] **Overlap**:" in text


def test_json_output(registry_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (registry_repo / "registry" / "tools" / "plotthedots-two.yaml").write_text(NEW_ENTRY, encoding="utf-8")
    commit(registry_repo)
    code, out = run_review(registry_repo, capsys, "--format", "json")
    document = json.loads(out)
    assert code == 0
    assert document["entries"] == [
        {"status": "added", "path": "registry/tools/plotthedots-two.yaml", "old_path": None,
         "id": "plotthedots-two", "changed_fields": []}
    ]  # fmt: skip
    assert {f["rule"] for f in document["findings"]} == {"OA014", "OA106"}


def test_reference_list_change_is_a_hint(registry_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    taxonomy = registry_repo / "registry" / "taxonomy.yaml"
    taxonomy.write_text(taxonomy.read_text(encoding="utf-8") + "# reviewed\n", encoding="utf-8")
    commit(registry_repo)
    code, out = run_review(registry_repo, capsys)
    assert code == 0
    assert "registry/taxonomy.yaml:1: OA109 hint: the topic list is modified" in out


def test_bad_refs_are_clear_errors(registry_repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["review", "--repo", str(registry_repo), "--base", "no-such-branch"]) == 1
    assert "'no-such-branch' is not a commit" in capsys.readouterr().err
    assert main(["review", "--repo", str(registry_repo), "--base", "--output=x"]) == 2
    outside = tmp_path / "not-a-repo"
    outside.mkdir()
    os.environ["GIT_CEILING_DIRECTORIES"] = str(tmp_path)
    try:
        assert main(["review", "--repo", str(outside)]) == 1
    finally:
        del os.environ["GIT_CEILING_DIRECTORIES"]
    assert "is not inside a git repository" in capsys.readouterr().err


@pytest.mark.parametrize(
    "text", ["<script>", "@someone", "[a](javascript:x)", "| cell |", "`code`", "**bold**", "# heading"]
)
def test_markdown_escape_makes_text_inert(text: str) -> None:
    escaped = md(text)
    assert "<" not in escaped
    assert "@" not in escaped
    plain = re.sub(r"&(#64|lt|gt|amp);", "", escaped)
    assert not re.search(r"(?<!\\)[\[\]|`*#]", plain)


def test_peers_named_in_findings_are_repository_paths_wherever_review_runs(
    registry_repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "somewhere" / "else"
    elsewhere.mkdir(parents=True)
    monkeypatch.chdir(elsewhere)  # the temporary checkout is then reached by a relative path with ../
    (registry_repo / "registry" / "tools" / "plotthedots-two.yaml").write_text(NEW_ENTRY, encoding="utf-8")
    commit(registry_repo)
    _, out = run_review(registry_repo, capsys)
    [line] = [line for line in out.splitlines() if " OA014 " in line]
    assert "(registry/tools/nhsr-plot-the-dots.yaml)" in line
