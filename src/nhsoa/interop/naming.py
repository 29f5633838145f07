"""A tool's display name and default id, without the noise of test builds and language tags.

A package's own name is kept as its authors write it, except for a test or development suffix
(``nhspy-plotthedots-test`` is ``nhspy-plotthedots``). A name taken from a repository's address
also loses the language tag that only tells the repository apart from a twin in another
language (``py-phsopendata``, ``RAP_example_pipeline_r``).
"""

from __future__ import annotations

import re

from nhsoa.interop import common

_BUILD_SUFFIX = re.compile(r"[-_.](?:test|tests|testing|dev|devel)$", re.IGNORECASE)
_LANGUAGE_PREFIX = re.compile(r"^(?:py|python|r)[-_](?=.)", re.IGNORECASE)
_LANGUAGE_SUFFIX = re.compile(r"(?<=.)[-_](?:py|python|r)$", re.IGNORECASE)


def clean_package_name(name: str) -> str:
    """A package name without a test or development suffix."""
    cleaned = _BUILD_SUFFIX.sub("", name.strip())
    return cleaned or name.strip()


def name_from_repository(repository: str) -> str:
    """The last part of a repository address, without ``.git``, build suffixes or language tags."""
    last = repository.rstrip("/").rsplit("/", 1)[-1].removesuffix(".git")
    cleaned = clean_package_name(last)
    cleaned = _LANGUAGE_SUFFIX.sub("", _LANGUAGE_PREFIX.sub("", cleaned))
    return cleaned or last


def default_id(package: str | None, repository: str | None, name: str | None) -> str:
    """The entry id: from the package's name, else the repository's, else the display name.

    A package whose name is one part of its repository's name (``inputs`` in ``nhp_inputs``) takes
    the repository's: the registry's ids are shared by every organisation, and the longer name says
    whose inputs they are.
    """
    package_id = common.slug(clean_package_name(package)) if package else ""
    repository_id = common.slug(name_from_repository(repository)) if repository else ""
    if package_id and repository_id != package_id and f"-{package_id}-" in f"-{repository_id}-":
        return repository_id
    for candidate in (package_id, repository_id, common.slug(name) if name else ""):
        if len(candidate) >= 2:
            return candidate
    return ""
