"""A product's docs have the registry site's NHS theme: the same files, byte for byte.

``site/docs/assets/nhsoa/nhs-theme.css`` and ``nhs-theme.js`` (the NHS colours, underlined
links, visible focus, reduced motion, keyboard access to wide tables) are the one source; the
template keeps a copy in ``docs/assets/`` so that a generated project builds its docs without
nhsoa. An edit to one copy and not the other fails here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.template.conftest import REPO, TEMPLATE, baked

SITE_ASSETS = REPO / "site" / "docs" / "assets" / "nhsoa"
TEMPLATE_ASSETS = TEMPLATE / "{{cookiecutter.project_slug}}" / "docs" / "assets"
PRODUCTS = sorted(path.parent for path in (REPO / "products").glob("*/mkdocs.yml"))
SHARED = ("nhs-theme.css", "nhs-theme.js")


@pytest.mark.parametrize("name", SHARED)
def test_template_has_the_sites_theme(name: str) -> None:
    source, copy = SITE_ASSETS / name, TEMPLATE_ASSETS / name
    assert copy.read_bytes() == source.read_bytes(), (
        f"{copy.relative_to(REPO)} differs from {source.relative_to(REPO)}: edit the site's file, then copy it over"
    )


def test_generated_docs_use_the_theme_unchanged(tmp_path: Path) -> None:
    """Cookiecutter renders every file as a template: the theme must come out exactly as written."""
    project = baked(tmp_path)
    for name in SHARED:
        assert (project / "docs" / "assets" / name).read_bytes() == (SITE_ASSETS / name).read_bytes(), name
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert "- assets/nhs-theme.css" in config
    assert "- assets/nhs-theme.js" in config


@pytest.mark.parametrize("product", PRODUCTS, ids=lambda path: path.name)
def test_products_in_the_repository_keep_the_theme(product: Path) -> None:
    """A product that makes its docs its own (skipped from template checks) still uses the current theme."""
    for name in SHARED:
        assert (product / "docs" / "assets" / name).read_bytes() == (SITE_ASSETS / name).read_bytes(), name
    config = (product / "mkdocs.yml").read_text(encoding="utf-8")
    assert "- assets/nhs-theme.css" in config
    assert "- assets/nhs-theme.js" in config
