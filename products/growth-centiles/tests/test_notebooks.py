"""The notebooks: exploratory ones run and are committed without outputs; the report keeps its outputs."""

import json
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).parent.parent
EXPLORATORY = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_there_are_exploratory_notebooks() -> None:
    assert EXPLORATORY


@pytest.mark.parametrize("path", EXPLORATORY, ids=lambda path: path.name)
def test_exploratory_notebook_runs_and_is_committed_without_outputs(path: Path, tmp_path: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    code = [cell for cell in data["cells"] if cell["cell_type"] == "code"]
    assert all(cell["outputs"] == [] and cell["execution_count"] is None for cell in code)
    notebook = nbformat.reads(path.read_text(encoding="utf-8"), as_version=4)
    NotebookClient(notebook, timeout=120, resources={"metadata": {"path": str(tmp_path)}}).execute()
    errors = [out for cell in notebook.cells for out in cell.get("outputs", []) if out["output_type"] == "error"]
    assert errors == []
    assert all(cell.get("outputs") for cell in notebook.cells if cell.cell_type == "code")


def test_report_has_quarto_front_matter_and_its_outputs() -> None:
    data = json.loads((ROOT / "reports" / "report.ipynb").read_text(encoding="utf-8"))
    first = data["cells"][0]
    assert first["cell_type"] == "raw"
    assert "".join(first["source"]).startswith("---\ntitle:")
    code = [cell for cell in data["cells"] if cell["cell_type"] == "code"]
    assert code
    assert all(cell["outputs"] for cell in code)
    assert not [out for cell in code for out in cell["outputs"] if out["output_type"] == "error"]
