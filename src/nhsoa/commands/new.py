"""``nhsoa new``: start a product from the analytics-product template."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from nhsoa.errors import given_by
from nhsoa.template.answers import parse_settings
from nhsoa.template.generate import new
from nhsoa.template.source import resolve


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "new",
        help="start a product from the analytics-product template",
        description="Generate a product from the template (with cruft, so `.cruft.json` records it), "
        "then make the first git commit and install the pre-commit hooks.",
    )
    parser.add_argument("--no-input", action="store_true", help="ask nothing: use the defaults and --set answers")
    parser.add_argument(
        "--set",
        dest="settings",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="answer a template question, e.g. --set product_name='Bed Occupancy' (repeatable)",
    )
    parser.add_argument(
        "-o", "--output-dir", type=Path, default=Path("."), metavar="DIR", help="where to make the project (default: .)"
    )
    parser.add_argument(
        "--template",
        metavar="PATH_OR_URL",
        help="template: a folder in a git repository, or a git URL (default: the nhsoa analytics-product template)",
    )
    parser.add_argument("--directory", metavar="DIR", help="the template's folder inside a --template repository")
    parser.add_argument("--checkout", metavar="REF", help="template branch, tag or commit to use")
    parser.add_argument("--no-git", action="store_true", help="do not make a git repository or the first commit")
    parser.add_argument("--no-hooks", action="store_true", help="do not install the pre-commit hooks")
    parser.set_defaults(run=run)


@given_by("--set")  # answers the template refuses name the question: `--set licence: ...`
def run(args: argparse.Namespace) -> int:
    answers = parse_settings(args.settings)
    source = resolve(args.template, args.directory, args.checkout)
    result = new(
        source,
        args.output_dir,
        answers,
        no_input=args.no_input,
        use_git=not args.no_git,
        install_hooks=not args.no_hooks,
    )
    for note in result.notes:
        print(f"note: {note}", file=sys.stderr)
    print(f"created {result.project}")
    if result.committed:
        print("  made the first commit" + (" and installed the pre-commit hooks" if result.hooks_installed else ""))
    if result.language == "R":
        test = 'Rscript -e "testthat::test_local()"'
        print(f"next: cd {result.project} && {test} (README.md lists the R packages it needs)")
    else:
        print(
            f"next: cd {result.project} && python -m venv .venv && . .venv/bin/activate "
            '&& python -m pip install -e ".[dev]" && python -m pytest'
        )
    return 0
