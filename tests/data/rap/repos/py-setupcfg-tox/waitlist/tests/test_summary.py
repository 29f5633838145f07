from waitlist.summary import weeks_waiting


def test_whole_weeks() -> None:
    assert weeks_waiting(15) == 2
