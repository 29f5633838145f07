"""A product made inside the template's own repository records the template relative to itself.

Such a record holds no path of one machine: the repository can be cloned or moved, and ``nhsoa
check``, ``nhsoa update`` and cruft run inside the product folder still find the template.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from nhsoa.main import main
from tests.template.conftest import git

SLUG_DIR = "{{cookiecutter.project_slug}}"


@pytest.fixture
def moved_clone(own_template_repo: Path, tmp_path: Path) -> Path:
    """A clone of the template repository with a product in products/, committed, then moved elsewhere."""
    clone = tmp_path / "first-place" / "clone"
    git(tmp_path, "clone", "--quiet", str(own_template_repo), str(clone))
    template = clone / "templates" / "analytics-product"
    argv = ["new", "--no-input", "--template", str(template), "-o", str(clone / "products")]
    assert main([*argv, "--set", "product_name=Moved Product"]) == 0
    git(clone, "add", "--all")
    git(clone, "commit", "--quiet", "-m", "product")
    moved = tmp_path / "elsewhere" / "deeper" / "clone"
    moved.parent.mkdir(parents=True)
    shutil.move(clone, moved)
    shutil.rmtree(tmp_path / "first-place")
    return moved


def record_of(product: Path) -> dict[str, object]:
    data: dict[str, object] = json.loads((product / ".cruft.json").read_text(encoding="utf-8"))
    return data


def change_template(clone: Path, relative: str, old: str, new: str) -> None:
    path = clone / "templates" / "analytics-product" / SLUG_DIR / relative
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    git(clone, "commit", "--quiet", "--all", "-m", f"template: {relative}")


def test_the_record_names_the_template_relative_to_the_product(moved_clone: Path, tmp_path: Path) -> None:
    product = moved_clone / "products" / "moved-product"
    record = record_of(product)
    assert record["template"] == "../.."
    assert record["directory"] == "templates/analytics-product"
    assert record["context"]["cookiecutter"]["_template"] == "../.."  # type: ignore[index]
    assert str(tmp_path) not in (product / ".cruft.json").read_text(encoding="utf-8")


def test_check_passes_after_the_clone_is_moved(moved_clone: Path, capsys: pytest.CaptureFixture[str]) -> None:
    product = moved_clone / "products" / "moved-product"
    assert main(["check", str(product)]) == 0
    assert "no drift" in capsys.readouterr().out


def test_check_from_anywhere_finds_the_relative_template(moved_clone: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Outside any repository's own checkout the record alone leads to the template."""
    product = moved_clone / "products" / "moved-product"
    outside = moved_clone.parent.parent / "outside"
    shutil.copytree(product, outside / "products" / "moved-product")
    shutil.copytree(moved_clone / "templates", outside / "templates")  # "../.." from the copy
    monkeypatch.chdir(moved_clone.parent)
    assert main(["check", str(outside / "products" / "moved-product")]) == 0


def test_update_after_the_move_keeps_the_record_relative(moved_clone: Path, capsys: pytest.CaptureFixture[str]) -> None:
    product = moved_clone / "products" / "moved-product"
    change_template(moved_clone, ".gitignore", "*.log\n", "*.log\n*.tmp\n")
    assert main(["update", str(product)]) == 0
    assert "*.tmp" in (product / ".gitignore").read_text(encoding="utf-8")
    record = record_of(product)
    assert record["template"] == "../.."
    assert record["commit"] == git(moved_clone, "rev-parse", "HEAD").strip()
    capsys.readouterr()


def test_cruft_itself_resolves_the_record_inside_the_product(
    moved_clone: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import cruft

    product = moved_clone / "products" / "moved-product"
    change_template(moved_clone, "CODE_OF_CONDUCT.md", "\n", "\n\nA new template line.\n")
    monkeypatch.chdir(product)
    assert cruft.update(Path("."), skip_apply_ask=True) is True
    assert "A new template line." in (product / "CODE_OF_CONDUCT.md").read_text(encoding="utf-8")
    assert record_of(product)["template"] == "../.."
