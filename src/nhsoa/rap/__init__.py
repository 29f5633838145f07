"""The NHS levels of reproducible analytical pipelines (RAP): the criteria (:mod:`~nhsoa.rap.criteria`), what a
repository's files show about them (:mod:`~nhsoa.rap.evidence`, :mod:`~nhsoa.rap.quality`,
:mod:`~nhsoa.rap.automation`, reading its README, code, task runners and CI jobs), a repository's assessment
(:mod:`~nhsoa.rap.assess`) and its report as text or JSON (:mod:`~nhsoa.rap.report`)."""
