"""Bake a template folder with given answers, without prompts, the way cruft does."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from nhsoa import __version__
from nhsoa.errors import NhsoaError

# Keys cookiecutter and cruft add to the recorded answers; they are not questions.
RECORD_ONLY = ("_template", "_commit", "_output_dir", "_repo_dir", "_checkout")


def quiet_cookiecutter() -> None:
    """Keep cookiecutter's log (a traceback when a hook refuses the answers) off the user's screen.

    The hook has already printed what is wrong, and nhsoa reports the failure itself.
    """
    logger = logging.getLogger("cookiecutter")
    if not any(isinstance(h, logging.NullHandler) for h in logger.handlers):
        logger.addHandler(logging.NullHandler())
    logger.propagate = False


def bake(template: Path, answers: dict[str, Any], output_dir: Path) -> Path:
    """Generate ``template`` into ``output_dir`` with ``answers``; return the project folder."""
    # imported here: cookiecutter takes a tenth of a second to import, which commands that never bake skip
    from cookiecutter.exceptions import CookiecutterException  # noqa: PLC0415
    from cookiecutter.generate import generate_context, generate_files  # noqa: PLC0415
    from cookiecutter.prompt import prompt_for_config  # noqa: PLC0415

    quiet_cookiecutter()
    # the nhsoa release the project pins: recorded in its answers, else this nhsoa's
    extra = {"_nhsoa_version": __version__}
    extra |= {key: value for key, value in answers.items() if key not in RECORD_ONLY}
    try:
        context = generate_context(context_file=str(template / "cookiecutter.json"), extra_context=extra)
        context["cookiecutter"] = prompt_for_config(context, no_input=True)
        return Path(generate_files(repo_dir=str(template), context=context, output_dir=str(output_dir)))
    except (CookiecutterException, ValueError) as exc:
        raise NhsoaError(f"{template}: cannot generate the template with the recorded answers: {exc}") from None
