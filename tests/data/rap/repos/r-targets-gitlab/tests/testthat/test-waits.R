test_that("medians are per specialty", {
  extract <- data.frame(specialty = c("A", "A"), weeks = c(1, 3))
  expect_equal(summarise_waits(extract)$weeks, 2)
})
