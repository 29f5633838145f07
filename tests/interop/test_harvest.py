"""Harvesting repositories: the forms the corpus lacks, the owner, names, duplicates, origins and sync failures."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from nhsoa import yamlio
from nhsoa.interop import authors_r, checkout, harvest, layout, licencefile, naming, pymeta, readme, rlicence
from nhsoa.main import main
from nhsoa.registry.store import load_reference
from tests.conftest import REPO, entry_text, git

DATA = Path(__file__).parent.parent / "data" / "interop"
TODAY = "2026-11-25"


def tool_repo(folder: Path, files: dict[str, str], origin: str | None = None) -> Path:
    """A git repository holding ``files`` (one commit), with an origin remote when given."""
    folder.mkdir(parents=True)
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    git(folder, "init", "-q", "-b", "main")
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", "tool")
    if origin:
        git(folder, "remote", "add", "origin", origin)
    return folder


def add(source: Path | str, root: Path, *extra: str) -> int:
    return main(["registry", "add", "--from", str(source), "--registry", str(root), "--today", TODAY, *extra])


MIT = (REPO / "LICENSE").read_text(encoding="utf-8")
README = "# Waits\n\nCounts referral to treatment waiting times for NHS trusts.\n"


def mit_by(holder: str) -> str:
    return MIT.replace("NHS Open Analytics contributors", holder)


# R packages


def test_a_cran_description_with_autolinks_gives_an_entry_that_validates(
    tmp_path: Path, registry: Path, git_env: None, capsys: pytest.CaptureFixture[str]
) -> None:
    """CRAN asks for <https://...> and <doi:...>; they must not stop the entry being added."""
    text = (DATA / "description" / "valid" / "cran-autolinks" / "DESCRIPTION").read_text(encoding="utf-8")
    repo = tool_repo(tmp_path / "spcmethods", {"DESCRIPTION": text})
    assert add(repo, registry, "--set", "owner.type=nhs-trust", "--set", "phase=beta") == 0
    path = registry / "tools" / "spcmethods.yaml"
    assert main(["validate", str(path), "--today", TODAY]) == 0
    assert "[arXiv:1902.01234](https://arxiv.org/abs/1902.01234)" in yamlio.load_file(path).data["description"]


def test_a_refused_draft_says_which_values_would_do(
    tmp_path: Path, registry: Path, git_env: None, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (DATA / "description" / "valid" / "cran-autolinks" / "DESCRIPTION").read_text(encoding="utf-8")
    repo = tool_repo(tmp_path / "spcmethods", {"DESCRIPTION": text})
    assert add(repo, registry, "--set", "owner.type=community", "--set", "phase=beta") == 1
    err = capsys.readouterr().err
    assert "OA010 owner.type: 'community' is not allowed (fix: use one of: " in err
    assert "nhs-trust" in err
    assert not (registry / "tools" / "spcmethods.yaml").exists()


@pytest.mark.parametrize(
    ("spec", "spdx"),
    [
        ("GPL (>= 3)", "GPL-3.0-or-later"),
        ("GPL-3", "GPL-3.0-only"),
        ("GPL (>= 2)", "GPL-2.0-or-later"),
        ("GPL-2 | GPL-3", "GPL-2.0-only OR GPL-3.0-only"),
        ("LGPL", "LGPL-2.0-or-later"),
        ("LGPL (>= 2.1)", "LGPL-2.1-or-later"),
        ("MIT + file LICENSE", "MIT"),
        ("Apache License (== 2.0)", "Apache-2.0"),
        ("Apache License (>= 2)", "Apache-2.0"),
        ("AGPL-3", "AGPL-3.0-only"),
        ("CC0", "CC0-1.0"),
        ("BSD_3_clause + file LICENSE", "BSD-3-Clause"),
        ("BSD_2_clause + file LICENSE", "BSD-2-Clause"),
    ],
)
def test_r_licences_map_to_spdx(spec: str, spdx: str) -> None:
    parsed = rlicence.parse(spec)
    assert (parsed.expression, parsed.extra_file) == (spdx, False)


def test_r_licences_that_say_too_little_are_not_guessed() -> None:
    assert rlicence.parse("file LICENSE").only_file
    assert rlicence.parse("Unlimited").expression is None
    assert rlicence.parse("GPL (>= 3) + file LICENSE").extra_file  # the file may add terms to the GPL


def test_authors_r_roles_orcid_and_copyright_holder() -> None:
    people = authors_r.parse_people(
        'c(person("Ann", "Author", role = "aut"),'
        ' utils::person(given = "Mo", family = "Maintainer", email = "mo@example.nhs.uk",'
        '   role = c("aut", "cre"), comment = c(ORCID = "0000-0002-1825-0097", affiliation = "NHS")),'
        ' person("Fay", "Funder", role = "fnd"), person("Cal", "Copyright", role = c("ctb", "cph")),'
        ' person("Example ICB", role = c("cph", "fnd")))'
    )
    assert [p.name for p in people.maintainers()] == ["Mo Maintainer", "Ann Author"]
    assert people.maintainers()[0].orcid == "0000-0002-1825-0097"
    assert people.maintainers()[0].comment == "NHS"
    holder = people.copyright_holder()
    assert holder is not None
    assert holder.name == "Example ICB"  # an organisation before a person
    assert authors_r.parse_people('person("Solo", "Person", role = c("aut", "cre", "cph"))').copyright_holder()


# Python packages


@pytest.mark.parametrize(
    ("text", "spdx"),
    [
        ("GPLv3", "GPL-3.0-only"),
        ("GPLv3+", "GPL-3.0-or-later"),
        ("GNU General Public License v3 (GPLv3)", "GPL-3.0-only"),
        ("MIT License", "MIT"),
        ("Apache License, Version 2.0", "Apache-2.0"),
        ("BSD 3-Clause", "BSD-3-Clause"),
        ("LGPLv2.1", "LGPL-2.1-only"),
        ("BSD", None),
        ("Proprietary", None),
    ],
)
def test_python_licence_strings(text: str, spdx: str | None) -> None:
    assert pymeta.licence_from_text(text) == spdx


def test_setup_py_is_never_run_and_never_reads_outside_the_repository(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("token\n", encoding="utf-8")
    repo = tmp_path / "tool"
    repo.mkdir()
    (repo / "VERSION").symlink_to(secret)
    marker = tmp_path / "ran"
    (repo / "setup.py").write_text(
        "from setuptools import setup\n"
        f"open({str(marker)!r}, 'w').write('ran')\n"
        "setup(name='tool', version=open('VERSION').read(), description=open('../secret.txt').read())\n",
        encoding="utf-8",
    )
    found = harvest.harvest_folder(repo)
    assert not marker.exists()
    assert "token" not in repr(found.entry) + repr(found.notes) + repr(found.unmapped)
    assert found.entry["name"] == "tool"
    assert any("setup(version=...)" in item and "not a file inside the repository" in item for item in found.unmapped)


def test_a_setup_py_that_is_not_packaging_is_noted_not_failed(tmp_path: Path) -> None:
    shutil.copy(DATA / "setuppy" / "broken" / "not-packaging" / "setup.py", tmp_path / "setup.py")
    (tmp_path / "pyproject.toml").write_text("[tool.ruff]\nline-length = 88\n", encoding="utf-8")
    found = harvest.harvest_folder(tmp_path)
    assert found.failures == []
    assert any(note.startswith("setup.py: does not call setuptools") for note in found.notes)
    assert any(note.startswith("pyproject.toml: no [project] table") for note in found.notes)


def test_names_lose_build_suffixes_and_language_tags_only_where_they_are_noise(tmp_path: Path) -> None:
    shutil.copy(DATA / "pyproject" / "valid" / "test-suffix" / "pyproject.toml", tmp_path / "pyproject.toml")
    found = harvest.harvest_folder(tmp_path)
    assert (found.entry["name"], found.entry["id"]) == ("nhspy-plotthedots", "nhspy-plotthedots")
    assert naming.name_from_repository("https://github.com/Public-Health-Scotland/py-phsopendata") == "phsopendata"
    assert naming.name_from_repository("https://github.com/nhsengland/RAP_example_pipeline_r") == "RAP_example_pipeline"
    assert naming.name_from_repository("https://github.com/nhs-r-community/NHSRepisodes") == "NHSRepisodes"
    assert naming.clean_package_name("rapid") == "rapid"
    assert naming.clean_package_name("nhsbsaR") == "nhsbsaR"  # a trailing R with no separator is the name


@pytest.mark.parametrize(
    ("package", "repository", "expected"),
    [
        ("inputs", "https://github.com/The-Strategy-Unit/nhp_inputs", "nhp-inputs"),  # a generic package name
        ("nhs.number", "https://github.com/trust/nhs-number-tools", "nhs-number-tools"),
        ("phsopendata", "https://github.com/Public-Health-Scotland/py-phsopendata", "phsopendata"),
        ("fingertips_py", "https://github.com/ukhsa-collaboration/PHDS_fingertips_py", "fingertips-py"),
        ("NHSRplotthedots", "https://github.com/nhs-r-community/NHSRplotthedots", "nhsrplotthedots"),
        ("epi", "https://github.com/ukhsa-collaboration/epidm", "epi"),  # part of a word is not a part
        (None, "https://github.com/nhsengland/RAP_example_pipeline_r", "rap-example-pipeline"),
    ],
)
def test_default_id_is_the_package_unless_the_repository_says_whose(
    package: str | None, repository: str, expected: str
) -> None:
    assert naming.default_id(package, repository, None) == expected


def test_setup_py_arguments_from_a_mapping_of_literals(tmp_path: Path) -> None:
    (tmp_path / "setup.py").write_text(
        "import setuptools\n"
        "METADATA = dict(name='bed-model', description='Bed occupancy model for acute trusts', license='MIT')\n"
        "META = {'url': 'https://github.com/example-trust/bed-model'}\n"
        "setuptools.setup(**META, **{'name': 'bed-model', 'description': 'Bed occupancy model for acute trusts'})\n",
        encoding="utf-8",
    )
    found = harvest.harvest_folder(tmp_path)
    assert found.entry["repository"] == "https://github.com/example-trust/bed-model"
    assert found.entry["summary"] == "Bed occupancy model for acute trusts"


def test_an_r_project_description_without_a_package_is_noted_not_failed(tmp_path: Path) -> None:
    (tmp_path / "DESCRIPTION").write_text("Type: project\nTitle: Winter pressures\nImports: dplyr\n")
    (tmp_path / "README.rst").write_text("Winter\n======\n\nForecasts winter bed pressures for the trust board.\n")
    found = harvest.harvest_folder(tmp_path)
    assert found.failures == []
    assert any("no `Package:` field" in note for note in found.notes)
    assert found.entry["summary"] == "Forecasts winter bed pressures for the trust board."


def test_what_the_registry_cannot_publish_is_left_out_and_a_short_title_gives_way(
    tmp_path: Path, registry: Path, git_env: None, capsys: pytest.CaptureFixture[str]
) -> None:
    description = (
        "Package: bedr\nTitle: Beds\nLicense: MIT + file LICENSE\n"
        "URL: http://example-trust.nhs.uk/bedr, https://github.com/example-trust/bedr\n"
        "BugReports: http://example-trust.nhs.uk/bugs\n"
    )
    repo = tool_repo(tmp_path / "bedr", {"DESCRIPTION": description, "README.md": README, "LICENSE": mit_by("Trust")})
    assert add(repo, registry, "--set", "owner.type=nhs-trust", "--set", "phase=beta") == 0
    out = capsys.readouterr().out
    assert "note: homepage from DESCRIPTION: URL left out: 'http://example-trust.nhs.uk/bedr' is not an https" in out
    written = yamlio.load_file(registry / "tools" / "bedr.yaml").data
    assert "homepage" not in written
    assert "contact" not in written
    assert written["summary"] == "Counts referral to treatment waiting times for NHS trusts."  # "Beds" is too short
    assert main(["validate", str(registry / "tools" / "bedr.yaml"), "--today", TODAY]) == 0


def test_without_a_package_file_the_languages_are_those_with_a_tenth_of_the_code(
    tmp_path: Path, registry: Path, git_env: None, capsys: pytest.CaptureFixture[str]
) -> None:
    scripts = {f"{n}. step.R": "x <- read.csv('in.csv')\ny <- x\nwrite.csv(y, 'out.csv')\n" for n in range(1, 5)}
    files = {"LICENSE": mit_by("Example ICB"), "README.md": README, **scripts, "tiny.py": "print(1)\n"}
    repo = tool_repo(tmp_path / "waits", files, "https://github.com/example-icb/waits-pipeline")
    assert add(repo, registry, "--set", "owner.type=icb", "--set", "phase=beta") == 0
    assert "languages              <- lines of code" in capsys.readouterr().out
    written = yamlio.load_file(registry / "tools" / "waits-pipeline.yaml").data
    assert (written["languages"], written["kind"]) == (["R"], "pipeline")


# The repository's own files


@pytest.mark.parametrize(
    ("text", "holder"),
    [
        (
            "MIT License\n\nCopyright (c) 2020 The Health Foundation Analytics Lab\n",
            "The Health Foundation Analytics Lab",
        ),
        ("Copyright (c) 2024, NHS England - Direct Commissioning\n", "NHS England - Direct Commissioning"),
        ("YEAR: 2025\nCOPYRIGHT HOLDER: The Strategy Unit\n", "The Strategy Unit"),
        ("Copyright © 2019-2023 Example ICB. All rights reserved.\n", "Example ICB"),
        ("YEAR: 2022\nCOPYRIGHT HOLDER: episodes authors\n", None),
        ("GNU GENERAL PUBLIC LICENSE\nVersion 3\nCopyright (C) 2007 Free Software Foundation, Inc.\n", None),
        ("Copyright [yyyy] [name of copyright owner]\n", None),
        ("Copyright (c) <year> <copyright holders>\n", None),
    ],
)
def test_copyright_holders(text: str, holder: str | None) -> None:
    assert licencefile.copyright_holder(text) == holder


def test_a_licence_file_that_agrees_with_the_package_is_no_conflict(tmp_path: Path) -> None:
    (tmp_path / "LICENSE").write_text(MIT, encoding="utf-8")
    (tmp_path / "DESCRIPTION").write_text("Package: x\nTitle: A tool for tests\nLicense: MIT + file LICENSE\n")
    found = harvest.harvest_folder(tmp_path)
    assert found.entry["licence"] == "MIT"
    assert found.provenance["licence"].startswith("DESCRIPTION")
    assert [c.field for c in found.conflicts] == []


def test_a_licence_file_that_disagrees_with_the_package_is_reported(tmp_path: Path) -> None:
    (tmp_path / "LICENSE").write_text(MIT, encoding="utf-8")
    (tmp_path / "DESCRIPTION").write_text("Package: x\nTitle: A tool for tests\nLicense: GPL-3\n")
    found = harvest.harvest_folder(tmp_path)
    assert found.entry["licence"] == "GPL-3.0-only"
    assert [(c.field, c.others[0][0]) for c in found.conflicts] == [("licence", "MIT")]


GPL_NOTICE = (
    "OpenCodelists\nCopyright (C) University of Oxford\n\nThis program is free software: you can redistribute it"
    " and/or modify\nit under the terms of the GNU {kind} Public License as published by\nthe Free Software"
    " Foundation, either version {version} of the License, or\n(at your option) any later version.\n"
)


@pytest.mark.parametrize(
    ("text", "licence", "form"),
    [
        (GPL_NOTICE.format(kind="General", version="3"), "GPL-3.0-or-later", "notice"),
        (GPL_NOTICE.format(kind="Affero General", version="3"), "AGPL-3.0-or-later", "notice"),
        (GPL_NOTICE.format(kind="Lesser General", version="2.1"), "LGPL-2.1-or-later", "notice"),
        ("Open Government Licence v3.0\n\nCopyright (c) 2023 NHS England\n\nYou are encouraged to use...\n",
         "OGL-UK-3.0", "text"),
        ("Creative Commons Legal Code\n\nCC0 1.0 Universal\n\n    CREATIVE COMMONS CORPORATION IS NOT A LAW FIRM\n",
         "CC0-1.0", "text"),
    ],
)  # fmt: skip
def test_licence_notices_and_texts_identify_does_not_know(tmp_path: Path, text: str, licence: str, form: str) -> None:
    (tmp_path / "LICENCE").write_text(text, encoding="utf-8")
    found = harvest.harvest_folder(tmp_path)
    assert found.entry["licence"] == licence
    assert found.provenance["licence"] == f"LICENCE: the {licence} {form}"


def test_a_gpl_notice_says_or_later_where_a_classifier_leaves_it_open(tmp_path: Path) -> None:
    (tmp_path / "LICENSE").write_text(GPL_NOTICE.format(kind="General", version="3"), encoding="utf-8")
    (tmp_path / "setup.py").write_text(
        "from setuptools import setup\nsetup(name='cohortextractor', classifiers=["
        "'License :: OSI Approved :: GNU General Public License v3 (GPLv3)'])\n",
        encoding="utf-8",
    )
    found = harvest.harvest_folder(tmp_path)
    assert found.entry["licence"] == "GPL-3.0-or-later"
    assert [(c.field, c.others[0][0]) for c in found.conflicts] == [("licence", "GPL-3.0-only")]
    (tmp_path / "DESCRIPTION").write_text("Package: x\nTitle: A tool for tests\nLicense: GPL-3\n", encoding="utf-8")
    assert harvest.harvest_folder(tmp_path).entry["licence"] == "GPL-3.0-only"  # R's field is exact


def test_a_pyproject_licence_file_is_the_licence_whatever_the_classifier_says(tmp_path: Path) -> None:
    """mimic-code: project.license points to LICENSE (MIT) while a classifier says Apache."""
    (tmp_path / "LICENSE").write_text(MIT, encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "mimic"\nlicense = { file = "LICENSE" }\n'
        'classifiers = ["License :: OSI Approved :: Apache Software License"]\n',
        encoding="utf-8",
    )
    found = harvest.harvest_folder(tmp_path)
    assert (found.entry["licence"], found.provenance["licence"]) == ("MIT", "LICENSE: the MIT text")


def test_a_gpl_notice_without_later_versions_is_not_guessed(tmp_path: Path) -> None:
    text = GPL_NOTICE.format(kind="General", version="3").replace(
        "either version 3 of the License, or\n(at your option) any later version", "version 3 of the License"
    )
    (tmp_path / "LICENCE").write_text(text, encoding="utf-8")
    assert "licence" not in harvest.harvest_folder(tmp_path).entry


def test_readme_summary_passes_over_badges_warnings_quotes_and_lists() -> None:
    text = (
        "# Tool\n\n[![badge](https://img.shields.io/x.svg)](https://example.org)\n\n"
        '<div align="center"><img src="logo.png"></div>\n\n'
        ":exclamation: Warning: this repository may contain references internal to NHS England\n\n"
        "> [!NOTE]\n> Under development.\n\n- Broad model support for many providers and more.\n\n"
        "In summary:\n\nThis `tool` counts **waiting lists** for [NHS trusts](https://example.org) each month.\n"
    )
    assert readme.first_paragraph(text) == "This tool counts waiting lists for NHS trusts each month."


@pytest.mark.parametrize(
    ("files", "manifest", "summary", "kind"),
    [
        ({".streamlit/config.toml": "", "app.py": "import streamlit as st\n"}, None, "", "app"),
        ({"app.R": "library(shiny)\n"}, None, "", "app"),
        ({"_targets.R": "list()\n"}, None, "", "pipeline"),
        ({"run.py": "print(1)\n"}, None, "This pipeline links records.", "pipeline"),
        ({"analysis.R": "1\n"}, None, "Charts of waiting times.", "research-code"),
        ({"DESCRIPTION": ""}, "DESCRIPTION", "Dynamic Function-Oriented Make-Like Declarative Pipelines", "package"),
        ({"pyproject.toml": ""}, "pyproject.toml", "A pipeline for processing devices data.", "pipeline"),
        ({"README.md": "# Notes\n"}, None, "", None),
        ({"package.json": '{"name": "@rcpch/charts", "version": "7.0.0"}', "src/index.ts": ""}, None, "", "package"),
        ({"package.json": '{"name": "site", "private": true}', "README.md": "# Site\n"}, None, "", None),
        ({"package.json": "not json", "README.md": "# Site\n"}, None, "", None),
    ],
)
def test_kind_from_the_layout(
    tmp_path: Path, files: dict[str, str], manifest: str | None, summary: str, kind: str | None
) -> None:
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    decided = layout.decide(tmp_path, manifest, "tool", summary)
    assert (decided[0] if decided else None) == kind


# Where the repository is, and who owns it


@pytest.mark.parametrize(
    ("remote", "address"),
    [
        ("git@github.com:nhsengland/evalsense.git", "https://github.com/nhsengland/evalsense"),
        (
            "https://x-access-token:ghp_secret@github.com/nhsengland/evalsense.git",
            "https://github.com/nhsengland/evalsense",
        ),
        ("ssh://git@gitlab.com/group/sub/tool.git", "https://gitlab.com/group/sub/tool"),
        ("http://github.com/nhsengland/evalsense/", "https://github.com/nhsengland/evalsense"),
        ("/work/shared/corpus/nhsengland__evalsense.bundle", None),
        ("file:///srv/git/tool.git", None),
        ("https://github.com/../../etc", None),
    ],
)
def test_origin_remotes_become_https_addresses_without_credentials(remote: str, address: str | None) -> None:
    assert checkout.web_address(remote) == address


def test_the_owner_is_the_code_hosts_organisation(tmp_path: Path, git_env: None) -> None:
    repo = tool_repo(
        tmp_path / "tool",
        {"LICENSE": mit_by("Someone Else"), "README.md": README, "waits.R": "1\n"},
        origin="git@github.com:NHSEngland/tool.git",
    )
    found = harvest.harvest_folder(repo, reference=load_reference(REPO / "registry"))
    assert found.entry["owner"] == {"name": "NHS England", "ods_code": "X24", "type": "nhs-national-body"}
    assert "registry/organisations.yaml" in found.provenance["owner.name"]
    assert [c.field for c in found.conflicts] == ["owner.name"]  # the copyright line names someone else


def test_without_an_organisation_the_copyright_holder_then_the_maintainer_is_the_owner(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "t"\ndescription = "A tool for tests"\nmaintainers = [{name = "Dee Maintainer"}]\n'
    )
    reference = load_reference(REPO / "registry")
    assert harvest.harvest_folder(tmp_path, reference=reference).entry["owner"] == {"name": "Dee Maintainer"}
    (tmp_path / "LICENSE").write_text(mit_by("Example ICB"), encoding="utf-8")
    assert harvest.harvest_folder(tmp_path, reference=reference).entry["owner"] == {"name": "Example ICB"}


# Duplicates, ids and --force


@pytest.mark.parametrize(
    "address",
    [
        "https://github.com/Example/Waits",
        "http://www.github.com/example/waits.git/",
        "git@github.com:EXAMPLE/waits.git",
        "https://github.com/example/waits-old",  # an alias of the entry
    ],
)
def test_a_repository_already_registered_is_found_however_it_is_written(
    tmp_path: Path, registry: Path, git_env: None, capsys: pytest.CaptureFixture[str], address: str
) -> None:
    existing = entry_text(
        "rtt-waits",
        repository="https://github.com/example/waits",
        repository_aliases="[https://github.com/example/waits-old]",
    )
    (registry / "tools" / "rtt-waits.yaml").write_text(existing, encoding="utf-8")
    repo = tool_repo(tmp_path / "waits", {"LICENSE": mit_by("Example ICB"), "README.md": README}, address)
    assert add(repo, registry, "--set", "owner.type=other", "--set", "phase=beta") == 1
    err = capsys.readouterr().err
    assert "is already in the registry as 'rtt-waits'" in err
    assert "nhsoa registry sync rtt-waits" in err
    assert sorted(p.name for p in (registry / "tools").iterdir()) == ["rtt-waits.yaml"]
    assert (registry / "tools" / "rtt-waits.yaml").read_text(encoding="utf-8") == existing


def test_force_never_replaces_another_repositorys_entry(
    tmp_path: Path, registry: Path, git_env: None, capsys: pytest.CaptureFixture[str]
) -> None:
    other = entry_text("waits", repository="https://github.com/someone-else/waits")
    (registry / "tools" / "waits.yaml").write_text(other, encoding="utf-8")
    files = {"LICENSE": mit_by("Example ICB"), "README.md": README, "waits.R": "1\n"}
    repo = tool_repo(tmp_path / "waits", files, "https://github.com/example/waits")
    sets = ["--set", "owner.type=other", "--set", "phase=beta"]
    assert add(repo, registry, *sets, "--id", "waits", "--force") == 1
    assert "the id 'waits' belongs to another tool" in capsys.readouterr().err
    assert add(repo, registry, *sets, "--force") == 0
    assert "using 'example-waits'" in capsys.readouterr().out
    assert (registry / "tools" / "waits.yaml").read_text(encoding="utf-8") == other
    assert yamlio.load_file(registry / "tools" / "example-waits.yaml").data["repository"] == (
        "https://github.com/example/waits"
    )


def test_an_id_that_is_a_path_is_refused(tmp_path: Path, registry: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "DESCRIPTION").write_text("Package: x\nTitle: A tool for tests\nLicense: MIT\n")
    assert add(tmp_path, registry, "--id", "../../escaped") == 2
    assert "is not an id" in capsys.readouterr().err
    assert not (registry.parent / "escaped.yaml").exists()


# Hostile repositories


def test_html_in_a_description_is_refused_and_nothing_is_written(
    tmp_path: Path, registry: Path, git_env: None, capsys: pytest.CaptureFixture[str]
) -> None:
    description = (
        "Package: evil\nTitle: Charts for wards and teams\nLicense: MIT\n"
        "Description: Charts <script>fetch('https://evil.example')</script> for wards.\n"
        "URL: https://github.com/example/evil\n"
    )
    repo = tool_repo(tmp_path / "evil", {"DESCRIPTION": description, "LICENSE": mit_by("Example ICB")})
    assert add(repo, registry, "--set", "owner.type=icb", "--set", "phase=beta") == 1
    assert "OA042 description: contains HTML ('<script>')" in capsys.readouterr().err
    assert list((registry / "tools").iterdir()) == []


def test_symbolic_links_to_files_outside_the_repository_are_not_read(tmp_path: Path) -> None:
    outside = tmp_path / "outside.md"
    outside.write_text("# Secret\n\nThis secret paragraph must never be read by a harvest.\n", encoding="utf-8")
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "README.md").symlink_to(outside)
    (repo / "LICENSE").symlink_to(REPO / "LICENSE")
    found = harvest.harvest_folder(repo)
    assert "summary" not in found.entry
    assert "licence" not in found.entry


# Sync


def test_sync_fails_naming_the_repository_and_git_error_when_it_cannot_clone(
    seeded_registry: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    missing = f"file://{tmp_path}/no-such-repository"
    target = seeded_registry / "tools" / "nhsr-plot-the-dots.yaml"
    before = target.read_bytes()
    args = ["registry", "sync", "nhsr-plot-the-dots", "--from", missing, "--registry", str(seeded_registry)]
    assert main([*args, "--yes"]) == 1
    err = capsys.readouterr().err
    assert f"cannot harvest {missing}: cannot clone {missing}:" in err
    assert "does not appear to be a git repository" in err  # git's own reason
    assert "1 of 1 entry could not be harvested" in err
    assert "Traceback" not in err
    assert target.read_bytes() == before
