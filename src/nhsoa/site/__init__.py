"""The published registry: a static site (MkDocs with the Material theme) built from the registry.

:func:`nhsoa.site.build.build` generates the pages with plain Python and renders them
with MkDocs; :mod:`nhsoa.site.serve` shows the result on 127.0.0.1.
"""
