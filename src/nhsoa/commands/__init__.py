"""One module per command; each has ``add_parser(subparsers)`` and sets ``run``."""

from nhsoa.commands import check, index, listing, new, nodata, rap, rules, scan, schema, show, update, validate

COMMANDS = (validate, listing, show, index, rules, schema, new, update, check, rap, scan, nodata)
