"""``nhsoa new``: generate a project from the template with cruft, then make its first commit.

The project is made in a hidden folder beside its destination and moved into place only when
everything has worked, so a failed or interrupted run leaves nothing half-made behind.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nhsoa import __version__
from nhsoa.errors import NhsoaError
from nhsoa.template import CRUFT_FILE, PRODUCT_OWNED
from nhsoa.template.answers import check_known, unsafe
from nhsoa.template.bake import quiet_cookiecutter
from nhsoa.template.source import TemplateSource, git, toplevel

COMMIT_MESSAGE = "Start {name} from the analytics-product template"


@dataclass
class NewResult:
    project: Path
    committed: bool = False
    hooks_installed: bool = False
    notes: list[str] = field(default_factory=list)


def _cruft() -> Any:
    try:
        import cruft  # noqa: PLC0415 - an optional extra, imported when used
    except ImportError:
        raise NhsoaError("generating projects needs cruft: pip install 'nhsoa[template]'") from None
    return cruft


def template_questions(folder: Path) -> dict[str, Any]:
    try:
        data = json.loads((folder / "cookiecutter.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise NhsoaError(f"{folder / 'cookiecutter.json'}: cannot read the template's questions: {exc}") from None
    if not isinstance(data, dict):
        raise NhsoaError(f"{folder / 'cookiecutter.json'}: expected a JSON object")
    return data


def new(
    source: TemplateSource,
    output_dir: Path,
    answers: dict[str, Any],
    *,
    no_input: bool = True,
    use_git: bool = True,
    install_hooks: bool = True,
) -> NewResult:
    """Generate a project in ``output_dir``; returns where it is and what was done."""
    unsafe(answers, "--set")
    if source.is_local:
        local = Path(source.repository) / (source.directory or "")
        check_known(answers, template_questions(local))
    cruft = _cruft()
    quiet_cookiecutter()
    from cookiecutter.exceptions import (  # noqa: PLC0415 - an optional extra
        CookiecutterException,
        FailedHookException,
        OutputDirExistsException,
    )

    output_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".nhsoa-new-", dir=output_dir))
    try:
        try:
            made = cruft.create(
                source.repository,
                output_dir=staging,
                extra_context={"_nhsoa_version": __version__, **answers},
                no_input=no_input,
                directory=source.directory,
                checkout=source.checkout,
                skip=list(PRODUCT_OWNED),
            )
        except FailedHookException:
            message = "the template did not accept the answers (see the errors above); nothing was created"
            raise NhsoaError(message) from None
        except OutputDirExistsException:  # the staging folder is new, so the slug named no folder of its own
            message = "project_slug: the answers give no folder name; nothing was created"
            raise NhsoaError(message + " (fix: give a product name with letters in it, or set project_slug)") from None
        except (CookiecutterException, ValueError) as exc:
            raise NhsoaError(f"the template could not be generated: {exc}; nothing was created") from None
        except Exception as exc:  # cruft's own errors (e.g. a repository that cannot be cloned) share no base
            if type(exc).__module__.startswith("cruft"):
                raise NhsoaError(f"{exc}; nothing was created") from None
            raise
        target = output_dir / Path(made).name
        if target.exists():
            raise NhsoaError(f"{target} already exists; nothing was changed (fix: choose another slug or folder)")
        result = NewResult(project=target, notes=list(source.notes))
        if use_git:
            _first_commit(Path(made), output_dir, answers, result)
        Path(made).rename(target)
        if use_git and result.committed and install_hooks:
            _install_hooks(target, result)
        return result
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _first_commit(project: Path, output_dir: Path, answers: dict[str, Any], result: NewResult) -> None:
    enclosing = toplevel(output_dir)
    if enclosing is not None:
        result.notes.append(
            f"{output_dir} is inside the git repository {enclosing}: no nested repository was made; "
            "add and commit the new folder there"
        )
        return
    context = json.loads((project / CRUFT_FILE).read_text(encoding="utf-8"))["context"]["cookiecutter"]
    steps = [
        ("init", "--quiet", "--initial-branch=main"),
        ("add", "--all"),
        (
            *_identity(context),
            "commit",
            "--quiet",
            "--no-verify",
            "-m",
            COMMIT_MESSAGE.format(name=context["product_name"]),
        ),
    ]
    for step in steps:
        outcome = git(*step, cwd=project)
        if outcome.returncode != 0:
            raise NhsoaError(f"git {step[0] if step[0] != '-c' else 'commit'} failed: {outcome.stderr.strip()}")
    result.committed = True


def _identity(context: dict[str, Any]) -> tuple[str, ...]:
    """Commit as the author given to the template when git has no identity configured."""
    configured = git("config", "user.email").returncode == 0 and git("config", "user.name").returncode == 0
    if configured:
        return ()
    return ("-c", f"user.name={context['author_name']}", "-c", f"user.email={context['author_email']}")


def _install_hooks(project: Path, result: NewResult) -> None:
    import subprocess  # noqa: PLC0415

    try:
        outcome = subprocess.run(
            [sys.executable, "-m", "pre_commit", "install"], cwd=project, capture_output=True, text=True, check=False
        )
    except OSError as exc:
        outcome = subprocess.CompletedProcess([], 1, "", str(exc))
    if outcome.returncode == 0:
        result.hooks_installed = True
        return
    reason = (outcome.stderr or outcome.stdout).strip().splitlines()
    result.notes.append(
        f"the pre-commit hooks were not installed ({reason[-1] if reason else 'pre-commit failed'}); "
        "run `python -m pre_commit install` in the project"
    )
