# The pipeline logs with logger, in this package's own logger namespace, so that a user's logger
# settings for other packages are left alone (and theirs do not change this one).

.onLoad <- function(libname, pkgname) {
  # sprintf-style messages: braces in file names or data are printed as they are
  logger::log_formatter(logger::formatter_sprintf, namespace = pkgname)
}
