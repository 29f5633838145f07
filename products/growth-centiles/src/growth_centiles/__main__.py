"""Run the example pipeline: ``python -m growth_centiles [--input FILE] [--output FILE] [--log-file FILE]``.

For files of your own, the ``growth-centiles calculate`` command has column mapping, date
formats, a progress bar and a summary table; this entry point runs the same calculation with
a plain log, as the template's tasks and CI expect of every product.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from growth_centiles.pipeline import DEFAULT_OUTPUT, PipelineError, example_data, run

LOG = logging.getLogger("growth_centiles")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m growth_centiles",
        description="Calculate growth SDS and centiles for every measurement in a file, logging each step.",
    )
    parser.add_argument("--input", type=Path, help="measurements, CSV or Parquet (default: the synthetic example)")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help=f"results file (default: {DEFAULT_OUTPUT})")
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
