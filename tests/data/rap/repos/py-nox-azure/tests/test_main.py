from bedflow.__main__ import main


def test_main_runs() -> None:
    assert main() is None
