"""Render a template folder with cookiecutter and record it in ``.cruft.json``, as cruft does.

Used for the templates nhsoa renders itself (the packaged one and local repositories); a git
address is left to cruft.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nhsoa.template import CRUFT_FILE


@dataclass(frozen=True)
class Recorded:
    """What ``.cruft.json`` says the project was made from."""

    template: str
    commit: str
    checkout: str | None
    directory: str | None


def render(
    folder: Path,
    output_dir: Path,
    extra_context: dict[str, Any],
    recorded: Recorded,
    *,
    no_input: bool,
    skip: Callable[[Mapping[str, Any]], Sequence[str]],
) -> Path:
    """Render ``folder`` into ``output_dir`` and write ``.cruft.json``; the project folder.

    ``skip`` gives the paths the record lists under ``skip`` for the answers (known only after the questions).
    Cookiecutter's errors (a refused hook, an existing folder) propagate for the caller to explain.
    """
    from cookiecutter.config import get_user_config  # noqa: PLC0415 - cookiecutter is slow to import
    from cookiecutter.generate import generate_context, generate_files  # noqa: PLC0415
    from cookiecutter.prompt import prompt_for_config  # noqa: PLC0415

    # as cruft does: the user's cookiecutter defaults, the answers, then the questions not answered
    context = generate_context(
        context_file=str(folder / "cookiecutter.json"),
        default_context=get_user_config()["default_context"],
        extra_context=extra_context,
    )
    context["cookiecutter"] = prompt_for_config(context, no_input)
    context["cookiecutter"]["_template"] = recorded.template
    context["cookiecutter"]["_commit"] = recorded.commit
    project = Path(generate_files(repo_dir=str(folder), context=context, output_dir=str(output_dir)))
    record: dict[str, Any] = {
        "template": recorded.template,
        "commit": recorded.commit,
        "checkout": recorded.checkout,
        "context": context,
        "directory": recorded.directory,
    }
    owned = skip(context["cookiecutter"])
    if owned:
        record["skip"] = list(owned)
    write_record(project, record)
    return project


def write_record(project: Path, record: Mapping[str, Any]) -> None:
    """``.cruft.json`` in cruft's own layout (that of cruft's json_dumps), so cruft reads and rewrites it unchanged."""
    text = json.dumps(record, ensure_ascii=False, indent=2, separators=(",", ": ")) + "\n"
    (project / CRUFT_FILE).write_text(text, encoding="utf-8")
