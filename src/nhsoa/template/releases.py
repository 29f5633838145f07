"""The template of any nhsoa release, found without the code host.

A product made from a released nhsoa records the template as the nhsoa repository at the release's
tag (``checkout: v0.2.0``). ``nhsoa check`` and ``nhsoa update`` need that release's template (and
``update`` the newer one too); they look for it, in order:

1. the template of the running nhsoa, when the release is the running one (the copy its wheel
   carries, or the checkout's template when nhsoa runs from its source tree);
2. a wheel of that release given on the command line (``--template nhsoa-0.2.0-py3-none-any.whl``);
3. the release's wheel from the package index, fetched with ``pip download nhsoa==0.2.0 --no-deps``,
   so pip's own configuration applies (an internal index, ``PIP_FIND_LINKS`` to a folder of wheels);
4. only then the nhsoa repository on the code host, at the tag (cruft's way).

The template is read out of the wheel (a zip file) into a temporary folder; nothing is installed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from email.parser import HeaderParser
from pathlib import Path, PurePosixPath

from nhsoa import __version__
from nhsoa.errors import NhsoaError, UsageError
from nhsoa.template import TEMPLATE_DIRECTORY, TEMPLATE_REPOSITORY
from nhsoa.template.source import PACKAGED_TEMPLATE, TEMPLATE_FILE, bundled, git, release_tag, tag_version

WHEEL_TEMPLATE = "nhsoa/templates/analytics-product/"
# Left behind by Python when it compiles the hooks and the template's own modules after installing.
_IGNORED = shutil.ignore_patterns("__pycache__", "*.py[co]")


def release_of(template: str, directory: str | None, checkout: str | None) -> str | None:
    """The nhsoa version a recorded template names: the nhsoa repository's template at a release tag."""
    repository = template.rstrip("/").removesuffix(".git")
    if repository != TEMPLATE_REPOSITORY or (directory or "") != TEMPLATE_DIRECTORY:
        return None
    return tag_version(checkout)


def running_template() -> Path:
    """The running nhsoa's template folder: its checkout's, else the copy its wheel carries."""
    tree = bundled()
    if tree is not None:
        return Path(tree.repository) / (tree.directory or "")
    if not (PACKAGED_TEMPLATE / TEMPLATE_FILE).is_file():
        raise NhsoaError(f"{PACKAGED_TEMPLATE}: this nhsoa installation has lost its template (fix: reinstall nhsoa)")
    return PACKAGED_TEMPLATE


def clean_copy(folder: Path, target: Path) -> Path:
    """``folder`` copied to ``target`` without the bytecode Python writes beside installed modules."""
    shutil.copytree(folder, target, ignore=_IGNORED)
    return target


def template_of(version: str, scratch: Path) -> Path:
    """The template of nhsoa ``version``, as a folder under ``scratch``: this nhsoa's, from its wheel, or cloned."""
    target = scratch / f"template-{version}"
    if version == __version__:
        return clean_copy(running_template(), target)
    try:
        wheel = download(version, scratch / f"wheel-{version}")
    except NhsoaError as offline:
        return _from_host(version, target, offline)
    return extract(wheel, target)[1]


def _from_host(version: str, target: Path, offline: NhsoaError) -> Path:
    """The template at the release's tag in the nhsoa repository: only once no wheel of it can be had."""
    clone = target.with_name(f"repository-{version}")
    tag = release_tag(version)
    outcome = git("clone", "--quiet", "--depth", "1", "--branch", tag, "--", TEMPLATE_REPOSITORY, str(clone))
    folder = clone / TEMPLATE_DIRECTORY
    if outcome.returncode != 0 or not (folder / TEMPLATE_FILE).is_file():
        lines = outcome.stderr.strip().splitlines()
        raise NhsoaError(f"{offline}; the code host did not give it either ({lines[-1] if lines else 'no template'})")
    return clean_copy(folder, target)


def download(version: str, folder: Path) -> Path:
    """The wheel of nhsoa ``version`` from the package index (pip's configuration applies)."""
    args = ["download", "--no-deps", "--only-binary=:all:", "--disable-pip-version-check", "--quiet"]
    try:
        outcome = subprocess.run(
            [sys.executable, "-m", "pip", *args, "--dest", str(folder), f"nhsoa=={version}"],
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError as exc:
        raise NhsoaError(f"cannot run pip to fetch nhsoa {version}: {exc.strerror}") from None
    wheels = sorted(folder.glob("nhsoa-*.whl")) if outcome.returncode == 0 else []
    if not wheels:
        lines = (outcome.stderr or outcome.stdout).strip().splitlines()
        why = lines[-1] if lines else f"pip stopped with exit status {outcome.returncode}"
        raise NhsoaError(
            f"cannot fetch the template of nhsoa {version} from the package index: {why} "
            f"(fix: download its wheel where the index is reachable, `pip download nhsoa=={version} --no-deps`, "
            "and give it with --template nhsoa-...whl)"
        )
    return wheels[0]


def wheel_version(wheel: Path) -> str:
    """The version of the nhsoa wheel ``wheel``, from its metadata; a clear error for any other file."""
    try:
        with zipfile.ZipFile(wheel) as archive:
            names = [n for n in archive.namelist() if PurePosixPath(n).match("nhsoa-*.dist-info/METADATA")]
            metadata = HeaderParser().parsestr(archive.read(names[0]).decode("utf-8")) if len(names) == 1 else None
    except (OSError, zipfile.BadZipFile, UnicodeDecodeError) as exc:
        raise UsageError(f"{wheel}: cannot read it as a wheel: {exc}") from None
    if metadata is None or metadata.get("Name", "").lower() != "nhsoa" or not metadata.get("Version"):
        raise UsageError(f"{wheel}: not an nhsoa wheel (it has no nhsoa-*.dist-info/METADATA naming nhsoa)")
    return str(metadata["Version"])


def extract(wheel: Path, target: Path) -> tuple[str, Path]:
    """The version of ``wheel`` and its template, written to ``target``; only the template's files are read."""
    version = wheel_version(wheel)
    with zipfile.ZipFile(wheel) as archive:
        members = [n for n in archive.namelist() if n.startswith(WHEEL_TEMPLATE) and not n.endswith("/")]
        for name in members:
            relative = PurePosixPath(name[len(WHEEL_TEMPLATE) :])
            if relative.is_absolute() or ".." in relative.parts or "__pycache__" in relative.parts:
                continue  # a hostile or stray entry: nothing is written outside the template folder
            path = target.joinpath(*relative.parts)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(archive.read(name))
    if not (target / TEMPLATE_FILE).is_file():
        raise UsageError(f"{wheel}: nhsoa {version}'s wheel carries no template (it has no {WHEEL_TEMPLATE})")
    return version, target
