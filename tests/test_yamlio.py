"""The YAML module: strict, safe and bounded loading; stable writing."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nhsoa import yamlio
from nhsoa.errors import YamlError, YamlProblem


def test_dates_stay_strings_and_only_true_false_are_booleans() -> None:
    data = yamlio.loads("added: 2026-01-15\napplicable: no\nconfirmed: yes\nflag: true\nother: False\n")
    assert data == {"added": "2026-01-15", "applicable": "no", "confirmed": "yes", "flag": True, "other": False}


def test_numbers_and_nulls_still_resolve() -> None:
    assert yamlio.loads("a: 1\nb: 2.5\nc: null\nd: ~\n") == {"a": 1, "b": 2.5, "c": None, "d": None}


def test_duplicate_key_names_the_key_and_its_second_line() -> None:
    with pytest.raises(YamlError) as caught:
        yamlio.loads("name: a\nowner:\n  name: x\n  name: y\n")
    assert (caught.value.kind, caught.value.line, caught.value.message) == (
        YamlProblem.DUPLICATE_KEY,
        4,
        "duplicate key 'name'",
    )


def test_unsafe_tags_are_refused_not_run(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    with pytest.raises(YamlError) as caught:
        yamlio.loads(f"x: !!python/object/apply:os.system ['touch {marker}']\n")
    assert caught.value.kind == YamlProblem.SYNTAX
    assert not marker.exists()


def test_billion_laughs_is_refused_quickly() -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10)]
    with pytest.raises(YamlError) as caught:
        yamlio.loads("\n".join(lines) + "\n")
    assert caught.value.kind == YamlProblem.ALIASES


def test_small_harmless_aliases_are_allowed() -> None:
    assert yamlio.loads("a: &x [1, 2]\nb: *x\n") == {"a": [1, 2], "b": [1, 2]}


def test_recursive_alias_is_refused() -> None:
    with pytest.raises(YamlError) as caught:
        yamlio.loads("a: &x [1, *x]\n")
    assert caught.value.kind == YamlProblem.ALIASES


def test_ten_megabyte_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:
        handle.truncate(10 * 1024 * 1024)
    with pytest.raises(YamlError) as caught:
        yamlio.load_file(big)
    assert caught.value.kind == YamlProblem.TOO_LARGE
    assert "10,485,760 bytes" in caught.value.message


def test_deep_nesting_is_an_error_not_a_crash() -> None:
    depth = 100_000
    with pytest.raises(YamlError):
        yamlio.loads("[" * depth + "]" * depth)


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbfname: x\n")
    assert yamlio.load_file(path).data == {"name": "x"}


def test_non_utf8_names_the_line() -> None:
    with pytest.raises(YamlError) as caught:
        yamlio.decode(b"a: 1\nb: caf\xe9\n")
    assert (caught.value.kind, caught.value.line) == (YamlProblem.ENCODING, 2)


def test_missing_file_is_a_clean_error(tmp_path: Path) -> None:
    with pytest.raises(YamlError, match="cannot read file"):
        yamlio.load_file(tmp_path / "absent.yaml")


@pytest.mark.parametrize(
    ("path", "line"),
    [
        (("owner", "ods_code"), 4),
        (("adopters", 1, "ods_code"), 7),
        (("adopters", 1), 7),
        (("missing",), 1),
        (("owner", "missing"), 2),
    ],
)
def test_locate_finds_the_line_of_a_field(path: tuple[str | int, ...], line: int) -> None:
    text = "id: x\nowner:\n  name: A\n  ods_code: RGT\nadopters:\n  - ods_code: RJ1\n  - ods_code: RGT\n"
    assert yamlio.locate(text, path) == line


def test_dumps_round_trips_and_keeps_order() -> None:
    data = {"id": "x", "description": "line one\nline two\n", "applicable": "no", "added": "2026-01-01", "n": [1, 2]}
    text = yamlio.dumps(data)
    assert text.startswith("id: x\ndescription: |\n  line one\n")
    assert yamlio.loads(text) == data


def test_write_atomic_replaces_whole_file_and_leaves_no_temporaries(tmp_path: Path) -> None:
    target = tmp_path / "entry.yaml"
    target.write_text("old\n")
    yamlio.write_atomic(target, "new\n")
    assert target.read_text() == "new\n"
    assert [p.name for p in tmp_path.iterdir()] == ["entry.yaml"]


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_load_or_raise_only_our_error(raw: bytes) -> None:
    with contextlib.suppress(YamlError):
        yamlio.loads(yamlio.decode(raw))


_YAML_PIECES = st.sampled_from(
    ["a", "b: ", "- ", "&x ", "*x", "[", "]", "{", "}", ", ", ": ", "\n", "  ", "'", '"', "!!str ", "!!python/none ",
     "? ", "|", ">", "#", "%YAML 1.1\n", "---\n", "...\n", "<<: *x\n", "\t", "1e9", "~", "\\", "@", "`", "\x85"]
)  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(_YAML_PIECES, max_size=40).map("".join))
def test_arbitrary_yaml_loads_or_raises_only_our_error(text: str) -> None:
    with contextlib.suppress(YamlError):
        yamlio.loads(text)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(json_values)
def test_what_nhsoa_writes_it_reads_back(value: object) -> None:
    assert yamlio.loads(yamlio.dumps(value)) == value


def test_pipes_and_devices_are_refused_without_reading(tmp_path: Path) -> None:
    fifo = tmp_path / "entry.yaml"
    os.mkfifo(fifo)  # opening it would block until a writer came
    with pytest.raises(YamlError, match="not a regular file"):
        yamlio.load_file(fifo)
    device = tmp_path / "zero.yaml"
    device.symlink_to("/dev/zero")  # reports size 0 and never ends
    with pytest.raises(YamlError, match="not a regular file"):
        yamlio.load_file(device)
