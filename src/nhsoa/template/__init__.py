"""The analytics-product template: where it is, generating projects from it, checking and updating them.

The template is a plain cookiecutter template (``templates/analytics-product`` in the nhsoa
repository). Projects are generated with cruft, which records the template, its commit and the
answers in ``.cruft.json``; :mod:`nhsoa.template.drift` re-bakes the template with those answers
to find drift, and :mod:`nhsoa.template.upgrade` applies template changes with cruft.
"""

from collections.abc import Mapping
from typing import Any

TEMPLATE_DIRECTORY = "templates/analytics-product"
TEMPLATE_REPOSITORY = "https://github.com/nhsoa/nhsoa"
CRUFT_FILE = ".cruft.json"

# Paths a generated product makes its own: recorded under `skip` in .cruft.json, so template
# updates leave them alone and `nhsoa check` does not report their edits as drift.
PRODUCT_OWNED = (
    "README.md",
    "CHANGELOG.md",
    "product.yaml",
    "pyproject.toml",
    "mkdocs.yml",
    "src/",
    "tests/",
    "notebooks/",
    "reports/",
    "docs/",
    "governance/",
    "data/",
    ".nhsoa-data-allow",
)
# The same for an R product (`language` R): an R package's own files instead of a Python package's.
R_PRODUCT_OWNED = (
    "README.md",
    "CHANGELOG.md",
    "product.yaml",
    "DESCRIPTION",
    "NAMESPACE",
    "R/",
    "man/",
    "inst/",
    "tests/",
    "reports/",
    "docs/",
    "governance/",
    "data/",
    ".nhsoa-data-allow",
    "renv.lock",
)


def product_owned(answers: Mapping[str, Any]) -> tuple[str, ...]:
    """The paths a product generated with ``answers`` makes its own (the ``skip`` of its record)."""
    return R_PRODUCT_OWNED if answers.get("language") == "R" else PRODUCT_OWNED
