"""The analytics-product template: where it is, generating projects from it, checking and updating them.

The template is a plain cookiecutter template (``templates/analytics-product`` in the nhsoa
repository). Projects are generated with cruft, which records the template, its commit and the
answers in ``.cruft.json``; :mod:`nhsoa.template.drift` re-bakes the template with those answers
to find drift, and :mod:`nhsoa.template.upgrade` applies template changes with cruft.
"""

TEMPLATE_NAME = "analytics-product"
TEMPLATE_DIRECTORY = "templates/analytics-product"
TEMPLATE_REPOSITORY = "https://github.com/nhsoa/nhsoa"
CRUFT_FILE = ".cruft.json"
