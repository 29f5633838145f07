"""Delete old container images from the registry."""
