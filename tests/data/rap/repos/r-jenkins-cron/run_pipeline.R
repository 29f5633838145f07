library(futile.logger)
flog.info("weekly run started")
