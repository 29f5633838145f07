"""Build the site: generate the pages, then let MkDocs (Material theme) render them.

``out/`` holds ``source/`` (a complete MkDocs project: ``site/`` copied, plus the
generated pages) and ``public/`` (the static site). Both are built in a scratch folder
inside ``out/`` and swapped in only when the build succeeds, so a failed build leaves the
previous site as it was. ``out/`` is only ever cleared when it carries our marker file.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

from nhsoa.errors import NhsoaError
from nhsoa.registry import catalogue as catalogue_module
from nhsoa.registry.catalogue import Catalogue
from nhsoa.registry.store import load_reference, tools_dir
from nhsoa.site.generate import Generated, generate

MARKER = ".nhsoa-site-build"
SOURCE, PUBLIC = "source", "public"
CONFIG_FILE = "mkdocs.yml"

# (stage, done, total): stages are "load", "pages", "reports", "render"
Progress = Callable[[str, int, int], None]


@dataclass
class BuildResult:
    out: Path
    public: Path
    source: Path
    generated: Generated
    seconds: dict[str, float] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)  # what MkDocs warned of (none in a strict build)


def site_files() -> Path:
    """The hand-written part of the site (``site/``): mkdocs.yml, pages, overrides, CSS and JS."""
    packaged = Path(str(resources.files("nhsoa").joinpath("site").joinpath("files")))
    if (packaged / CONFIG_FILE).is_file():
        return packaged
    source_tree = Path(__file__).resolve().parents[3] / "site"  # editable install
    if (source_tree / CONFIG_FILE).is_file():
        return source_tree
    raise NhsoaError("nhsoa is installed without its site files (site/mkdocs.yml); reinstall nhsoa")


def check_out_folder(out: Path) -> None:
    """Refuse to write into a folder that holds anything but an earlier site build."""
    if out.exists() and not out.is_dir():
        raise NhsoaError(f"{out} is a file; choose a folder for the site")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise NhsoaError(
            f"{out} already holds files that are not a site build; choose a new or empty folder (nothing was changed)"
        )


def build(
    registry: Path,
    out: Path,
    *,
    today: date | None = None,
    products_dir: Path | None = None,
    progress: Progress | None = None,
    render: bool = True,
    strict: bool = True,
    catalogue: Catalogue | None = None,
) -> BuildResult:
    """Generate and render the site for ``registry`` into ``out`` (``render=False`` stops before MkDocs).

    ``catalogue`` replaces the registry's validated entries (tests use it to publish entries that
    validation would refuse, and check they still render inert).
    """
    today = today or date.today()
    tick: Progress = progress or (lambda stage, done, total: None)
    check_out_folder(out)
    out.mkdir(parents=True, exist_ok=True)
    (out / MARKER).write_text("This folder is written by `nhsoa site build` and replaced on every build.\n")
    seconds: dict[str, float] = {}
    work = Path(tempfile.mkdtemp(prefix=".work-", dir=out.resolve()))  # absolute: MkDocs resolves paths from its config
    try:
        started = time.perf_counter()
        tick("load", 0, 1)
        if catalogue is None:
            has_tools = tools_dir(registry).is_dir()
            catalogue = catalogue_module.load(registry, today=today) if has_tools else Catalogue(entries=[])
        reference = load_reference(registry)
        tick("load", 1, 1)
        seconds["load"] = time.perf_counter() - started

        source = work / SOURCE
        shutil.copytree(site_files(), source, ignore=shutil.ignore_patterns("__pycache__", ".*"))
        config = _load_config(source, work / PUBLIC, strict)
        started = time.perf_counter()
        generated = generate(
            catalogue,
            reference,
            _docs_dir(config, source),
            today=today,
            directory_urls=bool(config.use_directory_urls),
            site_url=config.site_url or None,
            repository=(config.extra or {}).get("repository"),
            site_name=config.site_name,
            products_dir=products_dir,
            progress=tick,
        )
        seconds["generate"] = time.perf_counter() - started
        warnings: list[str] = []
        if render:
            started = time.perf_counter()
            tick("render", 0, generated.page_count)
            warnings = _render(config)
            tick("render", generated.page_count, generated.page_count)
            seconds["render"] = time.perf_counter() - started
        _swap(work, out, render)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return BuildResult(
        out=out, public=out / PUBLIC, source=out / SOURCE, generated=generated, seconds=seconds, warnings=warnings
    )


def _load_config(source: Path, public: Path, strict: bool) -> Any:
    """The project's MkDocs configuration, loaded once: page generation reads it, MkDocs builds with it."""
    from mkdocs.config import load_config  # noqa: PLC0415 - MkDocs is needed only to build the site

    return _quietly(lambda: load_config(str(source / CONFIG_FILE), site_dir=str(public), strict=strict))


def _docs_dir(config: Any, source: Path) -> Path:
    docs_dir = Path(config.docs_dir).resolve()
    if source.resolve() not in docs_dir.parents:
        raise NhsoaError(f"{CONFIG_FILE}: docs_dir must be a folder inside site/, not {config.docs_dir}")
    return docs_dir


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _quietly(action: Callable[[], Any], warnings: list[str] | None = None) -> Any:
    """Run MkDocs with its warnings collected into ``warnings`` (and shown if it fails) instead of printed."""
    from mkdocs.exceptions import Abort, ConfigurationError  # noqa: PLC0415

    logger = logging.getLogger("mkdocs")
    handler = _Collect()
    if warnings is not None:
        handler.messages = warnings
    logger.addHandler(handler)
    try:
        return action()
    except (Abort, ConfigurationError) as exc:
        detail = "\n  ".join(handler.messages[-20:])
        raise NhsoaError(f"MkDocs could not build the site: {exc}" + (f"\n  {detail}" if detail else "")) from None
    finally:
        logger.removeHandler(handler)


def render(source: Path, public: Path, *, strict: bool = True) -> list[str]:
    """Build the MkDocs project in ``source`` into ``public``, as `mkdocs build` does; return its warnings."""
    return _render(_load_config(source, public, strict))


def _render(config: Any) -> list[str]:
    """MkDocs renders the generated source exactly as `mkdocs build` would: nothing of ours is added."""
    from mkdocs.commands.build import build as mkdocs_build  # noqa: PLC0415

    warnings: list[str] = []
    _quietly(lambda: mkdocs_build(config), warnings)
    return warnings


def _swap(work: Path, out: Path, rendered: bool) -> None:
    """Replace out/source and out/public with the new ones; the old ones go only after the new are in place."""
    names = (SOURCE, PUBLIC) if rendered else (SOURCE,)
    for name in names:
        target = out / name
        retired = None
        if target.exists():
            retired = work / f"old-{name}"
            target.rename(retired)
        (work / name).rename(target)
        if retired is not None:
            shutil.rmtree(retired, ignore_errors=True)
