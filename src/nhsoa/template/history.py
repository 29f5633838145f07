"""Moving a product from one nhsoa release's template to another's, with cruft, without the code host.

cruft merges template changes between two commits of one git repository: the commit the product
records and the one it updates to. A product made from a released nhsoa records the nhsoa
repository at a release tag (``v0.1.0``); :func:`releases_repository` writes a small git repository
in which each tag holds that release's template, found offline (:mod:`nhsoa.template.releases`), so
``cruft update`` can merge from it exactly as it would from the nhsoa repository. Afterwards the
record is written back as naming the nhsoa repository at the new tag (:func:`record_release`), and
the project's nhsoa pins move to the new release (:func:`move_pins`).

cruft renders the templates without the project's private answers (those starting with ``_``),
so :func:`pinned_release` hands it the release the project pins through cookiecutter's user
configuration (``COOKIECUTTER_CONFIG``), which cruft reads.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

from nhsoa.errors import NhsoaError
from nhsoa.template import CRUFT_FILE, TEMPLATE_DIRECTORY, TEMPLATE_REPOSITORY
from nhsoa.template.source import git, release_tag

_IDENTITY = ("-c", "user.name=nhsoa", "-c", "user.email=nhsoa@localhost", "-c", "commit.gpgsign=false")


def releases_repository(target: Path, releases: Sequence[tuple[str, Path]]) -> Path:
    """A git repository at ``target`` with one commit per ``(version, template folder)``, tagged ``v<version>``."""
    _step(target.parent, "init", "--quiet", "--initial-branch=main", str(target))
    for version, folder in releases:
        place = target / TEMPLATE_DIRECTORY
        if place.exists():
            shutil.rmtree(place)
        shutil.copytree(folder, place)
        _step(target, "add", "--all")
        _step(target, *_IDENTITY, "commit", "--quiet", "--allow-empty", "-m", f"nhsoa {version}")
        _step(target, "tag", release_tag(version))
    return target


def _step(cwd: Path, *args: str) -> None:
    outcome = git(*args, cwd=cwd)
    if outcome.returncode != 0:
        raise NhsoaError(f"cannot prepare the templates to merge (git {args[0]}): {outcome.stderr.strip()}")


@contextmanager
def pinned_release(version: str) -> Iterator[None]:
    """While inside, cookiecutter (and so cruft) renders the template with ``_nhsoa_version`` = ``version``.

    The user's own cookiecutter configuration is kept; only this default is added to it.
    """
    from cookiecutter.config import get_user_config  # noqa: PLC0415 - cookiecutter is slow to import

    config = get_user_config()
    config["default_context"] = {**(config.get("default_context") or {}), "_nhsoa_version": version}
    before = os.environ.get("COOKIECUTTER_CONFIG")
    with tempfile.TemporaryDirectory(prefix="nhsoa-cookiecutter-") as scratch:
        path = Path(scratch) / "config.yaml"
        path.write_text(yaml.safe_dump(config), encoding="utf-8")
        os.environ["COOKIECUTTER_CONFIG"] = str(path)
        try:
            yield
        finally:
            if before is None:
                os.environ.pop("COOKIECUTTER_CONFIG", None)
            else:
                os.environ["COOKIECUTTER_CONFIG"] = before


def record_release(project: Path, version: str) -> None:
    """Rewrite ``.cruft.json`` as naming the nhsoa repository at release ``version``'s tag."""
    path = project / CRUFT_FILE
    record: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    tag = release_tag(version)
    record.update(template=TEMPLATE_REPOSITORY, commit=tag, checkout=tag, directory=TEMPLATE_DIRECTORY)
    answers = record["context"]["cookiecutter"]
    answers.update(_template=TEMPLATE_REPOSITORY, _commit=tag, _nhsoa_version=version)
    # cruft's own layout (that of cruft's json_dumps), so cruft reads and rewrites it unchanged
    text = json.dumps(record, ensure_ascii=False, indent=2, separators=(",", ": ")) + "\n"
    path.write_text(text, encoding="utf-8")


def move_pins(project: Path, files: Iterable[str], old: str, new: str) -> list[str]:
    """Change ``nhsoa==old`` to ``nhsoa==new`` in ``files`` of ``project``; the files changed.

    A product pins nhsoa in its pre-commit hooks and development extra, and, depending on its
    language and git host, in its CI and README: every pin of the old release moves.
    """
    if old == new:
        return []
    pin = re.compile(rf"(?<![\w.-])nhsoa=={re.escape(old)}(?![\w.+-])")
    changed = []
    for name in sorted(files):
        path = project / name
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # not a text file: it pins nothing
        moved = pin.sub(f"nhsoa=={new}", text)
        if moved != text:
            path.write_text(moved, encoding="utf-8")
            changed.append(name)
    return changed
