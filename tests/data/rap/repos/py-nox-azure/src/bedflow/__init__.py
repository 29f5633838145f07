"""Daily bed occupancy."""
