"""Generate from the template this nhsoa carries, recording it as the nhsoa repository at the release's tag.

The record is cruft's own (template, commit, checkout, context, directory, skip): the template is
the nhsoa repository, and ``commit`` and ``checkout`` are the release's tag, which names the commit
the release was built from. cruft resolves a tag wherever it takes a commit, so ``cruft check
--checkout v<version>`` and ``cruft diff`` read the record as well as ``nhsoa check`` and ``nhsoa update``.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from nhsoa.errors import NhsoaError
from nhsoa.template.releases import clean_copy
from nhsoa.template.render import Recorded, render
from nhsoa.template.source import TemplateSource


def create(
    source: TemplateSource,
    output_dir: Path,
    extra_context: dict[str, Any],
    *,
    no_input: bool,
    skip: Callable[[Mapping[str, Any]], Sequence[str]],
) -> Path:
    """Render ``source.folder`` into ``output_dir`` and write ``.cruft.json`` (see :func:`render`); the project."""
    if source.folder is None or source.checkout is None:
        raise NhsoaError("a packaged template needs its folder and its release tag")
    recorded = Recorded(source.repository, source.checkout, source.checkout, source.directory)
    with tempfile.TemporaryDirectory(prefix="nhsoa-template-") as scratch:
        folder = clean_copy(source.folder, Path(scratch) / "template")
        return render(folder, output_dir, extra_context, recorded, no_input=no_input, skip=skip)
