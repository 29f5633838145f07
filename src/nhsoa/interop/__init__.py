"""Moving metadata between registry entries and the files tools keep about themselves.

One module per format (:mod:`codemeta`, :mod:`publiccode`, :mod:`cff`, :mod:`pyproject`,
:mod:`description`, :mod:`product`); each turns a file into an :class:`~nhsoa.interop.model.Imported`
draft entry and, where the format allows, an entry back into a file. :mod:`harvest` finds
every such file in a repository and merges the drafts with per-field provenance.
"""
