"""Answers given to the template from outside the prompts (``--set``, ``.cruft.json``).

Cookiecutter renders such answers as Jinja templates when it runs without prompts, so an answer
holding ``{{ ... }}`` would run as template code. nhsoa refuses them before cookiecutter sees
them; the template's own pre-generation hook gives the same answer for prompted values.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from nhsoa.errors import BadValue, NhsoaError

_TEMPLATE_SYNTAX = re.compile(r"\{\{|\{%|\{#")
_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def parse_settings(settings: Iterable[str]) -> dict[str, str]:
    """``["key=value", ...]`` as a dictionary; a clear error for anything else."""
    answers: dict[str, str] = {}
    for setting in settings:
        key, sep, value = setting.partition("=")
        key = key.strip()
        if not sep or not _KEY.match(key):
            raise BadValue(repr(setting), "expected key=value, e.g. product_name='Bed Occupancy'")
        if key.startswith("_"):
            raise BadValue(key, "answers starting with _ are set by the template, not by hand")
        answers[key] = value
    return answers


def unsafe(answers: Mapping[str, Any], where: str) -> None:
    """Raise when an answer holds template syntax (it would run as code when rendered)."""
    for key, value in answers.items():
        if isinstance(value, str) and _TEMPLATE_SYNTAX.search(value):
            raise NhsoaError(
                f"{where}: answer {key!r} contains template syntax ({{{{, {{% or {{#}}); "
                "it would be run as code, so it is refused (fix: remove the braces)"
            )


def check_known(answers: Mapping[str, Any], template_context: Mapping[str, Any]) -> None:
    """Every answer names a template question, and choice answers are among the choices."""
    for key, value in answers.items():
        if key not in template_context:
            known = ", ".join(k for k in template_context if not k.startswith("_"))
            raise BadValue(key, f"the template asks no such question (it asks: {known})")
        choices = template_context[key]
        if isinstance(choices, list) and value not in choices:
            raise BadValue(key, f"{value!r} is not offered; choose one of {', '.join(map(str, choices))}")
