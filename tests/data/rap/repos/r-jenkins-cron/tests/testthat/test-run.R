test_that("arithmetic holds", {
  expect_equal(1 + 1, 2)
})
