#' Read the waiting-list extract
#' @param path Path of the extract.
read_extract <- function(path) {
  log4r::info(log4r::logger(), paste("reading", path))
  utils::read.csv(path)
}

#' Median weeks waited by specialty
#' @param extract The extract.
summarise_waits <- function(extract) {
  stats::aggregate(weeks ~ specialty, extract, stats::median)
}
