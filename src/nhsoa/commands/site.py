"""``nhsoa site build`` and ``nhsoa site serve``: the published registry."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from nhsoa.commands.options import add_registry_option, add_today_option, registry_root
from nhsoa.errors import NhsoaError
from nhsoa.registry.report import shown_path

DEFAULT_OUT = Path("site-build")
_STAGES = {"load": "Reading the registry", "reports": "Rendering product reports", "pages": "Writing pages",
           "render": "Rendering with MkDocs"}  # fmt: skip


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "site",
        help="build or serve the registry's website",
        description="Build the registry's website (MkDocs, Material theme) or serve it on 127.0.0.1.",
    )
    actions = parser.add_subparsers(dest="site_command", metavar="ACTION", required=True)
    build = actions.add_parser("build", help="build the site into a folder", description="Build the site.")
    _common(build)
    build.add_argument(
        "--pages-only",
        action="store_true",
        help="only generate the MkDocs project into OUT/source (build it with any MkDocs 1.6-compatible tool)",
    )
    build.set_defaults(run=run_build)
    serve = actions.add_parser(
        "serve", help="build the site and show it on 127.0.0.1", description="Build the site, then serve it locally."
    )
    _common(serve)
    serve.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default: 8000; 0 picks a free one)")
    serve.add_argument("--no-build", action="store_true", help="serve the site already in OUT/public")
    serve.set_defaults(run=run_serve)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, metavar="DIR", help=f"build folder (default: {DEFAULT_OUT}/)"
    )
    parser.add_argument(
        "--products", type=Path, metavar="DIR", help="products folder (default: products/ beside the registry)"
    )
    add_registry_option(parser)
    add_today_option(parser)


def _products_dir(args: argparse.Namespace, registry: Path) -> Path | None:
    if args.products is not None:
        if not args.products.is_dir():
            raise NhsoaError(f"{args.products}: no such folder")
        return Path(args.products)
    beside = registry.resolve().parent / "products"
    return beside if beside.is_dir() else None


def _build(args: argparse.Namespace, *, render: bool = True) -> Path:
    try:
        from nhsoa.site.build import build  # noqa: PLC0415 - needs the optional site dependencies
    except ImportError as exc:
        raise NhsoaError(
            f"the site needs extra packages ({exc.name}); install them with: pip install 'nhsoa[site]'"
        ) from None
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn  # noqa: PLC0415

    registry = registry_root(args)
    today: date | None = args.today
    columns = (TextColumn("{task.description:<28}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, transient=True, disable=not sys.stderr.isatty()) as bar:
        tasks: dict[str, int] = {}

        def tick(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(_STAGES.get(stage, stage), total=max(total, 1))
            bar.update(tasks[stage], completed=done, total=max(total, 1))  # type: ignore[arg-type]

        result = build(
            registry, args.out, today=today, products_dir=_products_dir(args, registry), progress=tick, render=render
        )
    made = result.generated
    timing = ", ".join(f"{stage} {seconds:.1f} s" for stage, seconds in result.seconds.items())
    print(f"{made.tools} tools, {made.page_count} pages ({timing})")
    if made.skipped:
        print(
            f"nhsoa: {made.skipped} registry file(s) with errors left out; run `nhsoa validate` to see why",
            file=sys.stderr,
        )
    for product in made.products:
        for report in product.reports:
            if report.html is None:
                where = f"{product.name}/{report.notebook.name}"
                print(f"nhsoa: report not rendered: {where}: {report.problem}", file=sys.stderr)
    return result.public if render else result.source


def run_build(args: argparse.Namespace) -> int:
    where = _build(args, render=not args.pages_only)
    print(f"site in {shown_path(where)}")
    return 0


def run_serve(args: argparse.Namespace) -> int:
    from nhsoa.site import serve  # noqa: PLC0415
    from nhsoa.site.build import PUBLIC  # noqa: PLC0415

    public = args.out / PUBLIC if args.no_build else _build(args)
    try:
        httpd = serve.server(public, args.port)
    except serve.PortUnavailable as exc:
        raise NhsoaError(f"{exc} with --port") from None
    print(f"Serving the registry site at {serve.url(httpd)} (Ctrl-C to stop)", flush=True)
    try:
        httpd.serve_forever()
    finally:
        httpd.server_close()
    return 0
