"""The one exception family. Problems in someone's data are findings, not exceptions;
an exception means the run cannot go on (or, for ``UsageError``, was asked wrongly)."""

from __future__ import annotations


class NhsoaError(Exception):
    """An expected failure with a message for the user (exit code 1)."""


class UsageError(NhsoaError):
    """The command was called wrongly: a missing path, a bad option value (exit code 2)."""


class YamlError(NhsoaError):
    """A YAML file that cannot be loaded. ``rule`` is the id of the rule it breaks."""

    def __init__(self, message: str, *, rule: str, line: int = 1, fix: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.rule = rule
        self.line = line
        self.fix = fix
