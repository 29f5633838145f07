test_that("beds are summed by ward", {
  beds <- data.frame(ward = c("A", "A", "B"), occupied = c(1, 2, 3))
  expect_equal(summarise_beds(beds)$occupied, c(3, 3))
})
