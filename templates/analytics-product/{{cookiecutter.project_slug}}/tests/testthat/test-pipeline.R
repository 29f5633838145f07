# Tests of the pipeline: each step on small hand-made records, then a whole run on the example data.

records_of <- function(...) {
  rows <- list(...)
  data.frame(
    attendance_id = vapply(rows, `[[`, character(1), 1),
    nhs_number = vapply(rows, `[[`, character(1), 2),
    attendance_date = vapply(rows, `[[`, character(1), 3),
    department = vapply(rows, `[[`, character(1), 4),
    age_years = "40"
  )
}

# The log lines a call writes (logger writes them to the standard error stream).
log_of <- function(code) {
  paste(utils::capture.output(code, type = "message"), collapse = "\n")
}

test_that("NHS numbers need ten digits and a correct modulus-11 check digit", {
  numbers <- c(
    "9990000018", # test range, check digit 8
    "999 000 0018",
    "9990000019", # wrong check digit
    "9990000026",
    "999000001", # nine digits
    "99900000180", # eleven digits
    "999000001X",
    "",
    NA
  )
  expect_identical(is_valid_nhs_number(numbers), c(TRUE, TRUE, FALSE, TRUE, FALSE, FALSE, FALSE, FALSE, FALSE))
})

test_that("cleaning drops and logs unusable records", {
  records <- records_of(
    c("A1", "9990000018", "2025-01-03", "emergency"),
    c("A2", "9990000019", "2025-01-04", "emergency"), # bad check digit
    c("A3", "9990000026", "2025-02-30", "emergency"), # no such date
    c("A4", "9990000026", "3 March 2025", "emergency") # not YYYY-MM-DD
  )
  log <- log_of(cleaned <- clean_attendances(records))
  expect_identical(cleaned$attendance_id, "A1")
  expect_s3_class(cleaned$attendance_date, "Date")
  expect_match(log, "dropped 1 record(s) without a valid NHS number", fixed = TRUE)
  expect_match(log, "dropped 2 record(s) with an invalid attendance date", fixed = TRUE)
})

test_that("the summary counts attendances and distinct patients by month and department", {
  attendances <- clean_attendances(records_of(
    c("A1", "9990000018", "2025-01-03", "emergency"),
    c("A2", "9990000018", "2025-01-20", "emergency"),
    c("A3", "9990000026", "2025-01-21", "emergency"),
    c("A4", "9990000026", "2025-02-01", "emergency"),
    c("A5", "9990000026", "2025-01-02", "eye-casualty")
  ))
  expect_identical(
    summarise_attendances(attendances),
    data.frame(
      month = c("2025-01", "2025-01", "2025-02"),
      department = c("emergency", "eye-casualty", "emergency"),
      attendances = c(3L, 1L, 1L),
      patients = c(2L, 1L, 1L)
    )
  )
})

test_that("reading names a missing file or missing columns", {
  path <- withr::local_tempfile(fileext = ".csv")
  expect_error(read_attendances(path), "no such file", class = "pipeline_error")
  writeLines(c("attendance_id,nhs_number", "A1,9990000018"), path)
  expect_error(read_attendances(path), "missing column(s) attendance_date", fixed = TRUE, class = "pipeline_error")
})

test_that("NHS numbers are read as text and keep their leading zeros", {
  path <- withr::local_tempfile(fileext = ".csv")
  writeLines(c("attendance_id,nhs_number,attendance_date,department,age_years", "A1,0012345678,2025-01-01,x,1"), path)
  expect_identical(read_attendances(path)$nhs_number, "0012345678")
})

test_that("a whole run on the example data writes the summary and logs each step", {
  output <- file.path(withr::local_tempdir(), "out", "summary.csv")
  log_file <- file.path(withr::local_tempdir(), "logs", "run.log")
  log_of(summary <- run_pipeline(output = output, log_file = log_file))
  written <- utils::read.csv(output, colClasses = c(month = "character"))
  expect_identical(names(written), c("month", "department", "attendances", "patients"))
  expect_identical(nrow(written), nrow(summary))
  expect_identical(sum(written$attendances), 237L) # 240 records, 3 unusable on purpose
  expect_true(all(written$patients <= written$attendances))
  log <- readLines(log_file)
  expect_match(log, "read 240 records", all = FALSE)
  expect_match(log, "wrote [0-9]+ summary rows", all = FALSE)
})

test_that("a failed run logs why and stops", {
  missing <- file.path(withr::local_tempdir(), "missing.csv")
  log_file <- withr::local_tempfile(fileext = ".log")
  log_of(expect_error(
    run_pipeline(input = missing, output = tempfile(), log_file = log_file),
    class = "pipeline_error"
  ))
  expect_match(readLines(log_file), "missing.csv: no such file", all = FALSE, fixed = TRUE)
})
