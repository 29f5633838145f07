#' Run the bed occupancy pipeline
#'
#' Reads the day's extract, summarises it and writes the outputs, logging each step.
#'
#' @param input Path of the extract.
#' @param output Folder for the outputs.
#' @return The summary, invisibly.
#' @export
run_pipeline <- function(input, output) {
  logger::log_info("reading {input}")
  beds <- utils::read.csv(input)
  summary <- summarise_beds(beds)
  logger::log_info("writing {nrow(summary)} rows to {output}")
  invisible(summary)
}
