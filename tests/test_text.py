"""How lists, speakers, names and dates are read (``text.py``, ``dates.py``), and where a title
may break (``phrases.py``), without Sphinx."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from sphinx_eventarchive.core.dates import (
    DateError,
    format_range,
    is_before,
    iso,
    language_tag,
    parse_when,
    usable_end,
    utc,
)
from sphinx_eventarchive.core.phrases import has_cjk, model_name, phrases
from sphinx_eventarchive.core.text import (
    SpeakerError,
    SpeakerName,
    collapse,
    excerpt,
    identity,
    parse_speaker,
    slugify,
    split_list,
    split_speakers,
)

JST = dt.timezone(dt.timedelta(hours=9))
UTC = dt.timezone.utc


# -- split_list ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("PFEM, Platform Engineering", ["PFEM", "Platform Engineering"]),
        ("PFEM,Backstage ,  metrics", ["PFEM", "Backstage", "metrics"]),
        ("single", ["single"]),
        ("", []),
        ("  ", []),
        ("a,, b, ", ["a", "b"]),
        # A semicolon anywhere: semicolons separate, commas belong to the items.
        ("Doe, Jane; Roe, Richard", ["Doe, Jane", "Roe, Richard"]),
        ("one; two", ["one", "two"]),
        ("Backstage, Inc;", ["Backstage, Inc"]),
        # Japanese and full-width separators count as their ASCII forms.
        ("PFEM、Backstage", ["PFEM", "Backstage"]),
        ("PFEM，Backstage", ["PFEM", "Backstage"]),
        ("PFEM；Backstage", ["PFEM", "Backstage"]),
        ("プラットフォーム、 計測 、SRE", ["プラットフォーム", "計測", "SRE"]),
    ],
)
def test_split_list(value, expected):
    assert split_list(value) == expected


# -- split_speakers / parse_speaker ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Abby Bangser (Syntasso), Whitney Lee (VMware)",
         ["Abby Bangser (Syntasso)", "Whitney Lee (VMware)"]),
        # A comma inside the brackets never separates.
        ("Abby Bangser (Syntasso, London), Whitney Lee",
         ["Abby Bangser (Syntasso, London)", "Whitney Lee"]),
        ("佐々木（コドモン）、田中 (Example Inc.)", ["佐々木（コドモン）", "田中 (Example Inc.)"]),
        ("Doe, Jane (ACME); Roe, Richard", ["Doe, Jane (ACME)", "Roe, Richard"]),
        ("岡；田中", ["岡", "田中"]),
        ("", []),
    ],
)
def test_split_speakers(value, expected):
    assert split_speakers(value) == expected


def test_japanese_separators_inside_an_item_are_kept_as_written():
    # The separators count as "," for splitting; the reader still sees the
    # affiliation or tag as the user wrote it, not with an ASCII comma pasted in.
    (item,) = split_speakers("佐々木（コドモン、東京）")
    assert parse_speaker(item) == SpeakerName("佐々木", "コドモン、東京")
    assert split_list("東京、大阪；名古屋") == ["東京、大阪", "名古屋"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Abby Bangser (Syntasso)", SpeakerName("Abby Bangser", "Syntasso")),
        ("Abby Bangser", SpeakerName("Abby Bangser", "")),
        ("  Abby   Bangser  ( Syntasso  Ltd ) ", SpeakerName("Abby Bangser", "Syntasso Ltd")),
        ("佐々木 (コドモン)", SpeakerName("佐々木", "コドモン")),
        ("佐々木（コドモン）", SpeakerName("佐々木", "コドモン")),
        ("Abby Bangser (Syntasso, London)", SpeakerName("Abby Bangser", "Syntasso, London")),
        ("Abby ()", SpeakerName("Abby", "")),
    ],
)
def test_parse_speaker(value, expected):
    assert parse_speaker(value) == expected


@pytest.mark.parametrize(
    "value",
    ["Abby Bangser (Syntasso", "Abby Bangser Syntasso)", "(Syntasso)", "Abby (A) (B)",
     "佐々木（コドモン", ""],
)
def test_parse_speaker_rejects_unbalanced_or_nameless(value):
    with pytest.raises(SpeakerError):
        parse_speaker(value)


# -- identity ----------------------------------------------------------------------------------


def test_identity_makes_spellings_of_one_person_equal():
    spellings = ["Abby Bangser", "abby  bangser", "Ａｂｂｙ Bangser", "ABBY\tBANGSER",
                 " Abby Bangser ", "Abby\u3000Bangser", "ａｂｂｙ　ｂａｎｇｓｅｒ"]
    assert {identity(s) for s in spellings} == {"abby bangser"}


def test_identity_keeps_different_people_apart():
    names = ["Abby Bangser", "Abby Bangsér", "Abby Bangser-Lee", "佐々木", "佐木", "ささき"]
    assert len({identity(n) for n in names}) == len(names)
    assert identity("Straße") == identity("STRASSE")
    assert identity("ｶﾞｲﾄﾞ") == identity("ガイド") == "ガイド"


# -- slugify -----------------------------------------------------------------------------------


def test_slugify_keeps_latin_readable():
    assert slugify("Abby Bangser") == "abby-bangser"
    assert slugify("Platform Engineering") == "platform-engineering"
    assert slugify("k8s") == "k8s"


def test_slugify_keeps_japanese_and_marks():
    assert slugify("佐々木") == "佐々木"
    assert slugify("ガイド") == "ガイド"
    # Half-width kana and a decomposed dakuten are the same name: the same URL,
    # and the mark is kept rather than stripped.
    assert slugify("ｶﾞｲﾄﾞ") == "ガイド"
    assert slugify("カ\u3099イト\u3099") == "ガイド"
    assert slugify("ガイド") != slugify("カイト")
    assert slugify("プラットフォーム エンジニアリング") == "プラットフォーム-エンジニアリング"
    assert slugify("Café") == "café"


def test_slugify_never_lets_two_names_share_a_url():
    assert slugify("C++") != slugify("C#")
    assert slugify("C++") != slugify("C")
    assert slugify("C#") != slugify("C")
    names = ["C++", "C#", "C", "c-", "C_", "C -", "C-", "C--", "C _", ".NET", "NET", "a/b", "a b",
             "a-b", "a_b", "a__b", "a_-b", "_", "-", "__", "", "?", "%", "a.b", "ab"]
    keys = {identity(n) for n in names}
    assert len({slugify(k) for k in keys}) == len(keys)


def test_slugify_is_injective_on_every_short_name():
    alphabet = ["a", "b", "-", "_", " ", "+", "#", "2", "f", "/", "ガ"]
    names = {"".join(p) for n in range(1, 4) for p in itertools.product(alphabet, repeat=n)}
    by_slug: dict[str, str] = {}
    for name in names:
        key = identity(name)
        slug = slugify(name)
        assert by_slug.setdefault(slug, key) == key, (name, slug)


@pytest.mark.parametrize("name", ["..", ".", "a/../b", "x/y", "C++", "#pfem", "?q=1", "a b\\c"])
def test_slugify_is_one_safe_path_segment(name):
    slug = slugify(name)
    assert slug
    assert slug not in (".", "..")
    assert "/" not in slug and "\\" not in slug
    assert not any(c in slug for c in "?#%+ ")


def test_slugify_is_stable():
    # The same name gives the same slug whatever was slugified before.
    first = slugify("Whitney Lee")
    for other in ["whitney lee", "Whitney  Lee", "Whitney Lee 2", "whitney-lee"]:
        slugify(other)
    assert slugify("Whitney Lee") == first == "whitney-lee"
    assert slugify("Ｗhitney Lee") == first
    assert slugify("C++") == slugify("c++") == "c_2b__2b_"


# -- collapse / excerpt ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("4/19(金)に\n開催しました。", "4/19(金)に開催しました。"),
        ("プラットフォームを\n  作った", "プラットフォームを作った"),
        ("Hello\n   world", "Hello world"),
        ("Platform Engineering Meetup #8 を\n開催しました",
         "Platform Engineering Meetup #8 を開催しました"),
        ("  a  b  ", "a b"),
        ("", ""),
        ("日本語 and English", "日本語 and English"),
    ],
)
def test_collapse(value, expected):
    assert collapse(value) == expected


def test_collapse_keeps_a_space_typed_between_japanese_words():
    # Only a line break is not a word gap; a space the writer typed is one.
    assert collapse("佐々木 太郎") == "佐々木 太郎"
    assert collapse("佐々木\n太郎") == "佐々木太郎"


def test_collapse_line_break_next_to_japanese_adds_no_space():
    # CSS Text 3: a segment break next to a wide character is removed, not turned into a space.
    assert collapse("4/19(金)に\nPlatform Engineering") == "4/19(金)にPlatform Engineering"
    assert collapse("Meetup #8\nを開催") == "Meetup #8を開催"


def test_excerpt_short_text_is_unchanged():
    assert excerpt("A report of the meetup.", 200) == "A report of the meetup."


def test_excerpt_cuts_at_a_word_and_marks_the_cut():
    text = "word " * 100
    result = excerpt(text, 50)
    assert len(result) <= 50
    assert result.endswith("word…")
    assert "  " not in result


def test_excerpt_of_japanese_has_no_added_spaces():
    text = ("プラットフォームを作ったあとの計測が大事だよという内容について\n"
            "発表いただきました。") * 10
    result = excerpt(text, 60)
    assert len(result) <= 60
    assert " " not in result
    assert result.endswith("…")
    assert result.startswith("プラットフォームを作ったあとの計測が大事だよという内容について発表")


# -- dates: parse_when / iso ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected", "text"),
    [
        ("2024-04-19", dt.date(2024, 4, 19), "2024-04-19"),
        ("2024-04-19T19:00+09:00", dt.datetime(2024, 4, 19, 19, 0, tzinfo=JST),
         "2024-04-19T19:00+09:00"),
        ("2024-04-19T19:00:30+0900", dt.datetime(2024, 4, 19, 19, 0, 30, tzinfo=JST),
         "2024-04-19T19:00:30+09:00"),
        ("2024-05-15T10:00:00Z", dt.datetime(2024, 5, 15, 10, 0, tzinfo=UTC), "2024-05-15T10:00Z"),
        ("2024-05-15T10:00Z", dt.datetime(2024, 5, 15, 10, 0, tzinfo=UTC), "2024-05-15T10:00Z"),
        # Jekyll front matter
        ("2024-05-06 12:00:00 +0000", dt.datetime(2024, 5, 6, 12, 0, tzinfo=UTC),
         "2024-05-06T12:00Z"),
        ("2024-05-06 12:00:00 +0900", dt.datetime(2024, 5, 6, 12, 0, tzinfo=JST),
         "2024-05-06T12:00+09:00"),
        ("2024-01-02T03:04-05:00",
         dt.datetime(2024, 1, 2, 3, 4, tzinfo=dt.timezone(-dt.timedelta(hours=5))),
         "2024-01-02T03:04-05:00"),
        ("2024-04-19T19:00", dt.datetime(2024, 4, 19, 19, 0), "2024-04-19T19:00"),
        (" 2024-04-19 ", dt.date(2024, 4, 19), "2024-04-19"),
        # YAML already made these dates
        (dt.date(2024, 4, 19), dt.date(2024, 4, 19), "2024-04-19"),
        (dt.datetime(2024, 5, 15, 10, 0, tzinfo=UTC), dt.datetime(2024, 5, 15, 10, 0, tzinfo=UTC),
         "2024-05-15T10:00Z"),
    ],
)
def test_parse_when(value, expected, text):
    parsed = parse_when(value)
    assert parsed == expected
    assert type(parsed) is type(expected)
    if isinstance(expected, dt.datetime):
        assert parsed.utcoffset() == expected.utcoffset()
    assert iso(parsed) == text


@pytest.mark.parametrize(
    "value",
    ["", "tomorrow", "2024-13-01", "2024-02-30", "2023-02-29", "2024-04-19T25:00",
     "2024-04-19T19:60", "2024-04-19T19:00+24:00", "19 April 2024", "2024/04/19", "24-04-19",
     "2024-4-19", "2024-04-19T19", "2024-04-19T19:00+09:00 extra", "2024-04-19 19:00 JST", None,
     ["2024-04-19"]],
)
def test_parse_when_rejects(value):
    with pytest.raises(DateError):
        parse_when(value)


def test_leap_day_is_a_date():
    assert parse_when("2024-02-29") == dt.date(2024, 2, 29)


# -- dates: format_range ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "ja", "en"),
    [
        # With the weekday, as connpass writes it: 2024年4月19日(金).
        ("2024-04-19T19:00+09:00", "2024-04-19T21:30+09:00",
         "2024年4月19日(金) 19:00～21:30",
         "Fri, Apr 19, 2024 7:00\u202fPM\u2009–\u20099:30\u202fPM"),
        ("2024-04-19T19:00+09:00", "", "2024年4月19日(金) 19:00", "Fri, Apr 19, 2024 7:00\u202fPM"),
        ("2024-04-19", "", "2024年4月19日(金)", "Fri, Apr 19, 2024"),
        ("2024-04-19", "2024-04-19", "2024年4月19日(金)", "Fri, Apr 19, 2024"),
        ("2024-07-09", "2024-07-10", "2024年7月9日(火)～10日(水)",
         "Tue, Jul 9\u2009–\u2009Wed, Jul 10, 2024"),
        ("2024-12-30", "2025-01-02", "2024年12月30日(月)～2025年1月2日(木)",
         "Mon, Dec 30, 2024\u2009–\u2009Thu, Jan 2, 2025"),
    ],
)
def test_format_range(start, end, ja, en):
    assert format_range(start, end, "ja") == ja
    assert format_range(start, end, "en") == en


def test_format_range_shows_the_time_as_written_not_converted():
    # A Tokyo meetup started at 19:00 for everyone who was there.
    assert format_range("2024-04-19T19:00+09:00", "", "ja") == "2024年4月19日(金) 19:00"
    assert format_range("2024-04-19T10:00Z", "", "ja") == "2024年4月19日(金) 10:00"


def test_format_range_falls_back_to_english():
    assert format_range("2024-04-19", "", None) == "Fri, Apr 19, 2024"
    assert format_range("2024-04-19", "", "xx-unknown") == "Fri, Apr 19, 2024"
    assert format_range("2024-04-19", "", "en_GB") == "Fri, 19 Apr 2024"


# -- dates: the edges of what Python holds -----------------------------------------------------


@pytest.mark.parametrize(
    ("end", "start", "before"),
    [
        # The same day: times count, not just the date part.
        ("2024-04-19T18:00+09:00", "2024-04-19T19:00+09:00", True),
        ("2024-04-19T21:30+09:00", "2024-04-19T19:00+09:00", False),
        ("2024-04-19T19:00+09:00", "2024-04-19T19:00+09:00", False),  # zero length is no error
        # Offsets differ: instants compare, whatever the written clock says.
        ("2024-04-19T12:00+01:00", "2024-04-19T19:00+09:00", False),
        ("2024-04-19T10:30+01:00", "2024-04-19T19:00+09:00", True),
        ("2024-04-19T10:00Z", "2024-04-19T19:00+09:00", False),
        # A bare date is the whole day.
        ("2024-04-19", "2024-04-19T19:00+09:00", False),
        ("2024-04-18", "2024-04-19T19:00+09:00", True),
        ("2024-04-19T08:00+09:00", "2024-04-19", False),
        ("2024-04-18", "2024-04-19", True),
        # One without an offset: the times as written.
        ("2024-04-19T18:00", "2024-04-19T19:00+09:00", True),
        ("2024-04-19T20:00+01:00", "2024-04-19T19:00", False),
        # The edges of Python's range, where converting to UTC overflows.
        ("0001-01-01T00:30+09:00", "0001-01-01T01:00+09:00", True),
        ("9999-12-31T23:30-09:00", "9999-12-31T23:00-09:00", False),
        ("0001-01-01T00:00+14:00", "9999-12-31T23:59-14:00", True),
        ("9999-12-31", "0001-01-01", False),
        # Nothing to compare: whoever read the value warned.
        ("", "2024-04-19", False),
        ("2024-04-19", "", False),
        ("tomorrow", "2024-04-19", False),
    ],
)
def test_is_before(end, start, before):
    assert is_before(end, start) is before
    if end and start and end != "tomorrow":  # parsed values (YAML's dates) compare alike
        assert is_before(parse_when(end), parse_when(start)) is before
    assert usable_end(start, end) == ("" if before else end)


def test_utc_is_none_outside_pythons_years():
    assert utc(dt.datetime(1, 1, 1, 0, 0, tzinfo=JST)) is None
    assert utc(dt.datetime(9999, 12, 31, 23, 0, tzinfo=dt.timezone(-dt.timedelta(hours=9)))) \
        is None
    assert utc(dt.datetime(1, 1, 1, 9, 0, tzinfo=JST)) == dt.datetime(1, 1, 1, tzinfo=UTC)
    assert utc(dt.datetime(2024, 4, 19, 19, 0, tzinfo=JST)) == dt.datetime(
        2024, 4, 19, 10, 0, tzinfo=UTC)
    # Floating time stays floating.
    assert utc(dt.datetime(2024, 4, 19, 19, 0)) == dt.datetime(2024, 4, 19, 19, 0)


@pytest.mark.parametrize(
    ("start", "end", "ja"),
    [
        ("9999-12-31", "", "9999年12月31日(金)"),
        ("9999-12-31", "9999-12-31", "9999年12月31日(金)"),
        ("9999-12-30", "9999-12-31", "9999年12月30日(木)～31日(金)"),
        ("0001-01-01T00:00+09:00", "0001-01-01T01:00+09:00", "1年1月1日(月) 0:00～1:00"),
        ("9999-12-31T23:00-09:00", "9999-12-31T23:30-09:00", "9999年12月31日(金) 23:00～23:30"),
        # An end before its start shows no range at all.
        ("2024-04-19T19:00+09:00", "2024-04-19T18:00+09:00", "2024年4月19日(金) 19:00"),
        ("2024-04-19", "2024-04-18", "2024年4月19日(金)"),
        # An end in another offset is shown on the start's clock.
        ("2024-04-19T19:00+09:00", "2024-04-19T12:00+01:00", "2024年4月19日(金) 19:00～20:00"),
        ("2024-04-19T19:00+09:00", "2024-04-19T21:30Z", "2024年4月19日(金)～20日(土)"),
        # ... unless that clock cannot show it: then as written.
        ("9999-12-31T23:00+14:00", "9999-12-31T23:30-14:00", "9999年12月31日(金) 23:00～23:30"),
    ],
)
def test_format_range_at_the_edges(start, end, ja):
    assert format_range(start, end, "ja") == ja
    assert format_range(start, end, "en")


@pytest.mark.parametrize(
    ("language", "tag"),
    [("ja", "ja"), ("zh_CN", "zh-CN"), ("zh_TW", "zh-TW"), ("pt_BR", "pt-BR"), ("en", "en"),
     ("sr@latin", "sr"), ("de-DE", "de-DE"), (None, "en"), ("", "en"), ("???", "und")],
)
def test_language_tag_is_bcp47(language, tag):
    assert language_tag(language) == tag


# -- where a title may break (BudouX) -------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    # Our own label, which the browser broke as カレンダーファ|イル.
    ("カレンダーファイル（.ics）", ["カレンダーファイル", "（.ics）"]),
    # Hiragana words whole: BudouX alone cuts さい|ごに, ひらが|なの, おねが|い, やく|そく.
    ("さいごに", ["さいごに"]),
    ("さいごに、ひらがなのことば", ["さいごに、", "ひらがなの", "ことば"]),
    ("わたしたちのちいさなやくそく", ["わたしたちの", "ちいさな", "やくそく"]),
    # A name stays with its honorific (BudouX: 佐々|木さん, 高橋|一郎さん).
    ("佐々木さんの発表を聞いて", ["佐々木さんの", "発表を", "聞いて"]),
    ("高橋一郎さんによる基調講演", ["高橋一郎さんによる", "基調講演"]),
    ("佐々木氏", ["佐々木氏"]),
    ("佐々木様より", ["佐々木様より"]),
    # 様子 is a word, not a name's 様.
    ("懇親会の様子", ["懇親会の", "様子"]),
    # A Latin word is never cut (BudouX: 入門Backsta|ge); its spaces break it already.
    ("入門Backstage：System Modelの理解と活用方法",
     ["入門Backstage：", "System Modelの", "理解と", "活用方法"]),
    # After a colon or a closing bracket a browser breaks anyway (BudouX left this one out).
    ("Meetup #8レポート：佐々木さんと", ["Meetup #8レポート：", "佐々木さんと"]),
    # No join makes a phrase longer than a phone's line: BudouX's と|いう stays.
    ("重要なんじゃないかという話", ["重要なんじゃないかと", "いう話"]),
    # A run longer than a phone's line is cut where Latin meets Japanese, not inside a word.
    ("半分くらいPlatform Engineering部かもしれない",
     ["半分くらい", "Platform Engineering", "部かもしれない"]),
    ("Chatworkの発表", ["Chatworkの", "発表"]),  # short: the particle stays with its word
    ("日時", ["日時"]),  # one character is no phrase
    ("Platform Engineering Meetup #8", ["Platform Engineering Meetup #8"]),
    ("", []),
])
def test_phrases(text, expected):
    assert phrases(text) == expected


@pytest.mark.parametrize("text", [
    "ChatworkのSRE部って実は半分くらいPlatform Engineering部かもしれない",
    "プラットフォームってつくることより計測できることが重要なんじゃないかという話",
    "「計測」から始めるSRE入門、そしてObservability 2.0へ。",
    "山本さん・佐藤さんの対談 <script>&amp;",
    " 前後に空白 ", "🎉絵文字🎉と記号★", "한국어 제목", "a",
])
def test_phrases_join_to_the_text_as_written(text):
    found = phrases(text)
    assert "".join(found) == text
    assert all(found)
    # No cut beside a space (the space breaks the line) or inside a Latin word.
    for left, right in itertools.pairwise(found):
        assert not left[-1].isspace() and not right[0].isspace()
        assert not (left[-1].isascii() and left[-1].isalnum()
                    and right[0].isascii() and right[0].isalnum())


def test_phrases_honour_the_sites_honorifics():
    """eventarchive_honorifics: くん is no honorific by default, so BudouX's cut stays."""
    assert phrases("佐々木くんの講演") == ["佐々", "木くんの", "講演"]
    assert phrases("佐々木くんの講演", honorifics=("くん",)) == ["佐々木くんの", "講演"]


@pytest.mark.parametrize(("language", "model"), [
    (None, "ja"), ("ja", "ja"), ("en", "ja"), ("zh_CN", "zh-hans"), ("zh", "zh-hans"),
    ("zh-Hant", "zh-hant"), ("zh_TW", "zh-hant"), ("zh-HK", "zh-hant"),
])
def test_phrase_model_by_language(language, model):
    assert model_name(language) == model


def test_chinese_titles_use_the_chinese_model():
    text = "我们的会议记录和演讲"
    assert "".join(phrases(text, "zh_CN")) == text
    assert len(phrases(text, "zh_CN")) > 1
    assert has_cjk(text) and not has_cjk("Platform Engineering Meetup #8")
