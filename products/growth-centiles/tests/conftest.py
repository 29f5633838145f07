from pathlib import Path

import pandas as pd
import pytest

DATA = Path(__file__).parent / "data"


@pytest.fixture
def rows() -> pd.DataFrame:
    """Hand-written rows, each with the error code it must get (blank when it must be calculated)."""
    return pd.read_csv(DATA / "rows.csv", dtype=str, keep_default_na=False)
