"""The registry and its validation pipeline.

Files are read (:mod:`~nhsoa.registry.store`, through :mod:`nhsoa.yamlio`), checked against the
JSON Schema (:mod:`~nhsoa.registry.schema`), then against the named rules
(:mod:`~nhsoa.registry.rules`): one entry at a time (:mod:`~nhsoa.registry.checks`) and across
entries (:mod:`~nhsoa.registry.cross_checks`). :mod:`~nhsoa.registry.validate` runs that pipeline
and returns :class:`~nhsoa.registry.findings.Finding`\\ s; :mod:`~nhsoa.registry.report` renders them.
:mod:`~nhsoa.registry.catalogue` is the registry's valid entries, filtered, searched and exported.
"""
