def test_nothing_waits_forever() -> None:
    assert min([4, 12]) == 4
