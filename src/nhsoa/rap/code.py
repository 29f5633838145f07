"""What the project's own code shows: documented functions and logging.

Python and R source files are read as text (never imported or run). Tests, documentation tooling
and vendored folders are not the project's own pipeline code and are left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import PurePosixPath

from nhsoa.rap.repository import Repository

NOT_OWN_CODE = re.compile(
    r"(?:^|/)(?:tests?|testthat|testing|docs?|documentation|site|vignettes|data-raw|examples?|benchmarks?|"
    r"\.github|hooks|_extensions|_?vendor(?:ed)?|third_party)/"
    r"|(?:^|/)(?:test_[^/]*|[^/]*_tests?\.(?:py|r)|conftest\.py|setup\.py|noxfile\.py|tasks\.py|conf\.py)$",
    re.IGNORECASE,
)
PY_DEF = re.compile(r"^([ \t]*)(?:async\s+)?(?:def|class)\s+\w+", re.MULTILINE)
PY_DOC = re.compile(r"[rRuUbBfF]{0,2}(?:\"\"\"|'''|\"|')")
R_FUNCTION = re.compile(r"(?:<-|=)\s*function\s*\(")
R_DOC = re.compile(r"^\s*#'", re.MULTILINE)

PY_LOG_IMPORT = re.compile(
    r"^\s*(?:import\s+(?:logging|loguru|structlog)\b|from\s+(?:logging|loguru|structlog)\b)", re.M
)
PY_LOG_USE = re.compile(
    r"\b(?:logging\.(?:basicConfig|config\.\w+|FileHandler|StreamHandler|handlers\.\w+)|dictConfig|fileConfig|"
    r"addHandler|structlog\.configure|logger\.add)\s*\("
    r"|\b\w*(?:log|logger|LOG|LOGGER|Logger)\w*\.(?:debug|info|warning|warn|error|critical|exception|log|success)\s*\("
)
SETUP = re.compile(
    r"basicConfig|dictConfig|fileConfig|FileHandler|logger\.add\(|structlog\.configure|log_appender|"
    r"log_threshold|create\.logger|flog\.appender|lgr\$add_appender"
)
# Turning other libraries' logs down (as documentation plugins do) is not the pipeline logging.
SILENCING = re.compile(r"\.setLevel\(\s*(?:logging\.)?(?:ERROR|CRITICAL|WARNING|FATAL|\d+)|logging\.disable\(")
R_LOGGING = re.compile(
    r"\blibrary\(\s*['\"]?(?:logger|log4r|futile\.logger|lgr|logging)['\"]?\s*\)"
    r"|\b(?:logger|log4r|futile\.logger|lgr)::\w+"
    r"|\blog_(?:info|warn|error|debug|trace|success|fatal|threshold|appender|layout)\s*\("
    r"|\bflog\.\w+\s*\(|\blgr\$\w+|\bcreate\.logger\s*\("
    r"|\b(?:cli::)?cli_(?:alert\w*|inform|progress_step|progress_bar|progress_message)\s*\("
)


@dataclass(frozen=True)
class DocCount:
    documented: list[PurePosixPath]
    with_functions: list[PurePosixPath]


class Code:
    """The project's own Python and R source files."""

    def __init__(self, repo: Repository) -> None:
        self.repo = repo

    @cached_property
    def files(self) -> list[PurePosixPath]:
        return [
            p
            for p in self.repo.files
            if p.suffix.lower() in (".py", ".r") and not NOT_OWN_CODE.search(p.as_posix()) and p not in self.doc_hooks
        ]

    @cached_property
    def doc_hooks(self) -> set[PurePosixPath]:
        """Python files a documentation build runs (MkDocs ``hooks:``): tooling, not the pipeline."""
        hooks = set()
        for config in self.repo.files:
            if config.name in ("mkdocs.yml", "mkdocs.yaml"):
                for name in re.findall(r"^\s*-\s*([\w./-]+\.py)\s*$", self.repo.read(config), re.MULTILINE):
                    hooks.add(PurePosixPath((config.parent / name).as_posix()))
        return hooks

    def docstrings(self) -> DocCount:
        documented, with_functions = [], []
        for path in self.files:
            text = self.repo.read(path)
            if path.suffix.lower() == ".py":
                defs = list(PY_DEF.finditer(text))
                if defs:
                    with_functions.append(path)
                    if _module_docstring(text) or any(_has_docstring(text, d.end()) for d in defs):
                        documented.append(path)
            elif R_FUNCTION.search(text):
                with_functions.append(path)
                if R_DOC.search(text):
                    documented.append(path)
        return DocCount(documented, with_functions)

    def logging(self) -> list[str]:
        """``path:line`` of each file where the project's code logs, files that set logging up first."""
        found = []
        for path in self.files:
            text = self.repo.read(path)
            line = _python_logging(text) if path.suffix.lower() == ".py" else _r_logging(text)
            if line:
                found.append((not SETUP.search(text), f"{path}:{line}"))
        return [where for _, where in sorted(found)]


def _module_docstring(text: str) -> bool:
    body = re.sub(r"\A(?:\s*(?:#[^\n]*)?\n)*", "", text)
    return bool(PY_DOC.match(body))


def _has_docstring(text: str, after: int) -> bool:
    """Whether the definition starting at ``after`` opens its body with a string literal."""
    depth, index = 0, after
    while index < len(text):  # find the colon that ends the signature, outside brackets
        char = text[index]
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        elif char == ":" and depth <= 0:
            break
        index += 1
    rest = text[index + 1 : index + 2000]
    rest = re.sub(r"\A[ \t]*(?:#[^\n]*)?\n(?:\s*(?:#[^\n]*)?\n)*", "", rest)
    return bool(PY_DOC.match(rest.lstrip()))


def _python_logging(text: str) -> int | None:
    if not PY_LOG_IMPORT.search(text) and "get_logger" not in text:
        return None
    for number, line in enumerate(text.splitlines(), 1):
        if PY_LOG_USE.search(line) and not SILENCING.search(line) and not line.lstrip().startswith("#"):
            return number
    return None


def _r_logging(text: str) -> int | None:
    for number, line in enumerate(text.splitlines(), 1):
        if R_LOGGING.search(line) and not line.lstrip().startswith("#"):
            return number
    return None
