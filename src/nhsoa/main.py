"""The ``nhsoa`` command line: parse arguments, dispatch to a command, map outcomes to exit codes.

Exit codes: 0 success, 1 findings at error level or an expected failure, 2 usage, 3 a bug,
130 interrupted. Commands live one per module in :mod:`nhsoa.commands`.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Sequence

from nhsoa import __version__
from nhsoa.commands import modules
from nhsoa.errors import NhsoaError, UsageError

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_BUG, EXIT_INTERRUPTED = 0, 1, 2, 3, 130


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser for ``argv``: with only the command it names, or with every command (``argv`` None)."""
    parser = argparse.ArgumentParser(
        prog="nhsoa",
        description="NHS Open Analytics: validate, search and publish the registry; start products from the template.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="show tracebacks for internal errors")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for command in modules(argv):
        command.add_parser(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(argv)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has printed the usage message
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    try:
        return int(args.run(args))
    except UsageError as exc:
        print(f"nhsoa: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except NhsoaError as exc:
        print(f"nhsoa: error: {exc}", file=sys.stderr)
        return EXIT_FINDINGS
    except KeyboardInterrupt:
        print("nhsoa: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (e.g. `| head`); nothing more to say
        return EXIT_OK
    except Exception as exc:
        if args.verbose:
            traceback.print_exc()
        print(
            f"nhsoa: internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in nhsoa. Run again with -v for the traceback and report it.",
            file=sys.stderr,
        )
        return EXIT_BUG


if __name__ == "__main__":
    raise SystemExit(main())
