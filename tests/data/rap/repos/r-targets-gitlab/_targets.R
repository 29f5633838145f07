library(targets)
tar_source()
list(
  tar_target(extract, read_extract("data_in/extract.csv")),
  tar_target(summary, summarise_waits(extract))
)
