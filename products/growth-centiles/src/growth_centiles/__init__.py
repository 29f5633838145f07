"""Population-scale child growth SDS and centiles by the rules of the RCPCH ``rcpchgrowth`` library."""

from growth_centiles.frame import FIELDS, OUTPUT_COLUMNS, Options, calculate

__version__ = "0.1.0"
__all__ = ["FIELDS", "OUTPUT_COLUMNS", "Options", "__version__", "calculate"]
