"""The safe-filename rule (SPEC §8): whatever an id holds, its file is one safe name.

Hypothesis builds ids out of what breaks file names (separators, dots,
names Windows reserves, control and invisible characters, long Unicode) and
checks every name against its own list of what Windows and POSIX refuse,
written here independently of the rule.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from safenames import MAX_STEM_BYTES, assert_safe_name, windows_reserved

from sphinx_eventarchive.core import filenames
from sphinx_eventarchive.core.filenames import (
    distinct,
    name_key,
    safe_filename,
    safe_stem,
)

PIECES = [
    "/", "\\", "..", ".", " ", "~", ":", "*", "?", '"', "<", ">", "|", "#", "%", "-",
    "\x00", "\x1f", "\x7f", "\x85", "\t", "\n", "\u202e", "\u200b", "\u2028", "\ud800",
    "CON", "con", "Nul", "aux", "PRN", "COM1", "lpt9", "COM¹", "LPT³", "conin$", "CONOUT$",
    ".txt", ".md", " .md", "佐々木", "ガ", "é", "e\u0301", "😀", "あ" * 45, "x" * 70,
    "connpass-", "316339",
]
IDS = st.lists(
    st.sampled_from(PIECES) | st.text(max_size=8), max_size=12
).map("".join)
SAFE_SCRIPT = st.text(
    alphabet=st.sampled_from("abcxyz019-_ぁあガ佐々木한국ไทยдом"), min_size=1, max_size=40
).filter(lambda text: not text.startswith("-"))


SETTINGS = settings(max_examples=400, deadline=None, derandomize=True,
                    suppress_health_check=list(HealthCheck))


class TestSafeStem:
    # Derandomized, as test_property.py: the same examples every run.
    @SETTINGS
    @given(text=IDS)
    def test_any_id_gives_one_safe_bounded_name(self, text: str) -> None:
        stem = safe_stem(text, fallback="event")
        assert_safe_name(stem)
        assert_safe_name(stem + ".md")
        assert len(stem.encode("utf-8")) <= MAX_STEM_BYTES
        assert safe_stem(text, fallback="event") == stem  # stable
        assert safe_filename(text, fallback="event") == stem + ".md"

    @SETTINGS
    @given(texts=st.lists(IDS, unique=True, min_size=2, max_size=8))
    def test_distinct_ids_give_distinct_names(self, texts: list[str]) -> None:
        stems = [safe_stem(text) for text in texts]
        assert len(set(stems)) == len(stems), list(zip(texts, stems, strict=True))

    @SETTINGS
    @given(text=SAFE_SCRIPT)
    def test_a_safe_id_is_kept_as_written(self, text: str) -> None:
        # A Japanese (Korean, Thai, Russian) id stays in its script.
        if not windows_reserved(text) and len(text.encode("utf-8")) <= MAX_STEM_BYTES:
            assert safe_stem(text) == text

    def test_the_bound_is_the_one_documented(self) -> None:
        assert filenames.MAX_STEM_BYTES == MAX_STEM_BYTES

    @pytest.mark.parametrize(("text", "stem"), [
        # Stable across releases: a second import must find the file the first wrote.
        ("connpass-316339", "connpass-316339"),
        ("pykaigi-2025", "pykaigi-2025"),
        ("佐々木のレポート", "佐々木のレポート"),
        ("connpass-../../escaped", "connpass-..-..-escaped~3b7bcc6f"),
        ("CON", "CON_~a3dbc4b6"),
        ("nul.txt", "nul_.txt~7f3cbdd5"),
        ("com1 .md", "com1_ .md~474682e6"),
        ("..", "event~5ec1f7e7"),
        ("", "event~e3b0c442"),
        ("a.", "a~5ab640fa"),
        ("a\x00b", "a-b~59b271ae"),
        ("あ" * 60, "あ" * 37 + "~c5f7b8e5"),
    ])
    def test_names_are_stable(self, text: str, stem: str) -> None:
        assert safe_stem(text, fallback="event") == stem


NAMES = st.lists(
    st.sampled_from(["a.md", "A.md", "a-2.md", "a-3.md", "b", "e\u0301.md", "é.md",
                     "x" * 119 + ".md", "X" * 119 + ".md", "connpass-1.md"]),
    max_size=8,
)


class TestDistinct:
    @SETTINGS
    @given(names=NAMES)
    def test_no_two_records_share_a_file(self, names: list[str]) -> None:
        given = distinct(names)
        assert len(given) == len(names)
        # One file each, on case-insensitive and normalising file systems too.
        assert len({name_key(name) for name in given}) == len(given), given
        assert distinct(names) == given  # deterministic
        seen: set[str] = set()
        for name, final in zip(names, given, strict=True):
            if name_key(name) not in seen:
                assert final == name  # the first keeps its name
            seen.add(name_key(name))
            assert_safe_name(final)
            assert final.endswith(".md") == name.endswith(".md")
            assert len(final.encode("utf-8")) <= MAX_STEM_BYTES + len(".md")

    def test_numbers_skip_names_wanted_by_others(self) -> None:
        assert distinct(["a.md", "a.md", "a-2.md", "A.md"]) == [
            "a.md", "a-3.md", "a-2.md", "A-4.md"]
