"""Run the pipeline: ``python -m {{ cookiecutter.package_name }} [--input CSV] [--output CSV]``."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from {{ cookiecutter.package_name }}.pipeline import DEFAULT_OUTPUT, PipelineError, example_data, run

LOG = logging.getLogger("{{ cookiecutter.package_name }}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m {{ cookiecutter.package_name }}",
        description="Summarise attendances by month and department.",
    )
    parser.add_argument("--input", type=Path, help="attendances CSV (default: the synthetic example data)")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help=f"summary CSV (default: {DEFAULT_OUTPUT})")
    parser.add_argument("--log-file", type=Path, help="also write the log to this file")
    parser.add_argument("-q", "--quiet", action="store_true", help="log warnings and errors only")
    args = parser.parse_args(argv)

    handlers: list[logging.Handler] = [logging.StreamHandler()]
    if args.log_file:
        args.log_file.parent.mkdir(parents=True, exist_ok=True)
        handlers.append(logging.FileHandler(args.log_file, encoding="utf-8"))
    formatter = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    LOG.setLevel(logging.WARNING if args.quiet else logging.INFO)
    for handler in handlers:
        handler.setFormatter(formatter)
        LOG.addHandler(handler)
    try:
        run(args.input or example_data(), args.output)
    except PipelineError as exc:
        LOG.error("%s", exc)
        return 1
    finally:
        for handler in handlers:
            LOG.removeHandler(handler)
            handler.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
