"""Centile bands against rcpchgrowth's own centile_band_for_centile, on a fine grid of SDS."""

import json

import numpy as np
import pytest
from rcpchgrowth.centile_bands import centile_band_for_centile

from growth_centiles.bands import BAND_TEXTS, BANDS, FORMATS, band_codes, centile_format
from growth_centiles.references import METHODS, REFERENCES


@pytest.mark.parametrize("reference", REFERENCES)
@pytest.mark.parametrize("method", METHODS)
def test_bands_match_rcpchgrowth(reference: str, method: str) -> None:
    sds = np.concatenate([np.linspace(-6, 6, 2401), [-4.0, 4.0, 0.0]])
    ours = [BAND_TEXTS[c] if c >= 0 else None for c in band_codes(sds, reference, method)]
    fmt = centile_format(reference, method)
    theirs = [centile_band_for_centile(sds=float(z), measurement_method=method, centile_format=fmt) for z in sds]
    assert ours == theirs


def test_no_band_without_sds() -> None:
    assert band_codes(np.array([np.nan]), "uk-who", "height").tolist() == [-1]


def test_band_texts_are_fixed_whatever_is_calculated_first() -> None:
    """The band columns' categories are the same in every run, so chunks and runs can be joined."""
    import subprocess
    import sys

    script = (
        "import json, sys, numpy as np\n"
        "from growth_centiles import bands\n"
        "if sys.argv[1] == 'cdc-first':\n"
        "    bands.band_codes(np.array([0.0, 2.5, 5.0]), 'cdc', 'bmi')\n"
        "from growth_centiles import calculate\n"
        "import pandas as pd\n"
        "row = dict(birth_date='2015-01-01', observation_date='2020-01-01', sex='male',"
        " measurement_method='bmi', observation_value='16', reference=sys.argv[2])\n"
        "out = calculate(pd.DataFrame([row]))\n"
        "print(json.dumps(list(out['corrected_centile_band'].cat.categories)))\n"
    )
    runs = [
        subprocess.run([sys.executable, "-c", script, first, reference], capture_output=True, text=True, check=True)
        for first, reference in (("none", "uk-who"), ("cdc-first", "cdc"), ("none", "who"))
    ]
    outputs = {run.stdout for run in runs}
    assert len(outputs) == 1
    assert outputs.pop().strip() == json.dumps(list(BAND_TEXTS))


def test_every_band_table_has_its_texts_once_in_band_texts() -> None:
    assert len(set(BAND_TEXTS)) == len(BAND_TEXTS) == 168
    for (method, fmt), wording in BANDS.items():
        assert method in METHODS
        assert set(wording.texts) <= set(BAND_TEXTS)
        assert len(wording.ranges) == 2 * len(FORMATS[fmt]) - 1
