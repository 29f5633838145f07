"""The one exception family. Problems in someone's data are findings, not exceptions;
an exception means the run cannot go on (or, for ``UsageError``, was asked wrongly)."""

from __future__ import annotations

import enum
from collections.abc import Iterator, Mapping
from contextlib import contextmanager


class NhsoaError(Exception):
    """An expected failure with a message for the user (exit code 1)."""


class UsageError(NhsoaError):
    """The command was called wrongly: a missing path, a bad option value (exit code 2)."""


class BadValue(UsageError):
    """A value handed to a library function that it cannot use.

    ``name`` is the library's name for the value (a field such as ``ods_code``, a template
    answer), never a command-line option: only a command knows which option gave the value,
    and says so (:func:`given_by`).
    """

    def __init__(self, name: str, problem: str) -> None:
        super().__init__(f"{name}: {problem}")
        self.name = name
        self.problem = problem


@contextmanager
def given_by(options: Mapping[str, str] | str) -> Iterator[None]:
    """For a command: say which of its options gave a value that a library function refused.

    ``options`` maps the library's names to options (``{"ods_code": "--ods"}``), or is one option
    whose values name what they set (``"--set"``: ``--set licence: ...``). Also a decorator.
    """
    try:
        yield
    except BadValue as exc:
        if isinstance(options, str):
            raise UsageError(f"{options} {exc}") from None
        if exc.name not in options:
            raise
        raise UsageError(f"{options[exc.name]}: {exc.problem}") from None


class YamlProblem(enum.Enum):
    """Why a YAML file could not be loaded; :data:`nhsoa.registry.rules.PARSE_RULES` names the rule each breaks."""

    SYNTAX = "syntax"
    DUPLICATE_KEY = "duplicate key"
    ENCODING = "encoding"
    TOO_LARGE = "too large"
    ALIASES = "aliases"


class YamlError(NhsoaError):
    """A YAML file that cannot be loaded, and why (``kind``)."""

    def __init__(self, message: str, *, kind: YamlProblem, line: int = 1, fix: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.kind = kind
        self.line = line
        self.fix = fix
