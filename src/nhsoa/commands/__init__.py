"""One module per command; each has ``add_parser(subparsers)`` and sets ``run``."""

from nhsoa.commands import adopt, export, import_, index, listing, registry_cmd, review, rules, schema, show, validate

COMMANDS = (validate, listing, show, index, rules, schema, review, import_, export, registry_cmd, adopt)
