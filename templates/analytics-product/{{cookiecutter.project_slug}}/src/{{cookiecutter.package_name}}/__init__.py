"""The {{ cookiecutter.package_name }} package: the pipeline behind this product (see README.md)."""

__version__ = "0.1.0"
