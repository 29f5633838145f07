"""One module per command; each has ``add_parser(subparsers)`` and sets ``run``."""

from nhsoa.commands import index, listing, rules, schema, show, site, validate

COMMANDS = (validate, listing, show, index, rules, schema, site)
