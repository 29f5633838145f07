"""Products kept in this repository were generated from the template and have not drifted from it.

``nhsoa check`` bakes the template again with each product's recorded answers and compares every
file the product has not made its own (``skip`` in its ``.cruft.json``): a template change that is
not taken into the products, or a product edit to a template file, fails here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nhsoa.main import main
from nhsoa.registry.rules import Severity
from nhsoa.registry.store import shipped_root
from nhsoa.registry.validate import validate
from nhsoa.template import PRODUCT_OWNED
from tests.template.conftest import REPO

PRODUCTS = sorted(path.parent for path in (REPO / "products").glob("*/.cruft.json"))
GROWTH = REPO / "products" / "growth-centiles"
# Template files growth-centiles has rewritten for itself (each says why, in its own text).
GROWTH_OWNED = ("Makefile", "SECURITY.md", "CODE_OF_CONDUCT.md", ".pre-commit-config.yaml")


def record_of(product: Path) -> dict[str, object]:
    data: dict[str, object] = json.loads((product / ".cruft.json").read_text(encoding="utf-8"))
    return data


def test_every_product_was_generated_from_the_template() -> None:
    folders = sorted(path for path in (REPO / "products").iterdir() if path.is_dir())
    assert folders == PRODUCTS
    assert GROWTH in PRODUCTS


@pytest.mark.parametrize("product", PRODUCTS, ids=lambda path: path.name)
def test_product_has_not_drifted_from_the_template(product: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", str(product)])
    out = capsys.readouterr().out
    assert code == 0, f"{product.name} differs from the template (`nhsoa update` or restore the files):\n{out}"
    assert "no drift" in out


@pytest.mark.parametrize("product", PRODUCTS, ids=lambda path: path.name)
def test_product_records_its_template_without_machine_paths(product: Path) -> None:
    record = record_of(product)
    assert record["template"] == "../.."
    assert record["directory"] == "templates/analytics-product"
    assert str(REPO) not in (product / ".cruft.json").read_text(encoding="utf-8")


@pytest.mark.parametrize("product", PRODUCTS, ids=lambda path: path.name)
def test_product_metadata_is_valid(product: Path) -> None:
    report = validate([product / "product.yaml"], registry=shipped_root())
    assert [f for f in report.findings if f.severity is Severity.ERROR] == []


def test_growth_centiles_answers_and_skips() -> None:
    record = record_of(GROWTH)
    answers = record["context"]["cookiecutter"]  # type: ignore[index]
    assert {key: answers[key] for key in ("project_slug", "package_name", "licence", "git_host")} == {
        "project_slug": "growth-centiles",
        "package_name": "growth_centiles",
        "licence": "AGPL-3.0-or-later",
        "git_host": "github",
    }
    assert answers["repository_url"] == "https://github.com/nhsoa/nhsoa"
    assert (answers["personal_data"], answers["clinical_safety"], answers["gds_phase"]) == ("no", "no", "beta")
    assert record["skip"] == [*PRODUCT_OWNED, *GROWTH_OWNED]


def test_growth_centiles_is_in_the_registry_as_its_product_yaml_says() -> None:
    report = validate([GROWTH / "product.yaml", REPO / "registry" / "tools" / "growth-centiles.yaml"], keep_data=True)
    product, entry = (report.data[path] for path in report.files)
    curated = ("added", "last_verified", "last_verified_commit", "verification", "adopters")
    assert {k: v for k, v in entry.items() if k not in curated} == product
    assert entry["repository"] == "https://github.com/nhsoa/nhsoa/tree/main/products/growth-centiles"
