"""``nhsoa no-data``: data files are blocked unless the repository's allow list names them, in any language."""

from __future__ import annotations

from pathlib import Path

import pytest

from nhsoa.errors import NhsoaError
from nhsoa.guards.nodata import Language, as_pattern, check, data_kind, project_language
from nhsoa.main import main
from tests.conftest import git


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("extract.csv", ".csv"),
        ("Extract.CSV", ".csv"),
        ("book.xlsx", ".xlsx"),
        ("old.xls", ".xls"),
        ("table.parquet", ".parquet"),
        ("survey.sav", ".sav"),
        ("stata.dta", ".dta"),
        ("model.rds", ".rds"),
        ("lab_data.rda", ".rda"),
        ("session.RData", ".rdata"),
        ("frame.fst", ".fst"),
        ("frame.feather", ".feather"),
        ("rows.jsonl", ".jsonl"),
        ("store.sqlite", ".sqlite"),
        ("cohort.csv.gz", ".csv.gz"),
        ("cohort.tsv.zip", ".tsv.zip"),
        ("README.md", None),
        ("pipeline.py", None),
        ("analysis.R", None),
        ("query.sql", None),
        ("archive.zip", None),
        ("config.json", None),
        ("csv", None),
        (".aspell/NHSRplotthedots.rds", None),  # R's spell-check word list
        ("pkg/.aspell/words.rds", None),
        ("aspell/cohort.rds", ".rds"),
        (".aspell/cohort.csv", ".csv"),
    ],
)
def test_data_kind(name: str, kind: str | None) -> None:
    assert data_kind(Path(name)) == kind


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


R_PACKAGE = {
    "DESCRIPTION": "Package: epitools\nTitle: Tools\nVersion: 1.0.0\n",
    "R/clean.R": "clean <- function(x) x\n",
    "R/sysdata.rda": "x",
    "data/lab_data.rda": "x",
    "data/organisms.rda": "x",
    "inst/extdata/organisms.csv": "a\n",
    "tests/testthat/fixture.csv": "a\n",
}


def test_an_r_package_lists_its_datasets(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path, R_PACKAGE)
    assert main(["no-data", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    for name in ("R/sysdata.rda", "data/lab_data.rda", "data/organisms.rda", "inst/extdata/organisms.csv"):
        assert f"{tmp_path / name}: " in out  # every file is named
    assert "an R package ships data here" in out
    assert "(`/data/lab_data.rda`, or `/data/*.rda` for every dataset)" in out
    assert "`/inst/extdata/` for the folder" in out
    assert "pyproject" not in out
    (tmp_path / ".nhsoa-data-allow").write_text(
        "# open reference data from the package's data-raw scripts\n/data/*.rda\n!/data/lab_data.rda\n"
        "/inst/extdata/\n/R/sysdata.rda\n",
        encoding="utf-8",
    )
    assert main(["no-data", str(tmp_path)]) == 1
    captured = capsys.readouterr()
    blocked = {line.split(": ")[0] for line in captured.out.splitlines()}
    assert blocked == {str(tmp_path / "data/lab_data.rda"), str(tmp_path / "tests/testthat/fixture.csv")}
    assert "2 data file(s) blocked (3 allowed by .nhsoa-data-allow" in captured.err
    assert "an R package" in captured.err


def test_a_folder_of_allowed_data_does_not_pass_silently(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path, {"data/open.csv": "a\n", ".nhsoa-data-allow": "/data/open.csv\n"})
    assert main(["no-data", str(tmp_path)]) == 0
    assert "no data file blocked (1 allowed by .nhsoa-data-allow" in capsys.readouterr().err
    assert main(["no-data"]) == 0
    assert "no files given; nothing checked" in capsys.readouterr().err


def test_a_python_project_and_the_pyproject_list(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.nhsoa]\nallow_data = ["src/*/data/synthetic_*.csv", "tests/data/*.parquet"]\n', encoding="utf-8"
    )
    files = ["src/pkg/data/synthetic_attendances.csv", "tests/data/small.parquet", "extract.csv", "exports/b.xlsx"]
    write(tmp_path, dict.fromkeys(files, "x\n"))
    argv = ["no-data", "--root", str(tmp_path), *[str(tmp_path / name) for name in files]]
    assert main(argv) == 1
    out = capsys.readouterr().out
    assert f"{tmp_path / 'extract.csv'}: .csv data file (fix: keep data out of git (list it in .gitignore" in out
    assert "add the line `/extract.csv` to .nhsoa-data-allow; [tool.nhsoa] allow_data in pyproject.toml" in out
    assert "exports/b.xlsx: .xlsx data file" in out
    assert "synthetic_attendances" not in out
    assert "small.parquet" not in out
    assert main([*argv, "--allow", "/extract.csv", "--allow", "exports/"]) == 0


def test_a_project_inside_a_repository_keeps_its_own_list(
    tmp_path: Path, git_env: None, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        tmp_path,
        {
            "pyproject.toml": "[project]\nname = 'tools'\n",
            ".nhsoa-data-allow": "*.csv\n",  # the top allows every CSV ...
            "products/growth/pyproject.toml": "[tool.nhsoa]\nallow_data = ['tests/data/*.csv']\n",
            "products/growth/.nhsoa-data-allow": "/src/pkg/data/synthetic_*.csv\n!/extract.csv\n",
            "products/growth/src/pkg/data/synthetic_rows.csv": "a\n",
            "products/growth/tests/data/rows.csv": "a\n",
            "products/growth/extract.csv": "a\n",  # ... but the product's own list takes this one back out
            "products/growth/book.xlsx": "a\n",
            "products/clinic/DESCRIPTION": "Package: clinic\n",
            "products/clinic/data/visits.rda": "x",
            "notes.csv": "a\n",
        },
    )
    git(tmp_path, "init", "-q")
    assert main(["no-data", str(tmp_path)]) == 1
    captured = capsys.readouterr()
    lines = sorted(captured.out.splitlines())
    assert len(lines) == 3
    assert lines[0].startswith(f"{tmp_path / 'products/clinic/data/visits.rda'}: .rda data file (fix: an R package")
    assert "list it in products/clinic/.nhsoa-data-allow (`/data/visits.rda`, or `/data/*.rda`" in lines[0]
    assert lines[1].startswith(f"{tmp_path / 'products/growth/book.xlsx'}: .xlsx data file")
    assert "add the line `/book.xlsx` to products/growth/.nhsoa-data-allow" in lines[1]
    assert lines[2].startswith(f"{tmp_path / 'products/growth/extract.csv'}: .csv data file")
    assert "3 allowed by .nhsoa-data-allow and products/growth/.nhsoa-data-allow and" in captured.err
    assert "products/growth/pyproject.toml [tool.nhsoa] allow_data" in captured.err


def test_relative_paths_from_the_project_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("data.csv").write_text("a\n", encoding="utf-8")
    Path(".nhsoa-data-allow").write_text("other.csv\n", encoding="utf-8")
    assert main(["no-data", "data.csv"]) == 1
    assert capsys.readouterr().out.startswith("data.csv: .csv data file")
    Path(".nhsoa-data-allow").write_text("data.csv\n", encoding="utf-8")
    assert main(["no-data", "data.csv"]) == 0


def test_a_git_repository_is_checked_as_git_would_commit_it(
    tmp_path: Path, git_env: None, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        tmp_path,
        {
            ".gitignore": "/data/*/*\n",
            "data/raw/extract.csv": "a\n",  # ignored by git: never committed, so not blocked
            "results/summary.csv": "a\n",  # untracked and not ignored: would be committed
            ".venv/lib/python3.11/site-packages/pkg/table.csv": "a\n",
            "renv/library/R-4.4/pkg/data/Rdata.rds": "x",
            "analysis.R": "1\n",
        },
    )
    git(tmp_path, "init", "-q")
    assert main(["no-data", str(tmp_path)]) == 1
    captured = capsys.readouterr()
    assert captured.out.splitlines()[0].startswith(f"{tmp_path / 'results/summary.csv'}: .csv data file")
    assert len(captured.out.splitlines()) == 1
    assert "read it from a path set in config.yml" in captured.out  # an R project
    assert "1 data file(s) blocked (none allowed;" in captured.err


@pytest.mark.parametrize(
    ("file", "config", "message"),
    [
        ("pyproject.toml", "[tool.nhsoa\n", "pyproject.toml: cannot read it"),
        ("pyproject.toml", '[tool.nhsoa]\nallow_data = "data/*"\n', "must be a list of glob patterns"),
        (".nhsoa-data-allow", "# fine\n/data/*.csv\n[z-a]\n", ".nhsoa-data-allow:3: not a .gitignore-style pattern"),
        (".nhsoa-data-allow", "!\n", ".nhsoa-data-allow:1: not a .gitignore-style pattern"),
    ],
)
def test_bad_configuration(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], file: str, config: str, message: str
) -> None:
    (tmp_path / file).write_text(config, encoding="utf-8")
    (tmp_path / "x.csv").write_text("a\n", encoding="utf-8")
    assert main(["no-data", "--root", str(tmp_path), str(tmp_path / "x.csv")]) == 1
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err


def test_a_bad_extra_pattern_is_named_by_where_it_came_from(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "x.csv").write_text("a\n", encoding="utf-8")
    with pytest.raises(NhsoaError, match=r"^extra pattern !: not a .gitignore-style pattern: '!'"):
        check([tmp_path / "x.csv"], tmp_path, ["!"])
    assert main(["no-data", "--root", str(tmp_path), "--allow", "!", str(tmp_path / "x.csv")]) == 1
    assert "nhsoa: error: --allow !: not a .gitignore-style pattern: '!'" in capsys.readouterr().err
    assert main(["no-data", "--root", str(tmp_path), "--allow", "/x.csv", str(tmp_path / "x.csv")]) == 0
    assert "1 allowed by .nhsoa-data-allow or --allow;" in capsys.readouterr().err


def test_missing_paths_are_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["no-data", str(tmp_path / "gone.csv")]) == 2
    assert "no such file or folder" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("files", "language"),
    [
        ({"DESCRIPTION": "Package: x\n"}, Language.R_PACKAGE),
        ({"DESCRIPTION": "Package: x\n", "pyproject.toml": ""}, Language.R_PACKAGE),
        ({"renv.lock": "{}"}, Language.R),
        ({"1. clean.R": ""}, Language.R),
        ({"setup.py": ""}, Language.PYTHON),
        ({"requirements.txt": ""}, Language.PYTHON),
        ({"README.md": ""}, Language.OTHER),
    ],
)
def test_project_language(tmp_path: Path, files: dict[str, str], language: Language) -> None:
    write(tmp_path, files)
    assert project_language(tmp_path) is language


def test_suggested_lines_name_exactly_the_file() -> None:
    assert as_pattern("Strategy Unit Update/Data/1-1 trends.csv") == "/Strategy Unit Update/Data/1-1 trends.csv"
    assert as_pattern("data/[draft]*.csv") == "/data/\\[draft\\]\\*.csv"
    assert as_pattern("trailing.csv ") == "/trailing.csv\\ "


@pytest.mark.parametrize(
    "name", ["Strategy Unit Update/Data/1-1 trends.csv", "data/[draft]*.csv", "a b/#c!.csv", "new\nline\x1b.csv"]
)
def test_a_suggested_line_allows_its_file_and_nothing_else(tmp_path: Path, name: str) -> None:
    from nhsoa.guards.allowlist import AllowList

    allowed = AllowList(tmp_path, [as_pattern(name)])
    assert allowed.allows(name)
    assert not allowed.allows("other/" + name)
    assert not allowed.allows(name + "x")


def test_hostile_names_links_and_pipes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import os

    write(tmp_path, {"line\nbreak \x1b[2J ünï.csv": "a\n", "README.md": "x\n"})
    outside = tmp_path.parent / f"{tmp_path.name}-elsewhere.csv"
    outside.write_text("a\n", encoding="utf-8")
    (tmp_path / "link.csv").symlink_to(outside)  # committed as a path, not as the data it points to
    (tmp_path / "loop").symlink_to(tmp_path)
    os.mkfifo(tmp_path / "pipe.csv")  # never opened: reading a pipe would wait for ever
    assert main(["no-data", str(tmp_path)]) == 1
    captured = capsys.readouterr()
    assert captured.out.splitlines()[0].startswith(f"{tmp_path}/line\\nbreak \\x1b[2J ünï.csv: .csv data file")
    assert len(captured.out.splitlines()) == 1
    assert "add the line `/line?break ?\\[2J ünï.csv`" in captured.out
    assert "pipe.csv: not a regular file (a pipe, socket or device); not checked" in captured.err
    outside.unlink()
