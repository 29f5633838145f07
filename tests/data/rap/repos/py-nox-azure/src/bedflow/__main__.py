"""Run the bed occupancy pipeline."""

import structlog

structlog.configure()
log = structlog.get_logger()


def main() -> None:
    """Read, summarise and write the day's occupancy."""
    log.info("pipeline started")


if __name__ == "__main__":
    main()
