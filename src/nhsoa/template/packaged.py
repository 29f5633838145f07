"""Generate from the template this nhsoa carries, recording it as the nhsoa repository at the release's tag.

The record is cruft's own (template, commit, checkout, context, directory, skip): the template is
the nhsoa repository, and ``commit`` and ``checkout`` are the release's tag, which names the commit
the release was built from. cruft resolves a tag wherever it takes a commit, so ``cruft check
--checkout v<version>`` and ``cruft diff`` read the record as well as ``nhsoa check`` and ``nhsoa update``.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from nhsoa.errors import NhsoaError
from nhsoa.template import CRUFT_FILE
from nhsoa.template.releases import clean_copy
from nhsoa.template.source import TemplateSource


def create(
    source: TemplateSource,
    output_dir: Path,
    extra_context: dict[str, Any],
    *,
    no_input: bool,
    skip: Callable[[Mapping[str, Any]], Sequence[str]],
) -> Path:
    """Render ``source.folder`` into ``output_dir`` and write ``.cruft.json``; the project folder.

    ``skip`` gives the paths the record lists under ``skip`` for the answers (known only after the questions).

    Cookiecutter's errors (a refused hook, an existing folder) propagate for the caller to explain.
    """
    from cookiecutter.config import get_user_config  # noqa: PLC0415 - cookiecutter is slow to import
    from cookiecutter.generate import generate_context, generate_files  # noqa: PLC0415
    from cookiecutter.prompt import prompt_for_config  # noqa: PLC0415

    if source.folder is None or source.checkout is None:
        raise NhsoaError("a packaged template needs its folder and its release tag")
    with tempfile.TemporaryDirectory(prefix="nhsoa-template-") as scratch:
        folder = clean_copy(source.folder, Path(scratch) / "template")
        # as cruft does: the user's cookiecutter defaults, the answers, then the questions not answered
        context = generate_context(
            context_file=str(folder / "cookiecutter.json"),
            default_context=get_user_config()["default_context"],
            extra_context=extra_context,
        )
        context["cookiecutter"] = prompt_for_config(context, no_input)
        context["cookiecutter"]["_template"] = source.repository
        context["cookiecutter"]["_commit"] = source.checkout
        project = Path(generate_files(repo_dir=str(folder), context=context, output_dir=str(output_dir)))
    record: dict[str, Any] = {
        "template": source.repository,
        "commit": source.checkout,
        "checkout": source.checkout,
        "context": context,
        "directory": source.directory,
    }
    owned = skip(context["cookiecutter"])
    if owned:
        record["skip"] = list(owned)
    write_record(project, record)
    return project


def write_record(project: Path, record: dict[str, Any]) -> None:
    """``.cruft.json`` in cruft's own layout (that of cruft's json_dumps), so cruft reads and rewrites it unchanged."""
    text = json.dumps(record, ensure_ascii=False, indent=2, separators=(",", ": ")) + "\n"
    (project / CRUFT_FILE).write_text(text, encoding="utf-8")
