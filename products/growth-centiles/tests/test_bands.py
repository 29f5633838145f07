"""Centile bands against rcpchgrowth's own centile_band_for_centile, on a fine grid of SDS."""

import numpy as np
import pytest
from rcpchgrowth.centile_bands import centile_band_for_centile

from growth_centiles.bands import BAND_TEXTS, band_codes, centile_format
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
