"""NHS Open Analytics: a registry of open NHS analytics tools and the templates that make them."""

__version__ = "0.1.0"
