"""One module per command; each has ``add_parser(subparsers)`` and sets ``run``.

Command modules are imported only when they are needed: a command names its module, so
``nhsoa new`` does not pay for the registry's libraries (about a fifth of a second). ``nhsoa --help``
and an unknown command import them all, so every command is listed. A test keeps the names below
in step with what each module registers.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from types import ModuleType

# (module, the command names it adds), in the order `nhsoa --help` lists them
COMMANDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("validate", ("validate",)),
    ("listing", ("list", "search")),
    ("show", ("show",)),
    ("index", ("index",)),
    ("rules", ("rules",)),
    ("schema", ("schema",)),
    ("review", ("review",)),
    ("import_", ("import",)),
    ("export", ("export",)),
    ("registry_cmd", ("registry",)),
    ("adopt", ("adopt",)),
    ("links", ("links",)),
    ("new", ("new",)),
    ("update", ("update",)),
    ("check", ("check",)),
    ("rap", ("rap",)),
    ("scan", ("scan",)),
    ("nodata", ("no-data",)),
    ("site", ("site",)),
)
_MODULE_OF = {name: module for module, names in COMMANDS for name in names}


def modules(argv: Sequence[str] | None = None) -> list[ModuleType]:
    """The command modules to register: the named command's alone when ``argv`` names one, else all."""
    wanted = [module for module, _ in COMMANDS]
    for arg in argv or ():
        if arg in ("-h", "--help"):  # the overall help, which lists every command
            break
        if not arg.startswith("-"):  # the first word that is not an option is the command
            wanted = [_MODULE_OF[arg]] if arg in _MODULE_OF else wanted
            break
    return [importlib.import_module(f"{__name__}.{module}") for module in wanted]
