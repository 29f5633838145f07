"""The folders under repos/ are small repositories for `nhsoa rap` to read: their tests are theirs, not ours."""

collect_ignore = ["repos"]
