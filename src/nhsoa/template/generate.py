"""``nhsoa new``: generate a project from the template, recorded in ``.cruft.json``, then make its first commit.

The template this nhsoa carries is rendered from its folder (:mod:`nhsoa.template.packaged`), with no
network; a template in a local git repository is rendered directly (:mod:`nhsoa.template.local`);
a git URL goes through ``cruft create``. Every way, ``.cruft.json`` records the template in cruft's
format and the answers, including ``_nhsoa_version``: the nhsoa release the template belongs to,
which the project pins in its development tools and pre-commit hooks.

The project is made in a hidden folder beside its destination and moved into place only when
everything has worked, so a failed or interrupted run leaves nothing half-made behind.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nhsoa import __version__
from nhsoa.errors import NhsoaError
from nhsoa.template import CRUFT_FILE, PRODUCT_OWNED, local, packaged, product_owned
from nhsoa.template.answers import check_known, unsafe
from nhsoa.template.bake import quiet_cookiecutter
from nhsoa.template.hooks import HookInstaller
from nhsoa.template.local import recorded_location
from nhsoa.template.render import write_record
from nhsoa.template.source import TemplateSource, git, toplevel

COMMIT_MESSAGE = "Start {name} from the analytics-product template"


@dataclass
class NewResult:
    project: Path
    language: str = "Python"
    committed: bool = False
    hooks_installed: bool = False
    notes: list[str] = field(default_factory=list)


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
    if source.folder is not None or source.is_local:
        folder = source.folder or Path(source.repository) / (source.directory or "")
        check_known(answers, template_questions(folder))
    quiet_cookiecutter()
    from cookiecutter.exceptions import (  # noqa: PLC0415 - cookiecutter is slow to import
        CookiecutterException,
        FailedHookException,
        OutputDirExistsException,
    )

    output_dir.mkdir(parents=True, exist_ok=True)
    enclosing = toplevel(output_dir)
    staging = Path(tempfile.mkdtemp(prefix=".nhsoa-new-", dir=output_dir))
    context = {"_nhsoa_version": source.version or __version__, **answers}
    installer = HookInstaller() if use_git and install_hooks and enclosing is None else None
    local_tree = source.is_local and source.folder is None
    template = recorded_location(Path(source.repository), output_dir, enclosing) if local_tree else None
    try:
        try:
            made = _generate(source, staging, context, no_input=no_input, template=template)
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
        target = output_dir / made.name
        if target.exists():
            raise NhsoaError(f"{target} already exists; nothing was changed (fix: choose another slug or folder)")
        language = str(_answers(made).get("language", "Python"))
        result = NewResult(project=target, language=language, notes=list(source.notes))
        if use_git and enclosing is not None:
            result.notes.append(
                f"{output_dir} is inside the git repository {enclosing}: no nested repository was made; "
                "add and commit the new folder there"
            )
        elif use_git:
            _first_commit(made, result, installer)
        made.rename(target)
        return result
    finally:
        if installer is not None:
            installer.cancel()
        shutil.rmtree(staging, ignore_errors=True)


def _generate(
    source: TemplateSource, staging: Path, context: dict[str, Any], *, no_input: bool, template: str | None
) -> Path:
    """Render into ``staging`` with ``.cruft.json``: a template on disk directly (a local one recorded as
    ``template``), or cruft."""
    if source.folder is not None:
        return packaged.create(source, staging, context, no_input=no_input, skip=product_owned)
    if template is not None:
        return local.create(source, staging, context, no_input=no_input, skip=product_owned, template=template)
    import cruft  # noqa: PLC0415 - slow to import (GitPython, typer); only git URLs need it

    made = cruft.create(
        source.repository,
        output_dir=staging,
        extra_context=context,
        no_input=no_input,
        directory=source.directory,
        checkout=source.checkout,
        skip=list(PRODUCT_OWNED),
    )
    _record_owned_paths(Path(made))
    return Path(made)


def _answers(project: Path) -> dict[str, Any]:
    answers: dict[str, Any] = json.loads((project / CRUFT_FILE).read_text(encoding="utf-8"))["context"]["cookiecutter"]
    return answers


def _record_owned_paths(project: Path) -> None:
    """Record under ``skip`` the paths the product owns for the language chosen (cruft asks the questions)."""
    record = json.loads((project / CRUFT_FILE).read_text(encoding="utf-8"))
    owned = list(product_owned(record["context"]["cookiecutter"]))
    if record.get("skip") != owned:
        record["skip"] = owned
        write_record(project, record)


def _first_commit(project: Path, result: NewResult, installer: HookInstaller | None) -> None:
    """``git init``, the hooks (their script names no path of the project, so before it moves), the first commit."""
    context = _answers(project)
    _git_step(project, "init", "--quiet", "--initial-branch=main")
    if installer is not None:
        installer.install(project)  # runs while the first commit is made: it only reads git's settings
    _git_step(project, "add", "--all")
    message = COMMIT_MESSAGE.format(name=context["product_name"])
    _git_step(project, *_identity(context), "commit", "--quiet", "--no-verify", "-m", message)
    result.committed = True
    if installer is not None:
        failure = installer.result()
        result.hooks_installed = failure is None
        if failure is not None:
            hint = "run `python -m pre_commit install` in the project"
            result.notes.append(f"the pre-commit hooks were not installed ({failure}); {hint}")


def _git_step(project: Path, *args: str) -> None:
    outcome = git(*args, cwd=project)
    if outcome.returncode != 0:
        step = next(arg for arg in args if arg in ("init", "add", "commit"))
        raise NhsoaError(f"git {step} failed: {outcome.stderr.strip()}")


def _identity(context: dict[str, Any]) -> tuple[str, ...]:
    """Commit as the author given to the template when git has no identity configured."""
    configured = git("config", "user.email").returncode == 0 and git("config", "user.name").returncode == 0
    if configured:
        return ()
    return ("-c", f"user.name={context['author_name']}", "-c", f"user.email={context['author_email']}")
