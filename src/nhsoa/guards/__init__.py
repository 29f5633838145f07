"""Guards for any repository: keep patient identifiers (:mod:`~nhsoa.guards.scan`) and data files
(:mod:`~nhsoa.guards.nodata`) out of what is committed."""
