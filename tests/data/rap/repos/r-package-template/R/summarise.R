#' Summarise occupied beds by ward
#'
#' @param beds A data frame with `ward` and `occupied` columns.
#' @return One row per ward.
#' @export
summarise_beds <- function(beds) {
  dplyr::summarise(dplyr::group_by(beds, ward), occupied = sum(occupied))
}
