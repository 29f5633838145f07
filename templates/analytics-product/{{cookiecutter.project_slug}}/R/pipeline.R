# The pipeline: attendance records in, a tidy monthly summary out.
#
# Steps: read the records, drop those that cannot be used (and log how many and why), count
# attendances and distinct patients per month and department, write one row per month and
# department. Every step logs what it did, so a run can be checked from its log alone.

attendance_columns <- c("attendance_id", "nhs_number", "attendance_date", "department", "age_years")
summary_columns <- c("month", "department", "attendances", "patients")

#' Path of the synthetic example records
#'
#' The package ships 240 made-up attendance records. Every NHS number is from the 999 test range,
#' which is never issued to a patient; three records are unusable on purpose (a wrong check digit,
#' a missing NHS number, an impossible date) to show the cleaning step at work.
#'
#' @return The path of a CSV file.
#' @export
#' @examples
#' records <- read_attendances(example_data())
#' nrow(records)
example_data <- function() {
  system.file("extdata", "synthetic_attendances.csv", package = utils::packageName(), mustWork = TRUE)
}

#' Check NHS numbers
#'
#' An NHS number is ten digits whose last digit is the modulus-11 check digit of the first nine.
#' Spaces are ignored.
#'
#' @param x A character vector.
#' @return A logical vector as long as `x`: `TRUE` where the element is a valid NHS number.
#' @export
#' @examples
#' is_valid_nhs_number(c("9990000018", "999 000 0018", "9990000019", NA))
is_valid_nhs_number <- function(x) {
  digits <- gsub(" ", "", as.character(x), fixed = TRUE)
  well_formed <- !is.na(digits) & grepl("^[0-9]{10}$", digits)
  vapply(seq_along(digits), function(i) well_formed[[i]] && check_digit_matches(digits[[i]]), logical(1))
}

check_digit_matches <- function(digits) {
  values <- as.integer(strsplit(digits, "", fixed = TRUE)[[1]])
  check <- 11L - sum(values[1:9] * 10:2) %% 11L
  if (check == 11L) {
    check <- 0L
  }
  check != 10L && check == values[[10]]
}

#' Read attendance records
#'
#' Every column is read as text, so that no NHS number loses a leading zero.
#'
#' @param path Path of a CSV file with the columns `attendance_id`, `nhs_number`,
#'   `attendance_date` (YYYY-MM-DD), `department` and `age_years`.
#' @return A data frame of character columns.
#' @export
#' @examples
#' head(read_attendances(example_data()))
read_attendances <- function(path) {
  if (!file.exists(path)) {
    pipeline_error(sprintf("%s: no such file", path))
  }
  records <- utils::read.csv(
    path,
    colClasses = "character", na.strings = character(), check.names = FALSE, encoding = "UTF-8"
  )
  missing <- setdiff(attendance_columns, names(records))
  if (length(missing) > 0) {
    pipeline_error(sprintf("%s: missing column(s) %s", path, paste(missing, collapse = ", ")))
  }
  logger::log_info("read %d records from %s", nrow(records), path)
  records
}

#' Drop records that cannot be used
#'
#' Keeps records whose NHS number is valid and whose attendance date is a real date written
#' YYYY-MM-DD, and logs how many were dropped and why.
#'
#' @param records A data frame from [read_attendances()].
#' @return The usable records, with `attendance_date` as a `Date`.
#' @export
#' @examples
#' records <- read_attendances(example_data())
#' nrow(clean_attendances(records))
clean_attendances <- function(records) {
  valid_number <- is_valid_nhs_number(records$nhs_number)
  text <- records$attendance_date
  dates <- as.Date(ifelse(grepl("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", text), text, NA), format = "%Y-%m-%d")
  if (any(!valid_number)) {
    logger::log_warn("dropped %d record(s) without a valid NHS number", sum(!valid_number))
  }
  if (any(valid_number & is.na(dates))) {
    logger::log_warn("dropped %d record(s) with an invalid attendance date", sum(valid_number & is.na(dates)))
  }
  keep <- valid_number & !is.na(dates)
  cleaned <- records[keep, , drop = FALSE]
  cleaned$attendance_date <- dates[keep]
  rownames(cleaned) <- NULL
  logger::log_info("kept %d of %d records", nrow(cleaned), nrow(records))
  cleaned
}

#' Count attendances and patients by month and department
#'
#' @param attendances A data frame from [clean_attendances()].
#' @return A data frame with one row per month and department: `month` (YYYY-MM), `department`,
#'   `attendances` (the number of attendances) and `patients` (the number of distinct NHS numbers).
#' @export
#' @examples
#' attendances <- clean_attendances(read_attendances(example_data()))
#' head(summarise_attendances(attendances))
summarise_attendances <- function(attendances) {
  month <- format(attendances$attendance_date, "%Y-%m")
  groups <- split(attendances, list(month, attendances$department), drop = TRUE, sep = "\r")
  summary <- data.frame(
    month = vapply(groups, function(group) format(group$attendance_date[[1]], "%Y-%m"), character(1)),
    department = vapply(groups, function(group) group$department[[1]], character(1)),
    attendances = vapply(groups, nrow, integer(1)),
    patients = vapply(groups, function(group) length(unique(group$nhs_number)), integer(1))
  )
  summary <- summary[order(summary$month, summary$department), summary_columns, drop = FALSE]
  rownames(summary) <- NULL
  summary
}

#' Run the pipeline
#'
#' Reads the records, drops the unusable ones, summarises them by month and department and writes
#' the summary as a CSV file. Every step is logged; give `log_file` to keep the log.
#'
#' @param input Path of the attendance records (CSV). By default, the synthetic example data.
#' @param output Path of the summary CSV to write; its folder is made if needed.
#' @param log_file Path of a file that also receives the log, or `NULL`.
#' @return The summary (see [summarise_attendances()]), invisibly.
#' @export
#' @examples
#' summary <- run_pipeline(output = tempfile(fileext = ".csv"))
#' sum(summary$attendances)
run_pipeline <- function(input = example_data(),
                         output = file.path("data", "processed", "monthly_attendances.csv"),
                         log_file = NULL) {
  if (!is.null(log_file)) {
    dir.create(dirname(log_file), recursive = TRUE, showWarnings = FALSE)
    namespace <- utils::packageName()
    logger::log_appender(logger::appender_tee(log_file), namespace = namespace)
    on.exit(logger::log_appender(logger::appender_console, namespace = namespace), add = TRUE)
  }
  summary <- tryCatch(
    summarise_attendances(clean_attendances(read_attendances(input))),
    pipeline_error = function(error) {
      logger::log_error("%s", conditionMessage(error))
      stop(error)
    }
  )
  dir.create(dirname(output), recursive = TRUE, showWarnings = FALSE)
  utils::write.csv(summary, output, row.names = FALSE, fileEncoding = "UTF-8")
  logger::log_info("wrote %d summary rows to %s", nrow(summary), output)
  invisible(summary)
}

pipeline_error <- function(message) {
  stop(structure(class = c("pipeline_error", "error", "condition"), list(message = message, call = NULL)))
}
