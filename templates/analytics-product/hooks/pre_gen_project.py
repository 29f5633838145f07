"""Check the answers before any file is written; on a problem, say which answer and how to fix it.

Cookiecutter renders this file with the answers (the one line below) and runs it; exit status 1
stops generation and removes the half-made folder. The rules are plain Python so they can be read,
imported and tested without cookiecutter.
"""

from __future__ import annotations

import json
import keyword
import re
import sys

ANSWERS_JSON = r"""{{ cookiecutter | jsonify }}"""

# The rest is plain Python: Jinja leaves it as it is.
# {% raw %}

# The topics of the nhsoa taxonomy (registry/taxonomy.yaml); a test keeps this list in step.
TOPICS = [
    "rap",
    "templates",
    "code-library",
    "visualisation",
    "spc",
    "benchmarking",
    "dashboards",
    "growth-charts",
    "paediatrics",
    "clinical-calculation",
    "clinical-safety",
    "clinical-audit",
    "synthetic-data",
    "privacy",
    "record-linkage",
    "data-quality",
    "data-preparation",
    "nhs-number",
    "reference-data",
    "geography",
    "inequalities",
    "public-health",
    "open-data",
    "demand-modelling",
    "simulation",
    "waiting-lists",
    "ehr",
    "trusted-research-environments",
    "codelists",
    "nlp",
    "patient-experience",
    "ai-assurance",
    "hospital-activity",
    "primary-care",
    "prescribing",
    "mental-health",
    "critical-care",
    "official-statistics",
    "open-source",
    "training",
]

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
PACKAGE = re.compile(r"^[a-z][a-z0-9_]*$")
R_PACKAGE = re.compile(r"^[A-Za-z][A-Za-z0-9.]*[A-Za-z0-9]$")
ODS_CODE = re.compile(r"^[A-Z0-9]{3,7}$")
EMAIL = re.compile(r"^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
NAMESPACE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)?$")
HTTPS_URL = re.compile(r"^https://[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+(/[A-Za-z0-9._~%/+-]*)?$")
TEMPLATE_SYNTAX = re.compile(r"\{\{|\{%|\{#")
HTML = re.compile(r"[<>]")
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
VERSION = re.compile(r"^[0-9]+(\.[0-9]+)*([.+-]?[A-Za-z0-9.+-]+)?$")

# R packages a product's package must not be named after (compared ignoring case, as Windows and
# macOS file systems do): R's base and recommended packages, which it would hide, and the packages
# the R flavour uses, which installing it would replace.
R_RESERVED = frozenset(
    name.lower()
    for name in (
        *("base", "compiler", "datasets", "graphics", "grDevices", "grid", "methods", "parallel", "splines"),
        *("stats", "stats4", "tcltk", "tools", "utils"),
        *("boot", "class", "cluster", "codetools", "foreign", "KernSmooth", "lattice", "MASS", "Matrix", "mgcv"),
        *("nlme", "nnet", "rpart", "spatial", "survival"),
        *("logger", "testthat", "knitr", "rmarkdown", "pkgload", "lintr", "roxygen2", "renv", "rcmdcheck"),
        *("cli", "glue", "rlang", "withr", "xfun", "evaluate"),
    )
)

TEXT_LIMITS = {  # answer: (shortest, longest)
    "product_name": (1, 100),
    "summary": (10, 200),
    "owner_organisation": (1, 200),
    "product_owner": (1, 200),
    "author_name": (1, 200),
}


def problems(answers: dict[str, object]) -> list[str]:
    """Every problem with the answers, as ``answer: what is wrong (fix: what to do)`` lines."""
    found = [
        f"{key}: contains template syntax ({{{{, {{% or {{#}}) (fix: remove the braces)"
        for key, value in answers.items()
        if not key.startswith("_") and isinstance(value, str) and TEMPLATE_SYNTAX.search(value)
    ]
    if found:
        return found  # derived answers would repeat the same problem
    found += _version_problems(str(answers.get("_nhsoa_version", "")))
    for key, (shortest, longest) in TEXT_LIMITS.items():
        found += _text_problems(key, str(answers.get(key, "")), shortest, longest)
    found += _name_problems(answers)
    found += _contact_problems(answers)
    found += _topic_problems(str(answers.get("topics", "")))
    return found


def _version_problems(version: str) -> list[str]:
    """The nhsoa release the project pins: `nhsoa new` sets it to the release the template belongs to."""
    if not version or VERSION.match(version):
        return []  # empty: generated without nhsoa; main() warns that nhsoa is left unpinned
    return [
        f"_nhsoa_version: {version!r} is not a version; it is the nhsoa release the project pins "
        "(fix: generate with `nhsoa new`, which sets it, or give it, e.g. `cookiecutter TEMPLATE _nhsoa_version=0.1.0`)"
    ]


def _text_problems(key: str, value: str, shortest: int, longest: int) -> list[str]:
    text = value.strip()
    if len(text) < shortest:
        what = "is empty" if not text else f"is {len(text)} characters; the shortest allowed is {shortest}"
        return [f"{key}: {what} (fix: give a value)"]
    if len(text) > longest:
        return [f"{key}: is {len(text)} characters; the limit is {longest} (fix: shorten it)"]
    if text != value:
        return [f"{key}: starts or ends with spaces (fix: remove them)"]
    if CONTROL.search(value):
        return [f"{key}: contains a line break or control character (fix: write one plain line)"]
    if HTML.search(value):
        return [f"{key}: contains < or > (fix: write plain text without HTML)"]
    return []


def _name_problems(answers: dict[str, object]) -> list[str]:
    found = []
    slug = str(answers.get("project_slug", ""))
    if not SLUG.match(slug) or not 2 <= len(slug) <= 64:
        found.append(
            f"project_slug: {slug!r} is not a slug of 2 to 64 lower-case letters, digits and single hyphens "
            "(fix: choose a product name with letters in it, or set project_slug)"
        )
    package = str(answers.get("package_name", ""))
    if answers.get("language") == "R":
        return found + _r_package_problems(package)
    stdlib = getattr(sys, "stdlib_module_names", frozenset())
    if not PACKAGE.match(package) or keyword.iskeyword(package) or len(package) > 64:
        found.append(
            f"package_name: {package!r} is not a Python package name "
            "(fix: set package_name to lower-case letters, digits and underscores, starting with a letter)"
        )
    elif package in stdlib:
        found.append(f"package_name: {package!r} would hide the standard library module (fix: choose another name)")
    return found


def _r_package_problems(package: str) -> list[str]:
    if not R_PACKAGE.match(package) or len(package) > 64:
        return [
            f"package_name: {package!r} is not an R package name "
            "(fix: set package_name to letters, digits and dots, starting with a letter and not ending with a dot)"
        ]
    if package.lower() in R_RESERVED:
        return [f"package_name: {package!r} is the name of an R package it needs or hides (fix: choose another name)"]
    return []


def _contact_problems(answers: dict[str, object]) -> list[str]:
    found = []
    ods = str(answers.get("owner_ods_code", ""))
    if ods and not ODS_CODE.match(ods):
        found.append(
            f"owner_ods_code: {ods!r} is not an ODS code (fix: 3 to 7 capital letters and digits, e.g. RGT, or empty)"
        )
    email = str(answers.get("author_email", ""))
    if not EMAIL.match(email):
        found.append(f"author_email: {email!r} is not an email address (fix: give an address like name@nhs.net)")
    namespace = str(answers.get("repository_namespace", ""))
    if not NAMESPACE.match(namespace):
        found.append(
            f"repository_namespace: {namespace!r} is not a repository owner "
            "(fix: a user or organisation name; for Azure DevOps organisation/project)"
        )
    url = str(answers.get("repository_url", ""))
    if not HTTPS_URL.match(url):
        found.append(f"repository_url: {url!r} is not an https address (fix: give https://host/owner/name)")
    return found


def _topic_problems(text: str) -> list[str]:
    topics = [t.strip() for t in text.split(",") if t.strip()]
    if not topics:
        return ["topics: no topic given (fix: give at least one, e.g. rap)"]
    found = [
        f"topics: {topic!r} is not in the nhsoa taxonomy (fix: choose from {', '.join(TOPICS)})"
        for topic in topics
        if topic not in TOPICS
    ]
    if len(set(topics)) != len(topics):
        found.append("topics: a topic is given twice (fix: give each once)")
    return found


def main() -> int:
    answers = json.loads(ANSWERS_JSON)
    found = problems(answers)
    for line in found:
        print(f"error: {line}", file=sys.stderr)
    if not found and not answers.get("_nhsoa_version"):
        print(
            "warning: _nhsoa_version is empty, so the project will not pin nhsoa "
            "(`nhsoa new` pins its own release; with cookiecutter or cruft give `_nhsoa_version=X.Y.Z`)",
            file=sys.stderr,
        )
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
# {% endraw %}
