library(testthat)
library(bedsummary)

test_check("bedsummary")
