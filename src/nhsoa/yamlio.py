"""The one module that reads and writes YAML.

Loading is safe-only and strict: duplicate keys are errors, dates stay strings, only
``true``/``false`` are booleans (so ``applicable: no`` means the string "no"), files over
256 KiB and alias-expansion bombs are refused, and undecodable or binary input is a
clean error. Parsing uses libyaml when present. Line numbers are found afterwards, and
only for files that need them (:func:`locate`).
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from nhsoa.errors import YamlError, YamlProblem

try:
    from yaml import CSafeDumper as _BaseDumper
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - libyaml is in every wheel we depend on
    from yaml import SafeDumper as _BaseDumper  # type: ignore[assignment]
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

MAX_BYTES = 256 * 1024
MAX_EXPANDED_NODES = 100_000

SYNTAX, DUPLICATE_KEY, ENCODING, TOO_LARGE, ALIASES = (
    YamlProblem.SYNTAX,
    YamlProblem.DUPLICATE_KEY,
    YamlProblem.ENCODING,
    YamlProblem.TOO_LARGE,
    YamlProblem.ALIASES,
)

PathElement = str | int
FieldPath = tuple[PathElement, ...]

_BOOL_TAG = "tag:yaml.org,2002:bool"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_MERGE_TAG = "tag:yaml.org,2002:merge"


def _strict_resolvers() -> dict[str | None, list[tuple[str, re.Pattern[str]]]]:
    """YAML 1.1 resolvers without timestamps and with YAML 1.2 booleans only."""
    resolvers: dict[str | None, list[tuple[str, re.Pattern[str]]]] = {}
    for first, entries in _BaseLoader.yaml_implicit_resolvers.items():
        kept = [(tag, rx) for tag, rx in entries if tag not in (_BOOL_TAG, _TIMESTAMP_TAG)]
        if kept:
            resolvers[first] = kept
    boolean = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
    for first in "tTfF":
        resolvers.setdefault(first, []).insert(0, (_BOOL_TAG, boolean))
    return resolvers


class _StrictLoader(_BaseLoader):
    yaml_implicit_resolvers = _strict_resolvers()

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        if isinstance(node, MappingNode):
            seen: set[object] = set()
            for key_node, _ in node.value:
                if key_node.tag == _MERGE_TAG or not isinstance(key_node, ScalarNode):
                    continue
                if key_node.value in seen:
                    raise YamlError(
                        f"duplicate key {key_node.value!r}",
                        kind=DUPLICATE_KEY,
                        line=key_node.start_mark.line + 1,
                        fix="keep one of the two keys",
                    )
                seen.add(key_node.value)
        return super().construct_mapping(node, deep=deep)


_StrictLoader.add_constructor(_BOOL_TAG, _BaseLoader.yaml_constructors[_BOOL_TAG])


@dataclass(frozen=True)
class Loaded:
    """A parsed YAML document and the text it came from (kept for locating lines)."""

    path: Path
    text: str
    data: Any


def read_text(path: Path, *, max_bytes: int = MAX_BYTES) -> str:
    """Read a UTF-8 text file within the size limit, or raise :class:`YamlError`.

    Only regular files are opened (a pipe or a device named like an entry would block or
    never end), and never more than the limit is read, whatever the file claims its size is.
    """
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):
            raise YamlError("not a regular file", kind=ENCODING, fix="entries are plain text files")
        if status.st_size > max_bytes:
            raise _too_large(status.st_size, max_bytes)
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)
    except OSError as exc:
        raise YamlError(f"cannot read file: {exc.strerror}", kind=ENCODING) from None
    if len(raw) > max_bytes:
        raise _too_large(len(raw), max_bytes)
    return decode(raw)


def _too_large(size: int, max_bytes: int) -> YamlError:
    return YamlError(
        f"file is {size:,} bytes; the limit is {max_bytes:,}",
        kind=TOO_LARGE,
        fix="shorten the description or split the file; entries are small",
    )


def decode(raw: bytes) -> str:
    if b"\x00" in raw:
        line = raw.count(b"\n", 0, raw.index(b"\x00")) + 1
        raise YamlError("file is binary (contains NUL bytes)", kind=ENCODING, line=line)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise YamlError(
            f"file is not UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})",
            kind=ENCODING,
            line=line,
            fix="save the file as UTF-8",
        ) from None
    return text.removeprefix("\ufeff")


def load_file(path: Path) -> Loaded:
    """Load one YAML file; raise :class:`YamlError` (with rule id and line) if it cannot be."""
    text = read_text(path)
    return Loaded(path=path, text=text, data=loads(text))


def loads(text: str) -> Any:
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        if "&" in text:
            _check_expansion(node)
        return loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        raise YamlError(_describe(exc), kind=SYNTAX, line=line, fix="fix the YAML syntax") from None
    except yaml.YAMLError as exc:
        raise YamlError(str(exc).splitlines()[0], kind=SYNTAX, fix="fix the YAML syntax") from None
    except RecursionError:
        raise YamlError("document is nested too deeply", kind=SYNTAX) from None
    finally:
        loader.dispose()


def _describe(exc: yaml.MarkedYAMLError) -> str:
    parts = [p for p in (exc.context, exc.problem) if p]
    return ", ".join(parts) if parts else "invalid YAML"


def _check_expansion(root: Node) -> None:
    """Refuse documents whose aliases would expand to more than MAX_EXPANDED_NODES nodes."""
    sizes: dict[int, int] = {}
    in_progress: set[int] = set()

    def size(node: Node) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in in_progress:
            raise YamlError("recursive alias", kind=ALIASES, line=node.start_mark.line + 1, fix="remove the anchor")
        in_progress.add(key)
        total = 1
        if isinstance(node, SequenceNode):
            total += sum(size(child) for child in node.value)
        elif isinstance(node, MappingNode):
            total += sum(size(k) + size(v) for k, v in node.value)
        in_progress.discard(key)
        if total > MAX_EXPANDED_NODES:
            raise YamlError(
                f"aliases expand to more than {MAX_EXPANDED_NODES:,} nodes",
                kind=ALIASES,
                line=node.start_mark.line + 1,
                fix="write the values out instead of using anchors and aliases",
            )
        sizes[key] = total
        return total

    size(root)


def locate(text: str, path: Sequence[PathElement]) -> int:
    """The 1-based line of the field at ``path`` (or of its nearest existing parent)."""
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError:
        return 1
    finally:
        loader.dispose()
    if node is None:
        return 1
    line = node.start_mark.line + 1
    for element in path:
        child = _child(node, element)
        if child is None:
            break
        key_node, node = child
        line = key_node.start_mark.line + 1
    return line


def _child(node: Node, element: PathElement) -> tuple[Node, Node] | None:
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, ScalarNode) and key_node.value == str(element):
                return key_node, value_node
    elif isinstance(node, SequenceNode) and isinstance(element, int) and 0 <= element < len(node.value):
        item = node.value[element]
        return item, item
    return None


class _Dumper(_BaseDumper):
    """Block style, keys in the order given, multi-line strings as literal blocks."""


def _represent_str(dumper: _Dumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def dumps(data: Any) -> str:
    """YAML text for ``data``, readable and stable (used for every file nhsoa writes)."""
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, indent=2)


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that readers see the old file or the new, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# Round-trip editing (``nhsoa adopt``, ``nhsoa registry sync``): keep the comments, key
# order and quoting a person wrote. The strict loader checks the text first, so the size,
# encoding, duplicate-key and alias-bomb protections apply before ruamel.yaml sees it.


def _roundtrip_yaml() -> Any:
    from ruamel.yaml import YAML  # noqa: PLC0415 - only the editing commands need it

    yaml_rt = YAML(typ="rt")
    yaml_rt.preserve_quotes = True
    yaml_rt.width = 4096  # never re-wrap long lines someone wrote
    yaml_rt.indent(mapping=2, sequence=4, offset=2)
    return yaml_rt


def load_roundtrip(text: str) -> Any:
    """An editable document (ruamel.yaml's commented mapping) for ``text``.

    Raises :class:`YamlError` exactly as :func:`loads` does for text it would refuse.
    """
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise YamlError(f"text is over {MAX_BYTES:,} bytes", kind=TOO_LARGE)
    loads(text)
    return _roundtrip_yaml().load(text)


def dumps_roundtrip(document: Any) -> str:
    """Text for a document from :func:`load_roundtrip`, with its comments and order kept."""
    import io  # noqa: PLC0415

    buffer = io.StringIO()
    _roundtrip_yaml().dump(document, buffer)
    return buffer.getvalue()


def load_bytes(raw: bytes, *, max_bytes: int = MAX_BYTES) -> tuple[str, Any]:
    """Text and data for YAML held in memory (e.g. a file read from git), with every file check."""
    if len(raw) > max_bytes:
        raise YamlError(
            f"file is {len(raw):,} bytes; the limit is {max_bytes:,}",
            kind=TOO_LARGE,
            fix="shorten the description or split the file; entries are small",
        )
    text = decode(raw)
    return text, loads(text)
