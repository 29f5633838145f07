"""The one exception family. Problems in someone's data are findings, not exceptions;
an exception means the run cannot go on (or, for ``UsageError``, was asked wrongly)."""

from __future__ import annotations

import enum


class NhsoaError(Exception):
    """An expected failure with a message for the user (exit code 1)."""


class UsageError(NhsoaError):
    """The command was called wrongly: a missing path, a bad option value (exit code 2)."""


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
