"""Products kept in the repository (``products/<name>/product.yaml``) and their rendered reports.

A report is ``products/<name>/reports/<report>.ipynb``. The site never installs a
product's dependencies: it uses, in order, an HTML file the product's own ``make report``
left beside the notebook (when newer than the notebook), Quarto when it is on the PATH,
else nbconvert, executing the notebook only when it has no stored outputs. A report
that cannot be rendered gets a note saying why and how to render it; the build goes on.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nhsoa import yamlio
from nhsoa.errors import YamlError

PRODUCT_FILE = "product.yaml"
REPORTS_DIR = "reports"
EXECUTE_TIMEOUT = 300  # seconds per notebook
REPORT_CSP = (
    "default-src 'none'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self' 'unsafe-inline'; font-src 'self' data:"
)
_EXTERNAL_SCRIPT = re.compile(r"<script\b[^>]*\bsrc\s*=\s*[\"']?(?:https?:)?//[^>]*>\s*</script\s*>", re.I)
_EXTERNAL_LINK = re.compile(r"<link\b[^>]*\bhref\s*=\s*[\"']?(?:https?:)?//[^>]*>", re.I)
_HEAD = re.compile(r"<head\b[^>]*>", re.I)
_ECHO_OFF = re.compile(r"^\s*echo:\s*false\s*$", re.M)
_IMAGE = re.compile(r"<img\b[^>]*>", re.I)
_ALT = re.compile(r"""\balt\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
# What nbconvert writes as the text of a chart whose notebook gives none: not a description.
NO_DESCRIPTION = "No description has been provided for this image"


@dataclass
class Report:
    notebook: Path
    html: str | None = None  # the rendered, scrubbed HTML document
    renderer: str = ""  # pre-rendered, quarto, nbconvert, nbconvert --execute
    problem: str = ""  # why it was not rendered

    @property
    def name(self) -> str:
        return self.notebook.stem

    @property
    def undescribed_images(self) -> int:
        """Images in the report with no text description (WCAG 2.2 success criterion 1.1.1)."""
        return sum(1 for tag in _IMAGE.findall(self.html or "") if not _described(tag))


def _described(tag: str) -> bool:
    found = _ALT.search(tag)
    text = next((group for group in found.groups() if group is not None), "") if found else ""
    return bool(text.strip()) and text.strip() != NO_DESCRIPTION


@dataclass
class Product:
    name: str
    folder: Path
    meta: dict[str, Any] = field(default_factory=dict)
    problem: str = ""  # product.yaml could not be read
    reports: list[Report] = field(default_factory=list)


def find_products(products_dir: Path) -> list[Product]:
    """Each folder with a product.yaml, with its metadata and its report notebooks (not yet rendered)."""
    if not products_dir.is_dir():
        return []
    found = []
    for folder in sorted(p for p in products_dir.iterdir() if (p / PRODUCT_FILE).is_file()):
        product = Product(name=folder.name, folder=folder)
        try:
            data = yamlio.load_file(folder / PRODUCT_FILE).data
            product.meta = data if isinstance(data, dict) else {}
            if not isinstance(data, dict):
                product.problem = f"{folder / PRODUCT_FILE}:1: expected a mapping of fields"
        except YamlError as exc:
            product.problem = f"{folder / PRODUCT_FILE}:{exc.line}: {exc.message}"
        reports = folder / REPORTS_DIR
        if reports.is_dir():
            product.reports = [Report(notebook=nb) for nb in sorted(reports.glob("*.ipynb"))]
        found.append(product)
    return found


def how_to_render(product: Product) -> str:
    if (product.folder / "Makefile").is_file():
        return f"run `make report` in products/{product.name} (it installs the product's dependencies), then rebuild"
    return f"install the product's dependencies, run its notebooks in products/{product.name}/reports, then rebuild"


def render(product: Product, *, quarto: str | None = None, progress: Callable[[str], None] | None = None) -> None:
    """Fill in each report's HTML, or the reason it could not be rendered."""
    quarto = quarto if quarto is not None else shutil.which("quarto")
    for report in product.reports:
        if progress:
            progress(f"{product.name}/{report.notebook.name}")
        try:
            html, renderer = _render_one(report.notebook, quarto)
        except ReportError as exc:
            report.problem = str(exc)
            continue
        report.html, report.renderer = scrub(html), renderer


class ReportError(Exception):
    pass


def _render_one(notebook: Path, quarto: str | None) -> tuple[str, str]:
    beside = notebook.with_suffix(".html")
    if beside.is_file() and beside.stat().st_mtime >= notebook.stat().st_mtime:
        return beside.read_text(encoding="utf-8", errors="replace"), "pre-rendered"
    try:
        import nbformat  # noqa: PLC0415 - only the products section needs Jupyter

        with warnings.catch_warnings():  # notebooks from older tools lack cell ids; nbformat adds them
            warnings.simplefilter("ignore")
            nb = nbformat.read(notebook, as_version=4)  # type: ignore[no-untyped-call]
    except Exception as exc:  # nbformat raises several unrelated types for bad files
        raise ReportError(f"{notebook.name} is not a readable notebook ({type(exc).__name__}: {exc})") from None
    has_outputs = any(cell.get("outputs") for cell in nb.cells if cell.get("cell_type") == "code")
    if quarto:
        return _quarto(notebook, quarto, execute=not has_outputs), "quarto"
    return _nbconvert(nb, notebook, execute=not has_outputs), "nbconvert --execute" if not has_outputs else "nbconvert"


def _quarto(notebook: Path, quarto: str, *, execute: bool) -> str:
    with tempfile.TemporaryDirectory(prefix="nhsoa-quarto-") as tmp:
        command = [quarto, "render", str(notebook), "--to", "html", "--output-dir", tmp, "-M", "embed-resources:true"]
        command.append("--execute" if execute else "--no-execute")
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=EXECUTE_TIMEOUT, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise ReportError(f"quarto could not render {notebook.name}: {exc}") from None
        output = Path(tmp) / f"{notebook.stem}.html"
        if done.returncode != 0 or not output.is_file():
            raise ReportError(f"quarto could not render {notebook.name}: {_last_line(done.stderr or done.stdout)}")
        return output.read_text(encoding="utf-8", errors="replace")


def _nbconvert(nb: Any, notebook: Path, *, execute: bool) -> str:
    from nbconvert import HTMLExporter  # noqa: PLC0415
    from nbconvert.preprocessors import CellExecutionError, ExecutePreprocessor  # noqa: PLC0415

    if execute:
        executor = ExecutePreprocessor(timeout=EXECUTE_TIMEOUT, kernel_name="python3")  # type: ignore[no-untyped-call]
        try:
            executor.preprocess(nb, {"metadata": {"path": str(notebook.parent)}})
        except CellExecutionError as exc:
            raise ReportError(f"running {notebook.name} failed: {_error_name(exc)}") from None
        except Exception as exc:  # kernel missing, timeout: all mean "not rendered"
            raise ReportError(f"running {notebook.name} failed: {type(exc).__name__}: {_last_line(str(exc))}") from None
    # A Quarto notebook starts with a raw cell of YAML options; honour `echo: false` as Quarto would.
    hide_code = False
    if nb.cells and nb.cells[0].get("cell_type") == "raw" and str(nb.cells[0].get("source", "")).startswith("---"):
        hide_code = bool(_ECHO_OFF.search(str(nb.cells[0]["source"])))
        nb.cells = nb.cells[1:]
    exporter = HTMLExporter(template_name="lab", embed_images=True, exclude_input=hide_code)  # type: ignore[no-untyped-call]
    body, _ = exporter.from_notebook_node(nb)
    return str(body)


def _error_name(exc: Exception) -> str:
    ename, evalue = getattr(exc, "ename", ""), getattr(exc, "evalue", "")
    return f"{ename}: {evalue}" if ename else _last_line(str(exc))


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[-1][:300] if lines else "no message"


def scrub(html: str) -> str:
    """Drop scripts and stylesheets from other hosts, and forbid any other outside request by CSP."""
    html = _EXTERNAL_SCRIPT.sub("", html)
    html = _EXTERNAL_LINK.sub("", html)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{REPORT_CSP}">'
    if _HEAD.search(html):
        return _HEAD.sub(lambda m: m.group(0) + meta, html, count=1)
    return f"<!doctype html><html><head>{meta}</head><body>{html}</body></html>"
