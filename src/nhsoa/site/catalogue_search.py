"""The catalogue's search in the browser: the index the library builds, and the script that ranks it.

``search.js`` ranks a query over this index by the rules of :mod:`nhsoa.search`, so the
site's text filter and ``nhsoa search`` put the same registry in the same order. The index
is written into the catalogue's data file, a script rather than a JSON file, so that the
catalogue also works opened straight from a folder (``file://`` pages cannot fetch JSON).
"""

from __future__ import annotations

from nhsoa.registry.catalogue import Catalogue
from nhsoa.site.html import json_for_script

SCRIPT_FILE = "assets/nhsoa/search.js"


def index_script(catalogue: Catalogue) -> str:
    return f"window.nhsoaSearchIndex={json_for_script(catalogue.search_index().to_json())};\n"
