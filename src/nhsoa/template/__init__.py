"""The analytics-product template: where it is, generating projects from it, checking and updating them.

The template is a plain cookiecutter template (``templates/analytics-product`` in the nhsoa
repository). Projects are generated with cruft, which records the template, its commit and the
answers in ``.cruft.json``; :mod:`nhsoa.template.drift` re-bakes the template with those answers
to find drift, and :mod:`nhsoa.template.upgrade` applies template changes with cruft.
"""

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
