"""The shape of a registry entry (and of a product's ``product.yaml``), as Python types.

The JSON Schema (``nhsoa schema``) is the truth; these types mirror it so that code reading a
validated entry is checked by mypy: a misspelt field is a type error, not a silent ``None``.
``tests/registry/test_entry_types.py`` fails when the two drift apart. Only entries that passed the
schema are typed; checks that read unvalidated data take plain mappings.
"""

from __future__ import annotations

from typing import Literal, TypedDict

Kind = Literal[
    "package",
    "product",
    "template",
    "app",
    "api",
    "pipeline",
    "guidance",
    "component",
    "data",
    "model",
    "research-code",
    "tool",
    "platform",
    "code-library",
]
OwnerType = Literal[
    "nhs-trust",
    "icb",
    "csu",
    "nhs-national-body",
    "nhs-community",
    "public-health-agency",
    "government",
    "royal-college",
    "professional-body",
    "university",
    "charity",
    "company",
    "individual",
    "other",
]
Openness = Literal["coded-in-the-open", "open-source", "closed", "secured"]
Phase = Literal["discovery", "alpha", "beta", "live", "retired"]
RapLevel = Literal["none", "baseline", "silver", "gold"]
CriterionStatus = Literal["met", "not-met", "n/a"]
YesNoUnknown = Literal["yes", "no", "unknown"]
DataLevel = Literal["none", "synthetic", "open", "aggregate", "pseudonymised", "identifiable"]


class Install(TypedDict, total=False):
    pypi: str
    cran: str
    conda: str
    npm: str
    r_universe: str  # "universe/package"


class _OwnerRequired(TypedDict):
    name: str
    type: OwnerType


class Owner(_OwnerRequired, total=False):
    ods_code: str


class _MaintainerRequired(TypedDict):
    name: str


class Maintainer(_MaintainerRequired, total=False):
    github: str
    role: str


class _RoadmapItemRequired(TypedDict):
    item: str


class RoadmapItem(_RoadmapItemRequired, total=False):
    when: str
    status: Literal["planned", "in-progress", "done", "dropped"]


class Product(TypedDict, total=False):
    owner: str
    problem: str
    users: list[str]
    outcomes: list[str]
    success_measures: list[str]
    roadmap: list[RoadmapItem]
    backlog: str


class _RapRequired(TypedDict):
    level: RapLevel


class Rap(_RapRequired, total=False):
    criteria: dict[str, CriterionStatus]  # B1..B5, S1..S9, G1..G4
    assessed: str
    method: Literal["self", "automatic"]


class _ClinicalSafetyRequired(TypedDict):
    applicable: YesNoUnknown


class ClinicalSafety(_ClinicalSafetyRequired, total=False):
    rationale: str
    dcb0129: Literal["not-started", "in-progress", "complete", "not-required"]
    safety_case: str
    hazard_log: str
    cso_named: bool


class _MedicalDeviceRequired(TypedDict):
    status: Literal["not-a-device", "class-i", "class-iia", "class-iib", "class-iii", "unknown"]


class MedicalDevice(_MedicalDeviceRequired, total=False):
    notes: str


class _InformationGovernanceRequired(TypedDict):
    data_level: DataLevel


class InformationGovernance(_InformationGovernanceRequired, total=False):
    dpia: Literal["not-required", "required", "screening-done", "complete", "unknown"]
    data_sources: list[str]
    notes: str


class _EquityRequired(TypedDict):
    assessment: Literal["not-done", "screened", "complete", "not-applicable"]


class Equity(_EquityRequired, total=False):
    notes: str


class _EvidenceRequired(TypedDict):
    type: Literal[
        "publication",
        "evaluation",
        "case-study",
        "safety-case",
        "validation",
        "documentation",
        "presentation",
        "other",
    ]
    title: str
    url: str


class Evidence(_EvidenceRequired, total=False):
    date: str


class _AdopterRequired(TypedDict):
    ods_code: str


class Adopter(_AdopterRequired, total=False):
    since: str
    evidence: str
    contact: str
    confirmed: str


class _TemplateRequired(TypedDict):
    name: str


class Template(_TemplateRequired, total=False):
    version: str


class SkipCheck(TypedDict):
    rule: str
    reason: str


Channel = Literal["pypi", "cran", "conda", "npm", "r_universe", "repository"]
BadgeScheme = Literal["repostatus", "lifecycle", "giscience"]
BadgeStatus = Literal[
    "concept",
    "wip",
    "suspended",
    "abandoned",
    "active",
    "inactive",
    "unsupported",
    "moved",
    "experimental",
    "maturing",
    "stable",
    "questioning",
    "superseded",
    "deprecated",
    "dormant",
    "retired",
    "archived",
    "defunct",
    "hibernate",
    "archive",
]


class InstallEvidence(TypedDict):
    channel: Channel
    package: str
    source: str  # a repository file, a tag, or an index page


class BadgeEvidence(TypedDict):
    scheme: BadgeScheme
    status: BadgeStatus
    source: str


class ArchivedEvidence(TypedDict):
    value: bool
    source: str


class _ReleaseEvidenceRequired(TypedDict):
    version: str
    source: str


class ReleaseEvidence(_ReleaseEvidenceRequired, total=False):
    date: str


class NoticeEvidence(TypedDict):
    text: str
    source: str


class PhaseEvidence(TypedDict, total=False):
    badges: list[BadgeEvidence]
    notice: NoticeEvidence
    archived: ArchivedEvidence
    latest_release: ReleaseEvidence


class LanguageLines(TypedDict):
    language: str
    lines: int


class LicenceEvidence(TypedDict):
    expression: str  # SPDX, as the metadata files declare it
    source: str


class Verification(TypedDict, total=False):
    """Evidence for the facts a trust relies on, as seen at ``last_verified_commit``."""

    licence: LicenceEvidence
    install: list[InstallEvidence]
    phase: PhaseEvidence
    languages: list[LanguageLines]


class _EntryRequired(TypedDict):
    id: str
    name: str
    summary: str
    kind: Kind
    repository: str
    licence: str  # an SPDX expression
    owner: Owner
    phase: Phase


class Entry(_EntryRequired, total=False):
    """One tool: a registry entry, or a product repository's ``product.yaml``."""

    description: str  # Markdown, no raw HTML
    repository_aliases: list[str]
    homepage: str
    documentation: str
    install: Install
    languages: list[str]
    docs_licence: str
    topics: list[str]
    keywords: list[str]
    maintainers: list[Maintainer]
    contact: str
    openness: Openness
    superseded_by: str
    retired_reason: str
    last_commit: str  # dates are ISO 8601 text, as in the YAML
    caveats: list[str]
    product: Product
    rap: Rap
    clinical_safety: ClinicalSafety
    medical_device: MedicalDevice
    information_governance: InformationGovernance
    equity: Equity
    evidence: list[Evidence]
    adopters: list[Adopter]
    added: str
    last_verified: str
    last_verified_commit: str  # 40 hex digits
    verification: Verification
    template: Template
    skip_checks: list[SkipCheck]
