"""Products and their reports: rendered when possible, a clear note when not, never a failed build."""

from __future__ import annotations

import os
import re
import stat
from datetime import date
from pathlib import Path

import pytest

from nhsoa.site import products
from nhsoa.site.build import build
from tests.site.factory import make_product, make_registry, notebook

FAKE_QUARTO = """#!/bin/sh
# Stands in for Quarto: `quarto render NB --to html --output-dir DIR ...` writes DIR/<stem>.html.
nb="$2"; out="$6"; stem=$(basename "$nb" .ipynb)
case "$*" in *--no-execute*) mode=stored;; *) mode=executed;; esac
if [ "$stem" = "broken" ]; then echo "ERROR: quarto cannot render this" >&2; exit 1; fi
page='<html><head><script src="https://cdn.example.com/m.js"></script></head><body>quarto %s</body></html>'
printf "$page" "$mode" > "$out/$stem.html"
"""


def _render(folder: Path, quarto: str | None = "") -> list[products.Product]:
    found = products.find_products(folder)
    for product in found:
        products.render(product, quarto=quarto)
    return found


def test_stored_outputs_are_rendered_without_running(tmp_path: Path) -> None:
    make_product(tmp_path, "stored", {"report": notebook([("code", "import not_installed_anywhere")], outputs=True)})
    [product] = _render(tmp_path)
    [report] = product.reports
    assert report.renderer == "nbconvert"
    assert report.html is not None
    assert "stored output 42" in report.html
    assert "Content-Security-Policy" in report.html
    assert not re.search(r"<(script|link)\b[^>]*(src|href)=[\"']?(https?:)?//", report.html)  # none from other hosts


def test_notebooks_without_outputs_are_run_and_missing_dependencies_reported(tmp_path: Path) -> None:
    make_product(
        tmp_path,
        "fresh",
        {
            "runs": notebook([("code", "print(6 * 7)")], outputs=False),
            "needs-deps": notebook([("code", "import rcpchgrowth_not_installed")], outputs=False),
        },
    )
    [product] = _render(tmp_path)
    needs, runs = product.reports
    assert runs.renderer == "nbconvert --execute"
    assert runs.html is not None
    assert "42" in runs.html
    assert needs.html is None
    assert "ModuleNotFoundError" in needs.problem
    assert "rcpchgrowth_not_installed" in needs.problem
    assert "make report" in products.how_to_render(product)


def test_a_report_rendered_by_the_product_is_used(tmp_path: Path) -> None:
    folder = make_product(tmp_path, "made", {"report": notebook([("code", "import missing")], outputs=False)})
    (folder / "reports" / "report.html").write_text("<html><head></head><body>made by make report</body></html>")
    [product] = _render(tmp_path)
    assert product.reports[0].renderer == "pre-rendered"
    assert "made by make report" in (product.reports[0].html or "")
    old = folder / "reports" / "report.html"
    os.utime(old, (1, 1))  # older than the notebook: stale, so not used
    [product] = _render(tmp_path)
    assert product.reports[0].renderer != "pre-rendered"


def test_quarto_is_used_when_on_the_path(tmp_path: Path) -> None:
    quarto = tmp_path / "bin" / "quarto"
    quarto.parent.mkdir()
    quarto.write_text(FAKE_QUARTO)
    quarto.chmod(quarto.stat().st_mode | stat.S_IEXEC)
    make_product(
        tmp_path / "products",
        "q",
        {
            "stored": notebook([("code", "x")], outputs=True),
            "fresh": notebook([("code", "x")], outputs=False),
            "broken": notebook([("code", "x")], outputs=True),
        },
    )
    [product] = _render(tmp_path / "products", quarto=str(quarto))
    by_name = {r.name: r for r in product.reports}
    assert by_name["stored"].renderer == "quarto"
    assert "quarto stored" in (by_name["stored"].html or "")
    assert "quarto executed" in (by_name["fresh"].html or "")
    assert "cdn.example.com" not in (by_name["stored"].html or "")
    assert by_name["broken"].html is None
    assert "quarto cannot render this" in by_name["broken"].problem


def test_unreadable_files_are_reported(tmp_path: Path) -> None:
    folder = make_product(tmp_path, "bad", {"garbled": "{not json"})
    (folder / "product.yaml").write_text("name: [unclosed\n")
    [product] = _render(tmp_path)
    assert "product.yaml" in product.problem
    assert product.reports[0].html is None
    assert "not a readable notebook" in product.reports[0].problem


def test_site_build_goes_on_with_a_note(tmp_path: Path) -> None:
    make_product(
        tmp_path / "products", "growth", {"centiles": notebook([("code", "import missing_dep")], outputs=False)}
    )
    registry = make_registry(tmp_path / "registry", 2)
    result = build(registry, tmp_path / "out", today=date(2026, 11, 25), products_dir=tmp_path / "products")
    page = (result.public / "products" / "growth.html").read_text(encoding="utf-8")
    assert "Report not rendered: centiles.ipynb" in page
    assert "run `make report` in products/growth" in page
    assert "ModuleNotFoundError" in page


@pytest.mark.parametrize("html", ["<p>bare fragment</p>", "<html><HEAD data-x=1><title>t</title></HEAD></html>"])
def test_scrub_always_adds_the_policy(html: str) -> None:
    scrubbed = products.scrub(html + '<link rel="stylesheet" href="//cdn.example.com/x.css">')
    assert scrubbed.count("Content-Security-Policy") == 1
    assert "cdn.example.com" not in scrubbed


def test_quarto_options_are_honoured_by_nbconvert(tmp_path: Path) -> None:
    cells = [("raw", "---\ntitle: Report\nexecute:\n  echo: false\n---"), ("code", "secret_code_line = 1")]
    make_product(tmp_path, "quiet", {"report": notebook(cells, outputs=True)})
    [product] = _render(tmp_path)
    html = product.reports[0].html or ""
    assert "stored output 42" in html
    assert "secret_code_line" not in html
    assert "title: Report" not in html


def test_a_report_chart_without_a_description_is_flagged_on_the_product_page(tmp_path: Path) -> None:
    """nbconvert's placeholder text is not a description; a real alt text is."""
    undescribed = f'<img src="data:image/png;base64,AA=="><img alt="{products.NO_DESCRIPTION}" src="x.png">'
    described = '<img alt="Line chart of height against age for ten girls." src="y.png">'
    report = products.Report(Path("report.ipynb"), html=f"<html><body>{undescribed}{described}</body></html>")
    assert report.undescribed_images == 2
    assert products.Report(Path("r.ipynb"), html=f"<p>{described}</p>").undescribed_images == 0

    make_product(tmp_path / "products", "charts", {"report": notebook([("code", "x")], outputs=True)})
    [product] = _render(tmp_path / "products")
    product.reports[0].html = f"<html><body>{undescribed}</body></html>"
    from nhsoa.site.paths import Urls
    from nhsoa.site.reference import product_page

    page = product_page(product, Urls()).text()
    assert "2 charts have no text description" in page
