"""The NHS levels of reproducible analytical pipelines (RAP): the criteria, what a repository's files
show about them (:mod:`~nhsoa.rap.evidence`), and a repository's assessment (:mod:`~nhsoa.rap.assess`)."""
