"""The registry as the site presents it: tools, the organisations around them, topics.

Everything the pages need that is not a field of one entry is worked out here once
(who adopts what, by region; related tools; stale confirmations), so each page
generator stays a plain function of this model.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from markupsafe import Markup
from numpy.typing import NDArray

from nhsoa.registry.catalogue import Catalogue
from nhsoa.registry.checks import ADOPTER_STALE_MONTHS
from nhsoa.registry.entry import Entry
from nhsoa.registry.store import Organisation, Reference, Topic
from nhsoa.site.paths import slug

UNKNOWN_REGION = "Region not recorded"
REGION_ORDER = (
    "London", "South East", "South West", "East of England", "Midlands", "North West",
    "North East and Yorkshire", "National",
)  # fmt: skip


@dataclass
class Org:
    """An organisation that publishes or adopts tools (or both)."""

    key: str  # the page name: the ODS code, else a slug of the owner's name
    name: str
    type: str
    region: str
    ods_code: str | None = None
    publishes: list[Entry] = field(default_factory=list)
    adopts: list[Entry] = field(default_factory=list)


@dataclass(frozen=True)
class Adoption:
    entry: Entry
    org: Org
    since: str | None
    confirmed: str | None
    stale: bool
    evidence: str | None


@dataclass
class Site:
    entries: list[Entry]
    by_id: dict[str, Entry]
    topics: dict[str, Topic]
    orgs: dict[str, Org]
    adoptions: list[Adoption]
    today: date
    skipped: int = 0
    owner_key: dict[str, str] = field(default_factory=dict)  # entry id -> Org.key of its owner
    successors_of: dict[str, list[Entry]] = field(default_factory=dict)  # id -> entries it supersedes
    adoptions_by_id: dict[str, list[Adoption]] = field(default_factory=dict)
    list_rows: dict[str, Markup] = field(default_factory=dict)  # a tool's row in lists, built once (pages.tool_list)
    _in_topic: dict[str, list[Entry]] | None = None
    _by_topic: dict[str, NDArray[np.intp]] = field(default_factory=dict)  # tool ranks by topic, for related()
    _by_keyword: dict[str, NDArray[np.intp]] = field(default_factory=dict)
    _rank: dict[str, int] = field(default_factory=dict)
    _ordered: list[Entry] = field(default_factory=list)

    def adoptions_of(self, entry_id: str) -> list[Adoption]:
        return self.adoptions_by_id.get(entry_id, [])

    def in_topic(self, topic_id: str) -> list[Entry]:
        """The tools with this topic, in registry order."""
        if self._in_topic is None:
            self._in_topic = defaultdict(list)
            for entry in self.entries:
                for topic in dict.fromkeys(entry.get("topics", [])):
                    self._in_topic[topic].append(entry)
        return self._in_topic.get(topic_id, [])

    def owner(self, entry: Entry) -> Org:
        return self.orgs[self.owner_key[entry["id"]]]

    def adopter_regions(self, entry: Entry) -> list[str]:
        return sorted({a.org.region for a in self.adoptions_of(entry["id"])}, key=region_rank)

    def related(self, entry: Entry, limit: int = 5) -> list[Entry]:
        """Other tools sharing the most topics (3 points each) and distinctive keywords (1 each).

        Ties go to live tools before retired ones, then by name. Scored through inverted
        indexes of tool ranks; keywords that a large share of the registry uses say little and
        are skipped, which keeps a 5,000-entry registry to seconds.
        """
        if not self._ordered:
            self._index_features()
        postings = [self._by_topic[t] for t in entry.get("topics", []) if t in self._by_topic] * 3
        postings += [
            self._by_keyword[k] for k in {k.casefold() for k in entry.get("keywords", [])} if k in self._by_keyword
        ]
        if not postings:
            return []
        size = len(self._ordered)
        scores = np.bincount(np.concatenate(postings), minlength=size)
        own = self._rank.get(entry["id"])
        if own is not None:
            scores[own] = 0
        candidates = np.flatnonzero(scores)  # ranks, ascending
        best = candidates[np.argsort(candidates - scores[candidates] * size, kind="stable")[:limit]]
        return [self._ordered[rank] for rank in best.tolist()]

    def _index_features(self) -> None:
        self._ordered = sorted(self.entries, key=lambda e: (e.get("phase") == "retired", e["name"].casefold(), e["id"]))
        self._rank = {e["id"]: rank for rank, e in enumerate(self._ordered)}
        by_topic: defaultdict[str, dict[int, None]] = defaultdict(dict)
        by_keyword: defaultdict[str, dict[int, None]] = defaultdict(dict)
        for rank, entry in enumerate(self._ordered):
            for topic in entry.get("topics", []):
                by_topic[topic][rank] = None
            for keyword in {k.casefold() for k in entry.get("keywords", [])}:
                by_keyword[keyword][rank] = None
        common = max(25, len(self.entries) // 50)
        self._by_topic = {t: np.fromiter(ranks, dtype=np.intp) for t, ranks in by_topic.items()}
        self._by_keyword = {
            k: np.fromiter(ranks, dtype=np.intp) for k, ranks in by_keyword.items() if len(ranks) <= common
        }


def region_rank(region: str) -> tuple[int, str]:
    return (REGION_ORDER.index(region) if region in REGION_ORDER else len(REGION_ORDER), region)


def months_between(earlier: date, later: date) -> int:
    return (later.year - earlier.year) * 12 + later.month - earlier.month - (later.day < earlier.day)


def is_stale(confirmed: str | None, today: date) -> bool:
    """A confirmation older than the registry's limit (or missing) may no longer hold."""
    if not confirmed:
        return True
    try:
        return months_between(date.fromisoformat(confirmed), today) >= ADOPTER_STALE_MONTHS
    except ValueError:
        return True


def build_model(catalogue: Catalogue, reference: Reference, today: date) -> Site:
    entries = list(catalogue.entries)
    by_id = {e["id"]: e for e in entries}
    orgs: dict[str, Org] = {}
    owner_key: dict[str, str] = {}
    taken_slugs: Counter[str] = Counter()

    def known(code: str) -> Org:
        if code not in orgs:
            ref: Organisation | None = reference.organisations.get(code)
            orgs[code] = Org(
                key=code,
                name=ref.name if ref else code,
                type=ref.type if ref else "organisation",
                region=ref.region if ref else UNKNOWN_REGION,
                ods_code=code,
            )
        return orgs[code]

    named: dict[str, str] = {}  # casefolded owner name -> key, for owners without an ODS code
    for entry in entries:
        owner = entry["owner"]
        code = owner.get("ods_code")
        if code:
            org = known(code)
            org.name = reference.organisations[code].name if code in reference.organisations else owner["name"]
        else:
            name_key = owner["name"].casefold()
            if name_key not in named:
                base = "publisher-" + slug(owner["name"])
                taken_slugs[base] += 1
                key = base if taken_slugs[base] == 1 else f"{base}-{taken_slugs[base]}"
                named[name_key] = key
                orgs[key] = Org(key=key, name=owner["name"], type=owner.get("type", "other"), region=UNKNOWN_REGION)
            org = orgs[named[name_key]]
        org.publishes.append(entry)
        owner_key[entry["id"]] = org.key

    adoptions = []
    for entry in entries:
        for adopter in entry.get("adopters", []):
            org = known(adopter["ods_code"])
            org.adopts.append(entry)
            adoptions.append(
                Adoption(
                    entry=entry,
                    org=org,
                    since=adopter.get("since"),
                    confirmed=adopter.get("confirmed"),
                    stale=is_stale(adopter.get("confirmed"), today),
                    evidence=adopter.get("evidence"),
                )
            )

    by_entry: dict[str, list[Adoption]] = defaultdict(list)
    for adoption in adoptions:
        by_entry[adoption.entry["id"]].append(adoption)
    successors: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        if entry.get("superseded_by") in by_id:
            successors[entry["superseded_by"]].append(entry)

    return Site(
        entries=entries,
        by_id=by_id,
        topics=dict(reference.topics),
        orgs=orgs,
        adoptions=adoptions,
        today=today,
        skipped=len({f.path for f in catalogue.skipped}),
        owner_key=owner_key,
        successors_of=dict(successors),
        adoptions_by_id=by_entry,
    )
