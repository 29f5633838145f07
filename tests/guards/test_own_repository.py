"""This repository passes its own guards: no number that could be a patient's, no data file it has not listed."""

from __future__ import annotations

import pytest

from nhsoa.main import main
from tests.conftest import REPO


def test_no_patient_number_is_committed(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scan", str(REPO)]) == 0, capsys.readouterr().out


def test_every_committed_data_file_is_listed(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["no-data", str(REPO)]) == 0, capsys.readouterr().out
    assert "allowed by .nhsoa-data-allow and products/growth-centiles/.nhsoa-data-allow" in capsys.readouterr().err
