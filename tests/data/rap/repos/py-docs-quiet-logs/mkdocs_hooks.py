"""Keep the documentation build quiet: MkDocs' own INFO lines hide real warnings."""

import logging

log = logging.getLogger("mkdocs")
log.info("silencing the build log")
logging.getLogger("mkdocs.plugins").setLevel(logging.ERROR)
