"""The values of expressions in a Python file that is read, never run.

A :class:`Scope` knows the names bound at the top of a module (``VERSION = "1.0"``, and
``with open(path) as f: version = f.read()``) and evaluates the few expressions packaging files
use: literals, those names, string concatenation, ``os.path.join`` of literals and of the file's
own folder, and the text of a file named that way (``open(...).read()``, ``Path(...).read_text()``,
``.strip()``). A file is read only inside the repository's folder, never through a symbolic link,
and only up to a size limit. Anything else raises :class:`NotLiteral`.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

MAX_DEPTH = 20
MAX_FILE_BYTES = 1_000_000
_STRIPS = ("strip", "rstrip", "lstrip")
_OPENERS = ("open", "io.open", "codecs.open")
_HERE = ("os.path.dirname(__file__)", "os.path.abspath(os.path.dirname(__file__))",
         "os.path.dirname(os.path.abspath(__file__))", "os.path.dirname(os.path.realpath(__file__))",
         "Path(__file__).parent", "Path(__file__).resolve().parent", "Path(__file__).absolute().parent",
         "pathlib.Path(__file__).parent", "pathlib.Path(__file__).resolve().parent")  # fmt: skip


class NotLiteral(Exception):  # a value's absence, reported by the caller; not an error for the user
    """An expression whose value cannot be known without running the file."""


@dataclass(frozen=True)
class _Place:
    """A path relative to the folder of the file being read."""

    relative: str


@dataclass(frozen=True)
class _Handle:
    place: _Place


@dataclass
class Scope:
    tree: ast.Module
    folder: Path | None
    _bindings: dict[str, tuple[ast.expr, dict[str, ast.expr]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for node in self.tree.body:
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                self._bindings[node.targets[0].id] = (node.value, {})
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
                self._bindings[node.target.id] = (node.value, {})
            elif isinstance(node, ast.With):
                self._bind_with(node)

    def _bind_with(self, node: ast.With) -> None:
        handles = {
            item.optional_vars.id: item.context_expr for item in node.items if isinstance(item.optional_vars, ast.Name)
        }
        for statement in node.body:
            if (
                isinstance(statement, ast.Assign)
                and len(statement.targets) == 1
                and isinstance(statement.targets[0], ast.Name)
            ):
                self._bindings[statement.targets[0].id] = (statement.value, handles)

    def value(self, node: ast.expr) -> Any:
        """The value of ``node``; raises :class:`NotLiteral` when it cannot be known without running code."""
        result = self._eval(node, {}, 0)
        if isinstance(result, (_Place, _Handle)):
            raise NotLiteral(f"`{_shown(node)}` is a file, not a value")
        return result

    def _eval(self, node: ast.expr, local: dict[str, ast.expr], depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise NotLiteral("names refer to each other too deeply")
        if isinstance(node, ast.Constant):
            return node.value
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            return [self._eval(item, local, depth + 1) for item in node.elts]
        if isinstance(node, ast.Dict):
            return {
                self._eval(k, local, depth + 1): self._eval(v, local, depth + 1)
                for k, v in zip(node.keys, node.values, strict=True)
                if k is not None
            }
        if _shown(node) in _HERE:
            return _Place("")
        if isinstance(node, ast.Name):
            return self._name(node, local, depth)
        if isinstance(node, ast.BinOp):
            return self._binop(node, local, depth)
        if isinstance(node, ast.Call):
            return self._call(node, local, depth)
        raise NotLiteral(f"`{_shown(node)}` is not a literal")

    def _name(self, node: ast.Name, local: dict[str, ast.expr], depth: int) -> Any:
        if node.id in local:
            return self._eval(local[node.id], {}, depth + 1)
        if node.id in self._bindings:
            expression, handles = self._bindings[node.id]
            return self._eval(expression, handles, depth + 1)
        raise NotLiteral(f"`{node.id}` is not bound to a literal at the top of the file")

    def _binop(self, node: ast.BinOp, local: dict[str, ast.expr], depth: int) -> Any:
        left, right = self._eval(node.left, local, depth + 1), self._eval(node.right, local, depth + 1)
        if isinstance(node.op, ast.Add) and isinstance(left, str) and isinstance(right, str):
            return left + right
        if isinstance(node.op, ast.Div) and isinstance(left, _Place) and isinstance(right, str):
            return _join(left, right)
        raise NotLiteral(f"`{_shown(node)}` is not a literal")

    def _call(self, node: ast.Call, local: dict[str, ast.expr], depth: int) -> Any:
        name = _shown(node.func)
        args = [self._eval(arg, local, depth + 1) for arg in node.args[:1]] if node.args else []
        if name in ("os.path.join", "path.join"):
            parts = [self._eval(arg, local, depth + 1) for arg in node.args]
            return _join(*parts)
        if name in _OPENERS and args:
            return _Handle(_as_place(args[0]))
        if name in ("Path", "pathlib.Path") and args:
            return _as_place(args[0])
        if isinstance(node.func, ast.Attribute) and not node.args:
            target = self._eval(node.func.value, local, depth + 1)
            method = node.func.attr
            if method in _STRIPS and isinstance(target, str):
                return str(getattr(target, method)())
            if (method == "read" and isinstance(target, _Handle)) or (
                method == "read_text" and isinstance(target, _Place)
            ):
                return self._read(target.place if isinstance(target, _Handle) else target)
        raise NotLiteral(f"`{_shown(node)}` is not a literal")

    def _read(self, place: _Place) -> str:
        if self.folder is None:
            raise NotLiteral(f"reads {place.relative!r}; files are read only beside the repository")
        root = self.folder.resolve()
        path = root / place.relative
        if path.is_symlink() or not path.is_file() or not path.resolve().is_relative_to(root):
            raise NotLiteral(f"reads {place.relative!r}, which is not a file inside the repository")
        if path.stat().st_size > MAX_FILE_BYTES:
            raise NotLiteral(f"reads {place.relative!r}, which is larger than {MAX_FILE_BYTES:,} bytes")
        try:
            return path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise NotLiteral(f"reads {place.relative!r}, which is not UTF-8 text") from None


def _as_place(value: Any) -> _Place:
    if isinstance(value, _Place):
        return value
    if isinstance(value, str):
        return _join(_Place(""), value)
    raise NotLiteral("a file is named by something other than a literal path")


def _join(*parts: Any) -> _Place:
    """Paths joined below the file's folder; absolute paths and ``..`` stay unknown."""
    relative = PurePosixPath()
    for index, part in enumerate(parts):
        if isinstance(part, _Place) and index == 0:
            relative = PurePosixPath(part.relative)
        elif isinstance(part, str) and not part.startswith(("/", "\\")) and ".." not in PurePosixPath(part).parts:
            relative = relative / part
        else:
            raise NotLiteral("a path outside the repository, or not made of literals")
    return _Place(str(relative))


def _shown(node: ast.AST) -> str:
    return ast.unparse(node)[:80]
