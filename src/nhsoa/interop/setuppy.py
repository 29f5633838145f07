"""setup.py, read without running it: the literal arguments of its ``setup()`` call.

The file is parsed with :mod:`ast`. Only a call of setuptools' or distutils' ``setup`` counts
as packaging, so a ``setup.py`` that is something else (a Streamlit page's set-up, say) is
reported as not packaging metadata. An argument is read when it is a literal, a name bound
at the top of the file to one, or the text of a file named by a literal path inside the
repository (``open("VERSION").read()``, ``with open(os.path.join("pkg", "VERSION")) as f:
version = f.read().strip()``). Anything else is left out and listed.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

from nhsoa.interop import jsonio, pymeta, pysource
from nhsoa.interop.model import Imported, ImportFailed, NotMetadata

NAME = "setuppy"
FILENAMES = ("setup.py",)
READS_FOLDER = True  # may read files the setup() arguments name (a VERSION file)
_SETUP_MODULES = ("setuptools", "distutils.core")
# Arguments about building and installing, not about the tool: not reported as left out.
_BUILD = {"packages", "package_dir", "package_data", "include_package_data", "install_requires", "extras_require",
          "python_requires", "entry_points", "scripts", "zip_safe", "setup_requires", "tests_require", "data_files",
          "py_modules", "ext_modules", "cmdclass", "long_description", "long_description_content_type",
          "platforms", "test_suite", "options", "namespace_packages", "use_scm_version", "license_files"}  # fmt: skip


def parse(raw: bytes, source: str = "setup.py", folder: Path | None = None) -> Imported:
    text = jsonio.decode(raw, source)
    try:
        tree = ast.parse(text, filename=source)
    except SyntaxError as exc:
        raise ImportFailed(source, f"not valid Python: {exc.msg}", exc.lineno or 1) from None
    except (ValueError, RecursionError, MemoryError) as exc:  # null bytes, absurd nesting
        raise ImportFailed(source, f"not valid Python: {exc}") from None
    call = _setup_call(tree)
    if call is None:
        raise NotMetadata(source, "does not call setuptools' or distutils' setup(); not read as packaging metadata")
    scope = pysource.Scope(tree, folder)
    found = Imported(NAME, source)
    values: dict[str, Any] = {}
    for keyword in call.keywords:
        try:
            value = scope.value(keyword.value)
        except pysource.NotLiteral as exc:
            if keyword.arg not in _BUILD:
                found.skip(f"setup({keyword.arg or '**'}=...)", f"line {keyword.value.lineno}: {exc}")
            continue
        if keyword.arg is not None:
            values[keyword.arg] = value
        elif isinstance(value, dict):  # setup(**metadata), a mapping of literals at the top of the file
            values.update({str(k): v for k, v in value.items()})
    pymeta.put_core(found, values, "setup")
    for key in sorted(set(values) - pymeta.CORE_FIELDS - _BUILD):
        found.skip(f"setup({key}=...)")
    return found


def _setup_call(tree: ast.Module) -> ast.Call | None:
    """The call of setuptools' (or distutils') setup, however it was imported."""
    direct: set[str] = set()  # from setuptools import setup [as s]
    modules: set[str] = set()  # import setuptools [as st]
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module in _SETUP_MODULES:
            direct |= {alias.asname or alias.name for alias in node.names if alias.name == "setup"}
        elif isinstance(node, ast.Import):
            modules |= {alias.asname or alias.name for alias in node.names if alias.name in _SETUP_MODULES}
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id in direct:
            return node
        if isinstance(func, ast.Attribute) and func.attr == "setup" and ast.unparse(func.value) in modules:
            return node
    return None
