# R CMD check runs this file, which runs the tests in tests/testthat/.
# Run them while working with `Rscript -e "testthat::test_local()"` (or `make test`).

library(testthat)
library({{ cookiecutter.package_name }})

test_check("{{ cookiecutter.package_name }}")
