"""Evidence from a repository's own files: packages, status badges, notices, version tags."""

from __future__ import annotations

from nhsoa.interop.evidence import Badge, Package, archive_notice, badges, newest_tag, packages, r_universes, readme

DESCRIPTION = b"Package: fingertipsR\nType: Package\nTitle: Fingertips Data\nVersion: 1.1.0\nLicense: GPL-3\n"


def test_packages_from_every_kind_of_metadata_file() -> None:
    files = {
        "DESCRIPTION": DESCRIPTION,
        "setup.py": b"from setuptools import setup\nsetup(\n    name='codonPython',\n    version='0.1')\n",
        "package.json": b'{"name": "@rcpch/charts", "version": "7.1.2"}',
    }
    assert packages(files) == [
        Package("R", "fingertipsR", "DESCRIPTION", "1.1.0"),
        Package("Python", "codonPython", "setup.py"),
        Package("JavaScript", "@rcpch/charts", "package.json", "7.1.2"),
    ]


def test_pyproject_comes_before_setup_files_and_poetry_is_read() -> None:
    files = {
        "pyproject.toml": b'[tool.poetry]\nname = "pxtextmining"\nversion = "1.0.1"\n',
        "setup.cfg": b"[metadata]\nname = other\n",
    }
    assert packages(files) == [Package("Python", "pxtextmining", "pyproject.toml", "1.0.1")]
    assert packages({"setup.cfg": b"[metadata]\nname = sim-tools\n"}) == [Package("Python", "sim-tools", "setup.cfg")]


def test_unreadable_or_private_metadata_declares_no_package() -> None:
    files = {
        "pyproject.toml": b"[project\nname = broken",
        "package.json": b'{"name": "site", "private": true}',
        "DESCRIPTION": b"Title: no package field\n",
    }
    assert packages(files) == []


def test_readme_prefers_rendered_markdown_at_the_top() -> None:
    files = {"README.Rmd": b"source", "README.md": b"rendered", "docs/README.md": b"nested"}
    assert readme(files) == ("README.md", "rendered")
    assert readme({"docs/README.md": b"x"}) is None


def test_status_badges_of_three_schemes_in_order() -> None:
    text = (
        "[![Lifecycle: experimental](https://img.shields.io/badge/lifecycle-experimental-orange.svg)]"
        "(https://lifecycle.r-lib.org/articles/stages.html#experimental)\n"
        "[![Project Status: Active](https://www.repostatus.org/badges/latest/active.svg)](https://www.repostatus.org/#active)\n"
        "[![status: experimental](https://github.com/GIScience/badges/raw/master/status/experimental.svg)]"
        "(https://github.com/GIScience/badges#experimental)\n"
    )
    assert badges("README.md", text) == [
        Badge("lifecycle", "experimental", "README.md"),
        Badge("repostatus", "active", "README.md"),
        Badge("giscience", "experimental", "README.md"),
    ]
    assert badges("README.md", "[![CRAN](https://www.r-pkg.org/badges/version/x)](x)") == []


def test_notices_that_a_tool_has_ended() -> None:
    assert archive_notice("**This package is no longer actively maintained** </br>") == (
        "This package is no longer actively maintained"
    )
    assert archive_notice("# cohort-extractor has been discontinued\n\nUse ehrQL.") == (
        "cohort-extractor has been discontinued"
    )
    assert archive_notice("Note: this project is not currently being actively maintained.") is not None
    assert archive_notice("`file_size()` is deprecated; use fs instead.") is None
    assert archive_notice("This package is maintained by PHS.") is None


def test_r_universes_named_in_a_readme() -> None:
    text = "options(repos = c(ropensci = 'https://ropensci.r-universe.dev'))\nsee https://ropensci.r-universe.dev/x"
    assert r_universes(text) == ["ropensci"]


def test_newest_tag_is_the_highest_version_and_releases_beat_pre_releases() -> None:
    tags = [("v1.9.0", "2020-01-01"), ("v1.10.0", "2021-01-01"), ("v1.10.0rc1", "2020-12-01"), ("latest", None)]
    release = newest_tag(tags)
    assert release is not None
    assert (release.version, release.date, release.source) == ("v1.10.0", "2021-01-01", "tag v1.10.0")
    assert newest_tag([("2024-02-01", None), ("initial-creation-staging", None)]) is None
