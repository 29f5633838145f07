"""Ranking a query over an :class:`~nhsoa.search.index.Index` (``search.js`` runs the same steps).

1. The query becomes items: vocabulary terms ("referral to treatment" -> the RTT group),
   the other words, stemmed (stop words are dropped unless nothing else is left), and each
   two neighbouring words as a pair ("run chart").
2. Each item matches the entries whose fields hold it (a word of four letters or more also
   matches words it begins, at half weight). An item scores, per entry, eight times the
   weight of its best field plus one per field it is in, times its rarity: 1 plus how many
   times the number of entries holding it can be doubled within the registry's size.
3. Entries are ordered by score, then how many items matched, how many matched in the
   name, phase (live first), adopters, and latest activity; the index's order (by id) only
   separates entries equal in all of these. Then each retired tool moves to just after the
   last live or beta tool that matches as many of the query's words (not counting pairs),
   unless the query names the tool or asks for retired ones ("retired", "dormant"...).

All arithmetic is on whole numbers, so the browser and Python agree exactly.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from nhsoa.search.fields import NAME, WEIGHTS, PhraseTable, pair
from nhsoa.search.index import MASK_BITS, PREFIX_MIN, STATUS_WORDS, Index
from nhsoa.search.stem import stem
from nhsoa.search.text import STOPWORDS, words

BREADTH = 8  # a field's weight counts this much more than being in one more field


@dataclass(frozen=True)
class Item:
    term: str  # a stem, or "@<group>" for a vocabulary term
    word: bool  # False for a vocabulary term


@dataclass(frozen=True)
class Query:
    items: tuple[Item, ...]
    wants_retired: bool


@dataclass(frozen=True)
class Hit:
    id: str
    score: int
    matched: int  # how many of the query's items the entry holds


def analyse(index: Index, text: str) -> Query:
    raw = words(text)
    stems = [stem(w) for w in raw]
    starts = {start: (length, concept) for start, length, concept in _phrase_table(index.phrases).find(stems)}
    items: list[tuple[Item, str]] = []
    position = 0
    while position < len(stems):
        if position in starts:
            length, concept = starts[position]
            items.append((Item(concept, False), ""))
            position += length
        else:
            items.append((Item(stems[position], True), raw[position]))
            position += 1
    chosen = [item for item, w in items if not (item.word and w in STOPWORDS)] or [item for item, _ in items]
    # Neighbouring words also count as a pair ("run chart"), which fields other than the description
    # hold; inside a vocabulary term too, so that its very words rank above its synonyms.
    paired = [s for w, s in zip(raw, stems, strict=True) if w not in STOPWORDS] or stems
    pairs = [Item(pair(a, b), False) for a, b in pairwise(paired)]
    kept: list[Item] = []
    for item in chosen + pairs:
        if item not in kept:
            kept.append(item)
    return Query(tuple(kept), any(w in STATUS_WORDS for w in raw))


@lru_cache(maxsize=4)
def _phrase_table(phrases: tuple[tuple[tuple[str, ...], str], ...]) -> PhraseTable:
    return PhraseTable(dict(phrases))


def rank(index: Index, text: str) -> list[Hit]:
    """The entries that hold any item of the query ``text``, best first."""
    query = analyse(index, text)
    total = len(index.ids)
    score: dict[int, int] = {}
    matched: dict[int, int] = {}
    words: dict[int, int] = {}  # items matched, pairs of words aside
    in_name: dict[int, int] = {}
    for item in query.items:
        masks = _masks(index, item)
        weight = _rarity(len(masks), total)
        for entry, (exact, prefix) in masks.items():
            best = max(_best(exact, 1), _best(prefix, 2))
            fields = (exact | prefix).bit_count()
            score[entry] = score.get(entry, 0) + weight * (best * BREADTH + fields)
            matched[entry] = matched.get(entry, 0) + 1
            if " " not in item.term:
                words[entry] = words.get(entry, 0) + 1
            if exact & (1 << NAME):
                in_name[entry] = in_name.get(entry, 0) + 1

    def relevance(entry: int) -> tuple[int, ...]:
        _, phase, adopters, activity = index.meta[entry]
        return (-score[entry], -matched[entry], -in_name.get(entry, 0), phase, -adopters, -activity, entry)

    natural = sorted(score, key=relevance)
    moved = _after_rivals(index, query, natural, words)
    return [Hit(index.ids[e], score[e], matched[e]) for e in sorted(natural, key=lambda e: moved[e])]


def _after_rivals(
    index: Index, query: Query, natural: Sequence[int], words: dict[int, int]
) -> dict[int, tuple[int, ...]]:
    """Each entry's place: a retired tool moves to just after the last live or beta tool that
    matches as many of the query's words, unless the query names it or asks for retired tools."""
    last_with: dict[int, int] = {}  # words matched -> last position of an active tool matching that many or more
    for position, entry in enumerate(natural):
        if not index.meta[entry][0]:
            last_with[words.get(entry, 0)] = position
    bar, most = -1, max(last_with, default=0)
    bars: dict[int, int] = {}
    for count in range(most, -1, -1):
        bar = max(bar, last_with.get(count, -1))
        bars[count] = bar
    places: dict[int, tuple[int, ...]] = {}
    for position, entry in enumerate(natural):
        bar = bars.get(words.get(entry, 0), -1)
        retired = index.meta[entry][0]
        if retired and bar > position and not query.wants_retired and not _named(index, entry, query):
            places[entry] = (bar, 1, position)
        else:
            places[entry] = (position, 0, position)
    return places


def _masks(index: Index, item: Item) -> dict[int, tuple[int, int]]:
    """Entry -> (fields holding the item, fields holding a longer word it begins)."""
    terms = index.terms
    found: dict[int, tuple[int, int]] = {}
    at = bisect_left(terms, item.term)
    if at < len(terms) and terms[at] == item.term:
        for posting in index.postings[at]:
            found[posting // MASK_BITS] = (posting % MASK_BITS, 0)
        at += 1
    if item.word and len(item.term) >= PREFIX_MIN:
        while at < len(terms) and terms[at].startswith(item.term):
            if " " in terms[at]:  # a pair of words is matched whole, never begun
                at += 1
                continue
            for posting in index.postings[at]:
                entry, mask = divmod(posting, MASK_BITS)
                exact, prefix = found.get(entry, (0, 0))
                found[entry] = (exact, prefix | mask)
            at += 1
    return found


def _best(mask: int, divisor: int) -> int:
    return max((weight // divisor for bit, weight in enumerate(WEIGHTS) if mask & (1 << bit)), default=0)


def _rarity(holding: int, total: int) -> int:
    doublings = 0
    while holding and holding * 2 ** (doublings + 1) <= total:
        doublings += 1
    return 1 + doublings


def _named(index: Index, entry: int, query: Query) -> bool:
    """The query names the tool: it uses (or begins) every word that tells the tool's name apart."""
    typed = [item.term for item in query.items if item.word]
    parts = index.names[entry]
    return bool(parts) and all(any(_covers(t, index.terms[part]) for t in typed) for part in parts)


def _covers(typed: str, word: str) -> bool:
    return typed == word or (len(typed) >= PREFIX_MIN and word.startswith(typed))


def ranked_ids(index: Index, text: str) -> Sequence[str]:
    return [hit.id for hit in rank(index, text)]
