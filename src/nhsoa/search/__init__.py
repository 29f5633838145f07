"""One search for the registry: the site's catalogue filter and ``nhsoa search`` rank by it.

:func:`build` makes an :class:`Index` of entries (the site writes it as JSON for the
browser), :func:`rank` orders the entries for a query. ``site/docs/assets/nhsoa/search.js``
ranks the same JSON by the same rules; the tests hold the two to the same order.
"""

from __future__ import annotations

from nhsoa.search.index import Index, build
from nhsoa.search.ranking import Hit, rank
from nhsoa.search.vocabulary import VOCABULARY_FILE, Vocabulary
from nhsoa.search.vocabulary import load as load_vocabulary

__all__ = ["VOCABULARY_FILE", "Hit", "Index", "Vocabulary", "build", "load_vocabulary", "rank"]
