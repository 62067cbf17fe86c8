"""Speakers as people (issue 14): identity, profiles, readings, the speakers index.

The rules are tested without Sphinx first (``core/people.py``, ``core/kana.py``),
then through real builds of ``tests/roots/test-people`` read as consumers read
them: BeautifulSoup for pages, extruct for JSON-LD, jsonschema for archive.json.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import imagesize
import pytest
from bs4 import BeautifulSoup
from conftest import ROOTS, archive_warnings, build_app, warnings_of

from sphinx_eventarchive.core import kana
from sphinx_eventarchive.core.kana import KANJI, Guesser, Readings, place, row_of
from sphinx_eventarchive.core.people import (
    People,
    link_label,
    person_key,
    split_ref,
    strip_honorific,
)
from sphinx_eventarchive.core.records import SpeakerProfile

# -- identity ----------------------------------------------------------------------------


def test_honorifics_written_after_a_name_are_not_part_of_it() -> None:
    assert strip_honorific("佐々木さん") == "佐々木"
    assert strip_honorific("佐々木 さん") == "佐々木"
    assert strip_honorific("佐々木氏") == strip_honorific("佐々木様") == "佐々木"
    assert strip_honorific("さん") == "さん"  # nothing else: it is the name
    assert strip_honorific("佐々木さん", honorifics=()) == "佐々木さん"
    assert person_key("横田さん") == person_key("横田") == person_key("横田 様")
    assert person_key("横田さん", honorifics=()) != person_key("横田")
    # Only after the name: an honorific inside a name stays.
    assert person_key("様子見 太郎") == "様子見 太郎"


def test_width_case_and_spaces_are_one_name_but_a_handle_is_its_own() -> None:
    assert person_key("ＡＢＢＹ　ＢＡＮＧＳＥＲ") == person_key("abby  bangser")
    assert person_key("＠sasaki_t") == person_key("@sasaki_t")
    assert person_key("@sasaki_t") != person_key("sasaki_t")
    assert split_ref("佐々木 <sasaki-t>") == ("佐々木", "sasaki-t")
    assert split_ref("<sasaki-t>") == ("<sasaki-t>", "")  # no name: not a reference
    assert split_ref("x <b>y</script>") == ("x <b>y</script>", "")  # no usable id either
    assert person_key("佐々木さん <sasaki-t>") == "佐々木"


def profile(name: str, profile_id: str, docname: str = "people", lineno: int = 1,
            **fields: Any) -> SpeakerProfile:
    return SpeakerProfile(id=profile_id, name=name, docname=docname, lineno=lineno, **fields)


def test_profiles_claim_names_aliases_and_affiliations() -> None:
    taro = profile("佐々木 太郎", "sasaki-t", lineno=1,
                   aliases=("佐々木 (コドモン)", "Taro Sasaki", "@sasaki_t"))
    hanako = profile("佐々木 花子", "sasaki-h", lineno=9, aliases=("佐々木 (Example Corp)",))
    people = People([taro, hanako])
    assert people.find("佐々木 太郎") is taro
    assert people.find("taro  sasaki") is taro
    assert people.find("@sasaki_t") is taro
    assert people.find("sasaki_t") is None  # a handle without its @ is another name
    # A bare surname claimed for one affiliation only: the session's affiliation decides.
    assert people.find("佐々木さん", "コドモン") is taro
    assert people.find("佐々木", "ＥＸＡＭＰＬＥ  corp") is hanako
    assert people.find("佐々木") is None
    assert people.find("佐々木", "Other Inc") is None
    # The profile id, written as a role's explicit title: the name does not matter.
    assert people.find("佐々木 <sasaki-h>") is hanako
    assert people.find("Whoever <sasaki-t>") is taro
    assert people.find("sasaki-h") is None
    assert people.find("sasaki-h", bare_id=True) is hanako  # a role's target
    # A session's Name <id> is read apart when the session is: the id as it gave it.
    assert people.find("佐々木", profile="sasaki-h") is hanako
    assert people.unknown_ref("sasaki-x") == "sasaki-x" and people.unknown_ref("sasaki-t") == ""
    assert people.key("佐々木さん", "コドモン") == people.key("Taro Sasaki") == "佐々木 太郎"
    assert people.key("横田さん") == "横田"
    assert people.conflicts == [] and people.duplicate_ids == []


def test_two_profiles_claiming_one_name_conflict_at_the_second() -> None:
    first = profile("Mina Okada", "mina", docname="a", aliases=("mina",))
    second = profile("Mina Ogawa", "mina-ogawa", docname="b", aliases=("MINA", "Mina Okada"))
    again = profile("Mina Okada", "mina-2", docname="c")
    same_id = profile("Someone Else", "mina", docname="d")
    people = People([first, second, again, same_id])
    assert [(c.profile.id, c.claim, c.first.id) for c in people.conflicts] == [
        ("mina-ogawa", "MINA", "mina"), ("mina-ogawa", "Mina Okada", "mina"),
        ("mina-2", "Mina Okada", "mina")]
    assert [(later.docname, first.docname) for later, first in people.duplicate_ids] == [
        ("d", "a")]
    # The first keeps every name it claims; the second of one name gets a page of its own.
    assert people.find("mina") is first and people.find("Mina Okada") is first
    assert people.keys["mina-2"] == "mina okada <mina-2>"
    assert people.find("Mina Okada <mina-2>") is again


def test_link_labels_name_known_sites() -> None:
    assert [link_label(url) for url in (
        "https://x.com/sasaki_t", "https://twitter.com/sasaki_t", "https://github.com/sasaki",
        "https://speakerdeck.com/sasaki", "https://sasaki.hatenablog.com/",
        "https://www.example.org/about")] == [
        "X", "X", "GitHub", "Speaker Deck", "Hatena Blog", "example.org"]


# -- readings and order ------------------------------------------------------------------


def test_rows_of_kana_readings() -> None:
    rows = {kana_: row_of(kana_) for kana_ in (
        "ゔぃくとる", "ぁ", "っ", "ゃ", "ーあ", "ｶﾞｲﾄﾞ", "ぱ", "ん", "ヲ", "ささき", "abc", "")}
    assert rows == {"ゔぃくとる": "あ行", "ぁ": "あ行", "っ": "た行", "ゃ": "や行", "ーあ": "あ行",
                    "ｶﾞｲﾄﾞ": "か行", "ぱ": "は行", "ん": "わ行", "ヲ": "わ行", "ささき": "さ行",
                    "abc": "", "": ""}


def index_order(names: dict[str, str], *, kana_first: bool = True) -> list[tuple[str, str]]:
    """(group label, name) in index order, for names with their readings."""
    placed = sorted((place(name, reading, kana_first=kana_first), name)
                    for name, reading in names.items())
    return [(where.group.label, name) for where, name in placed]


def test_collation_is_not_code_point_order() -> None:
    latin = ["Stefan", "Zoë", "sarah", "Sébastien", "Émile", "Łukasz", "Abel", "ábel", "ZOE",
             "@sasaki_t", "Ørsted", "Sarah"]
    assert [name for _group, name in index_order(dict.fromkeys(latin, ""))] == [
        "Abel", "ábel", "Émile", "Łukasz", "Ørsted", "sarah", "Sarah", "@sasaki_t",
        "Sébastien", "Stefan", "ZOE", "Zoë"]
    # ICU's (and pyuca's) order: base sound first, then voicing (清 < 濁 < 半濁), small
    # before large, hiragana before katakana; ー sorts as the vowel it lengthens. Only
    # the third-level order of かぁ/かあ/カー (ICU: カー, かぁ, かあ) differs, harmlessly.
    kana_names = ["はあ", "ぱ", "ヴィ", "かつこう", "が", "ば", "カ", "かぁ", "き", "うぃ", "ガ",
                  "かっこう", "ﾊ", "は", "か", "がっこう", "ゔぃ", "かあ", "カー"]
    assert [name for _group, name in index_order(dict.fromkeys(kana_names, ""))] == [
        "うぃ", "ゔぃ", "ヴィ", "か", "カ", "が", "ガ", "かぁ", "かあ", "カー", "かっこう",
        "かつこう", "がっこう", "き", "は", "ﾊ", "ば", "ぱ", "はあ"]


def test_readings_decide_rows_and_scripts_group_the_rest() -> None:
    names = {"古屋": "ふるや", "佐々木 太郎": "ささき たろう", "ヴィクトル": "", "Иван": "",
             "김": "", "鈴木": "", "Mina Okada": "", "1Password": "", "髙橋": "たかはし"}
    assert index_order(names) == [
        ("あ行", "ヴィクトル"), ("さ行", "佐々木 太郎"), ("た行", "髙橋"), ("は行", "古屋"),
        ("M", "Mina Okada"), ("Cyrillic", "Иван"), ("Hangul", "김"), (KANJI, "鈴木"),
        ("other", "1Password")]
    # An English site lists A–Z first.
    assert index_order(names, kana_first=False)[:2] == [("M", "Mina Okada"), ("あ行", "ヴィクトル")]


class CountingGuesser(Guesser):
    """A dictionary that reads every name as すずき, counting what it was asked."""

    def __init__(self, name: str = "counting 1") -> None:
        super().__init__()
        self.name, self.dictionary, self.asked = name, "fake", []

    def __call__(self, name: str) -> str:
        self.asked.append(name)
        return "すずき"


def test_readings_are_guessed_once_per_name_and_kept() -> None:
    guesser = CountingGuesser()
    cache: dict[str, Any] = {}
    readings = Readings(cache, lambda: guesser)
    assert [readings.guess(n) for n in ("鈴木", "鈴木", "Mina", "すずき", "スズキ")] == [
        "すずき", "すずき", "", "すずき", "すずき"]
    assert guesser.asked == ["鈴木"]  # kana is its own reading; Latin has none
    # A later build keeps the guesses (the cache is the domain's data).
    assert Readings(cache, lambda: guesser).guess("鈴木") == "すずき"
    assert guesser.asked == ["鈴木"]
    readings.keep_only({"佐藤"})
    assert cache["names"] == {}
    # Another dictionary: the old guesses go.
    other = CountingGuesser("counting 2")
    Readings(cache, lambda: other).guess("佐藤")
    assert other.asked == ["佐藤"] and cache["guesser"] == "counting 2"


def no_dictionary() -> Guesser:
    guesser = Guesser()
    guesser.dictionary = guesser.name = ""
    return guesser


def test_without_a_dictionary_kanji_has_no_reading() -> None:
    readings = Readings({}, no_dictionary)
    assert readings.guess("佐藤") == ""
    assert readings.guess("サトウ") == "さとう"
    assert place("佐藤", readings.guess("佐藤")).group.label == KANJI


def test_the_dictionary_reads_names_as_the_docs_say() -> None:
    pytest.importorskip("sudachipy", reason="the [ja] extra (SudachiPy) is not installed")
    guess = Guesser()
    assert guess.available
    assert guess("佐々木 太郎") == "ささきたろう"
    assert guess("髙橋") == "たかはし"  # 異体字: read as 高橋
    assert guess("山﨑") == "やまざき"
    assert guess("大山") == "おおやま"  # a person, not the mountain (だいせん)
    assert guess("古屋") == "こや"  # the docs' example of a guess to correct with :reading:
    assert guess("@sasaki_t") == "" and guess("Taro") == ""


def test_the_dictionary_is_let_go_once_the_archive_is_read() -> None:
    # About 33 MiB resident: held to the end, it was most of a full build's memory
    # beyond plain Sphinx's on a Japanese archive.
    pytest.importorskip("sudachipy", reason="the [ja] extra (SudachiPy) is not installed")
    guesser = Guesser()
    readings = Readings({}, lambda: guesser)
    assert readings.guess("佐藤") == "さとう"
    assert guesser._tokenizer is not None
    readings.keep_only({"佐藤"})
    assert guesser._tokenizer is None
    assert readings.guess("鈴木") == "すずき"  # read again when asked again


# -- a real archive ----------------------------------------------------------------------


class Built:
    """tests/roots/test-people, copied and built once per builder and settings."""

    def __init__(self, base: Path) -> None:
        self.base = base
        self.srcdir = base / "src"
        shutil.copytree(ROOTS / "test-people", self.srcdir)
        self.apps: dict[tuple[str, str], Any] = {}

    def app(self, buildername: str = "html", **overrides: Any) -> Any:
        key = (buildername, repr(sorted(overrides.items())))
        if key not in self.apps:
            self.apps[key] = build_app(
                buildername, self.srcdir, confoverrides={"html_theme": "alabaster", **overrides},
                builddir=self.base / f"build{len(self.apps)}")
        return self.apps[key]

    def out(self, buildername: str = "html", **overrides: Any) -> Path:
        return Path(self.app(buildername, **overrides).outdir)

    def soup(self, page: str, buildername: str = "html", **overrides: Any) -> BeautifulSoup:
        text = (self.out(buildername, **overrides) / page).read_text(encoding="utf-8")
        return BeautifulSoup(text, "html.parser")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return Built(tmp_path_factory.mktemp("people"))


def text_of(node: Any) -> str:
    return " ".join(node.get_text().split())


def main(soup: BeautifulSoup) -> Any:
    section = soup.select_one("section.eventarchive-page")
    assert section is not None
    return section


def session_links(page: Any) -> list[str]:
    """The sessions a speaker page lists (by anchor, once each, in order)."""
    found: dict[str, None] = {}
    for link in page.find_all("a", href=True):
        href = unquote(link["href"])
        if "#session-" in href and "eventarchive-writeups" not in str(link.parent.get("class")):
            found.setdefault(href.split("#", 1)[1], None)
    return list(found)


SPEAKER_PAGES = {
    "佐々木-太郎", "佐々木-花子", "古屋", "mina-okada", "静か-花子", "横田", "髙橋", "渡邉",
    "ヴィクトル", "иван-петров", "łukasz-nowak", "sarah-lee", "sébastien-roy", "stefan-zed",
    "émile-zola",
}


def need_dictionary() -> None:
    if not kana.default_guesser().available:
        pytest.skip("the [ja] extra (SudachiPy) is not installed: no readings are guessed")


def test_the_archive_builds_without_warnings(built: Built) -> None:
    need_dictionary()
    assert warnings_of(built.app()) == []


def test_one_page_per_person_whatever_name_a_report_uses(built: Built) -> None:
    out = built.out()
    pages = {p.stem for p in (out / "speakers").glob("*.html")} - {"index"}
    assert pages == SPEAKER_PAGES
    # 佐々木さん (コドモン), @sasaki_t (コドモン) and Taro Sasaki (Codmon) are one person.
    taro = main(built.soup("speakers/佐々木-太郎.html"))
    assert session_links(taro) == ["session-pfem9_2f_golden", "session-pfem8_2f_measure",
                                   "session-pfem8_2f_platform"]
    # 横田さん and 横田: one person, shown without the honorific.
    yokota = main(built.soup("speakers/横田.html"))
    assert text_of(yokota.h1) == "横田"
    assert session_links(yokota) == ["session-pfem8_2f_measure", "session-pfem8_2f_platform"]
    # 佐々木 (Example Corp) by the alias limited to that affiliation, 佐々木 <sasaki-h> by id.
    hanako = main(built.soup("speakers/佐々木-花子.html"))
    assert session_links(hanako) == ["session-harbor_-2025_2f_welcome", "session-pfem9_2f_golden"]


def test_honorifics_can_be_kept_as_written(built: Built) -> None:
    out = built.out(eventarchive_honorifics=[])
    pages = {p.stem for p in (out / "speakers").glob("*.html")}
    assert {"横田", "横田さん", "髙橋様", "渡邉氏"} <= pages


def index_groups(soup: BeautifulSoup) -> list[tuple[str, list[str]]]:
    page = main(soup)
    return [(text_of(h), [text_of(li.a) for li in h.find_next_sibling("ul").find_all("li")])
            for h in page.find_all("h2")]


def test_speakers_index_groups_by_50on_row_then_a_to_z(built: Built) -> None:
    need_dictionary()  # 髙橋, 横田 and 渡邉 have no profile: their readings are guessed
    groups = index_groups(built.soup("speakers/index.html"))
    assert groups == [
        ("あ行", ["ヴィクトル"]),
        ("さ行", ["佐々木 太郎", "佐々木 花子", "静か 花子"]),
        ("た行", ["髙橋"]),
        ("は行", ["古屋"]),  # ふるや, as its profile says
        ("や行", ["横田"]),
        ("わ行", ["渡邉"]),
        ("E", ["Émile Zola"]),
        ("L", ["Łukasz Nowak"]),
        ("M", ["Mina Okada"]),
        ("S", ["Sarah Lee", "Sébastien Roy", "Stefan Zed"]),
        ("Cyrillic", ["Иван Петров"]),
    ]
    assert "非公開 太郎" not in str(groups)  # unlisted


def test_speakers_index_of_an_english_site_lists_a_to_z_first(built: Built) -> None:
    groups = index_groups(built.soup("speakers/index.html", language="en"))
    assert [name for name, _people in groups][:5] == ["E", "L", "M", "S", "あ行"]


def test_speaker_page_shows_the_profile(built: Built) -> None:
    soup = built.soup("speakers/佐々木-太郎.html")
    page = main(soup)
    block = page.select_one(".eventarchive-profile")
    assert text_of(page.h1) == "佐々木 太郎"
    assert text_of(block.select_one(".eventarchive-reading")) == "ささき たろう"
    assert text_of(block.select_one(".eventarchive-profile-affiliation")) == "コドモン"
    links = block.select(".eventarchive-profile-links a")
    assert [(text_of(a), a["href"], a["rel"]) for a in links] == [
        ("X", "https://x.com/sasaki_t", ["me"]),
        ("GitHub", "https://github.com/sasaki-t", ["me"]),
        ("Speaker Deck", "https://speakerdeck.com/sasaki", ["me"]),
        ("sasaki.example.org", "https://sasaki.example.org/", ["me"]),
    ]
    bio = block.select(".eventarchive-bio > p")
    assert [text_of(p) for p in bio] == ["コドモンの SRE。ブログも書いています。",
                                         "二段落目の紹介文。"]
    assert bio[0].a["href"] == "https://sasaki.example.org/blog/"
    # The photo: copied under a content-hashed name, with its real size.
    photo = block.select_one("img.eventarchive-photo")
    copied = (built.out() / "speakers" / unquote(photo["src"])).resolve()
    assert copied.parent.name == "eventarchive" and copied.is_file()
    assert copied.read_bytes() == (ROOTS / "test-people/images/sasaki.png").read_bytes()
    assert (int(photo["width"]), int(photo["height"])) == imagesize.get(str(copied)) == (240, 320)
    assert photo["alt"]
    assert soup.find("meta", attrs={"name": "robots"}) is None
    # Shared, the page shows the photo too.
    og_image = soup.find("meta", property="og:image")["content"]
    assert og_image == urljoin("https://archive.example.org/speakers/", photo["src"])


def test_speaker_page_without_a_profile_is_as_before(built: Built) -> None:
    page = main(built.soup("speakers/横田.html"))
    assert page.select_one(".eventarchive-profile") is None


def jsonld(soup: BeautifulSoup, url: str) -> list[dict[str, Any]]:
    import extruct

    return extruct.extract(str(soup), base_url=url, syntaxes=["json-ld"])["json-ld"]


def test_profile_page_json_ld(built: Built) -> None:
    url = "https://archive.example.org/speakers/佐々木-太郎.html"
    [found] = jsonld(built.soup("speakers/佐々木-太郎.html"), url)
    assert found["@type"] == "ProfilePage"
    person = found["mainEntity"]
    assert person["name"] == "佐々木 太郎"
    assert person["alternateName"] == ["佐々木", "Taro Sasaki", "@sasaki_t"]
    assert person["sameAs"][:2] == ["https://x.com/sasaki_t", "https://github.com/sasaki-t"]
    assert person["image"].startswith("https://archive.example.org/_images/eventarchive/")
    assert person["worksFor"] == {"@type": "Organization", "name": "コドモン"}
    assert person["description"].startswith("コドモンの SRE。")


def test_performers_are_the_people_of_their_profiles(built: Built) -> None:
    [event] = jsonld(built.soup("pfem8.html"), "https://archive.example.org/pfem8.html")
    performers = {s["name"]: [p for p in s["performer"]] for s in event["subEvent"]}
    measure = performers["計測できることが重要"]
    assert [p["name"] for p in measure] == ["佐々木 太郎", "横田", "古屋"]
    taro = measure[0]
    assert taro["affiliation"] == {"@type": "Organization", "name": "コドモン"}
    assert "https://x.com/sasaki_t" in taro["sameAs"]
    assert taro["image"].startswith("https://archive.example.org/_images/eventarchive/")
    assert unquote(urlsplit(taro["url"]).path) == "/speakers/佐々木-太郎.html"
    quiet = next(p for p in performers["プラットフォームの話"] if p["name"] == "静か 花子")
    assert "sameAs" not in quiet  # noindex: no links to join the person up with
    hidden = next(p for p in performers["プラットフォームの話"] if p["name"] == "非公開 太郎")
    assert "url" not in hidden  # unlisted: no page


def test_session_blocks_and_roles_show_the_profile_name(built: Built) -> None:
    soup = built.soup("pfem8.html")
    lines = [[text_of(name) for name in p.select(".eventarchive-speaker")]
             for p in soup.select("p.eventarchive-speakers")]
    # 佐々木さん and @sasaki_t as the profile names the person, 横田さん without the honorific.
    assert lines == [["佐々木 太郎", "横田", "古屋"],
                     ["横田", "佐々木 太郎", "非公開 太郎", "静か 花子"]]
    assert "コドモン" in text_of(soup.select_one("p.eventarchive-speakers"))
    unlisted = [a for p in soup.select("p.eventarchive-speakers") for a in p.find_all("a")
                if "非公開" in a.get_text()]
    assert unlisted == []  # the name stays, as text
    roles = next(p for p in soup.find_all("p") if text_of(p).startswith("Speakers:"))
    assert text_of(roles) == (
        "Speakers: 古屋, 佐々木 太郎, 佐々木 太郎, 佐々木 太郎 and 非公開 太郎.")
    assert [unquote(a["href"]) for a in roles.find_all("a")] == [
        "speakers/古屋.html", *["speakers/佐々木-太郎.html"] * 3]


def test_noindex_and_unlisted_people(built: Built) -> None:
    out = built.out()
    quiet = built.soup("speakers/静か-花子.html")
    assert quiet.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert not (out / "speakers" / "非公開-太郎.html").exists()
    data = json.loads((out / "archive.json").read_text(encoding="utf-8"))
    names = {s["name"] for s in data["speakers"]}
    assert "静か 花子" not in names and "非公開 太郎" not in names
    in_sessions = {s["name"] for session in data["sessions"] for s in session["speakers"]}
    assert not in_sessions & {"静か 花子", "非公開 太郎"}
    # Sphinx's search finds speakers as objects, but not one who asked for noindex.
    text = (out / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(text[text.index("(") + 1: text.rindex(")")])
    objects = {entry[4] for entries in index["objects"].values() for entry in entries}
    assert "佐々木 太郎" in objects
    assert not objects & {"静か 花子", "非公開 太郎"}


def test_archive_json_carries_profiles(built: Built) -> None:
    import jsonschema

    from sphinx_eventarchive.exports.archive_json import SCHEMA

    out = built.out()
    data = json.loads((out / "archive.json").read_text(encoding="utf-8"))
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    assert [e.message for e in validator.iter_errors(data)] == []
    assert data["version"] == 3
    speakers = {s["id"]: s for s in data["speakers"]}
    taro = speakers["佐々木 太郎"]
    assert taro["aliases"] == ["佐々木 (コドモン)", "Taro Sasaki", "@sasaki_t"]
    assert (taro["reading"], taro["reading_guessed"]) == ("ささき たろう", False)
    assert taro["affiliation"] == "コドモン"
    assert taro["links"][0] == "https://x.com/sasaki_t"
    photo = urlsplit(taro["photo"]).path.lstrip("/")
    assert (out / photo).is_file()
    assert taro["profile"] == "https://archive.example.org/people.html#speaker-sasaki_-t"
    session = next(s for s in data["sessions"] if s["id"] == "pfem8/measure")
    assert [s["speaker"] for s in session["speakers"]] == ["佐々木 太郎", "横田", "古屋"]
    assert speakers["横田"]["profile"] is None and speakers["横田"]["aliases"] == []
    welcome = next(s for s in data["sessions"] if s["id"] == "harbor-2025/welcome")
    assert welcome["speakers"][2] == {"speaker": "佐々木 花子", "name": "佐々木",
                                      "affiliation": None}


def test_sessionlist_speaker_takes_an_alias(built: Built) -> None:
    listing = built.soup("harbor.html").select_one(".eventarchive-sessionlist")
    assert "Welcome" in text_of(listing)


# -- bad input ---------------------------------------------------------------------------

BAD_PROFILES = """\
# People

```{speaker} Mina Okada
:aliases: mina
```

```{speaker} Mina Ogawa
:aliases: MINA
:photo: ../outside.png
```

```{speaker} Mina Ogawa
```

```{speaker} Kenji
:photo: images/missing.png
:reading: 健二
:links: javascript:alert(1), https://example.org/kenji
```

```{speaker}
```
"""

BAD_REPORT = """\
# Meetup

```{event} Meetup
:id: meetup
:date: 2025-01-01
```

```{session} Talk
:speakers: 佐々木 <nobody>, mina
```
"""


def test_bad_profiles_warn_with_file_and_line(project: Callable[..., Any]) -> None:
    proj = project({"index.md": "# Index\n\n```{toctree}\npeople\nmeetup\n```\n",
                    "people.md": BAD_PROFILES, "meetup.md": BAD_REPORT})
    (proj.srcdir.parent / "outside.png").write_bytes(b"not really")
    app = proj.build()
    found = sorted(line.split("WARNING: ", 1)[0].rsplit("/", 1)[-1]
                   + line.split("WARNING: ", 1)[1][:60] + " " + line.rsplit(" ", 1)[-1]
                   for line in archive_warnings(app))
    assert [(w.split(": ", 1)[0], w.rsplit(" ", 1)[-1]) for w in found] == [
        ("meetup.md:8", "[eventarchive.ref]"),        # 佐々木 <nobody>
        ("people.md:12", "[eventarchive.id]"),        # a second mina-ogawa on the page
        ("people.md:16", "[eventarchive.image]"),     # missing photo
        ("people.md:17", "[eventarchive.option]"),    # a reading in kanji
        ("people.md:18", "[eventarchive.url]"),       # javascript:
        ("people.md:21", "[eventarchive.title]"),     # no name
        ("people.md:7", "[eventarchive.conflict]"),   # MINA is Mina Okada's alias already
        ("people.md:9", "[eventarchive.path]"),       # leaves the source folder
    ]
    out = Path(app.outdir)
    # The build goes on: the first claim keeps the name, and the session is Mina Okada's.
    page = BeautifulSoup((out / "speakers" / "mina-okada.html").read_text(encoding="utf-8"),
                         "html.parser")
    assert "Talk" in text_of(main(page))
    kenji = BeautifulSoup((out / "speakers" / "kenji.html").read_text(encoding="utf-8"),
                          "html.parser")
    assert [a["href"] for a in kenji.select(".eventarchive-profile-links a")] == [
        "https://example.org/kenji"]
    assert not list(out.rglob("outside.png"))


ESCAPES = """\
# People

```{speaker} <script>x=1</script> Name
:aliases: "><img src=x onerror=x=2>
:affiliation: </p><script>x=3</script>
:links: https://example.org/?q="><script>x=4</script>

Bio with <b>raw</b> & {{ braces }} and [a link](https://example.org/"onmouseover="x).
```

```{event} Meetup
:id: m
:date: 2025-01-01
```

```{session} Talk
:speakers: <script>x=1</script> Name (</p><script>x=5</script>)
```
"""


def test_nothing_a_profile_says_reaches_html_unescaped(project: Callable[..., Any]) -> None:
    proj = project({"index.md": ESCAPES})
    out = Path(proj.build().outdir)
    pages = [p for p in (out / "speakers").glob("*.html") if p.name != "index.html"]
    assert len(pages) == 1
    for path in [*pages, out / "speakers" / "index.html", out / "index.html"]:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        scripts = [s for s in soup.find_all("script") if "x=" in (s.string or "")
                   and s.get("type") != "application/ld+json"]
        assert scripts == [], path
        for data in soup.find_all("script", type="application/ld+json"):
            assert "<" not in data.string  # nothing can end the script element
        assert soup.find("img", src="x") is None
        # The bio is the user's MyST, where MyST passes HTML through; as a generated page
        # shows it, it is text.
        assert path.name == "index.html" and path.parent == out or soup.find("b") is None
        assert not [tag for tag in soup.find_all(True) if tag.has_attr("onmouseover")
                    or tag.has_attr("onerror")]
    for item in jsonld(BeautifulSoup(pages[0].read_text(encoding="utf-8"), "html.parser"),
                       "https://archive.example.org/"):
        assert item["mainEntity"]["name"] == "<script>x=1</script> Name"


# -- readings without the dictionary -------------------------------------------------------


def test_without_the_dictionary_kanji_names_warn_once_and_group_by_script(
        project: Callable[..., Any], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kana, "default_guesser", no_dictionary)
    proj = project({"index.md": """\
# Meetup

```{event} Meetup
:id: m
:date: 2025-01-01
```

```{session} One
:speakers: 鈴木さん, 田中 (Acme), さとう
```

```{session} Two
:speakers: 鈴木, 佐藤 花子
```

```{speaker} 佐藤 花子
:reading: さとう はなこ
```
"""}, conf=CONF_JA)
    app = proj.build()
    readings = [w for w in archive_warnings(app) if "[eventarchive.reading]" in w]
    # One warning for the missing extra, counting the names (tests/test_missing_extra.py).
    assert [w.split("WARNING: ")[0].rsplit("/", 1)[-1] + w.split("no reading for ")[1][:4]
            for w in readings] == ["index.md:8: '田中'"]
    assert " and 1 other name in kanji," in readings[0]
    assert "sphinx-eventarchive[ja]" in readings[0] and ":reading:" in readings[0]
    groups = index_groups(BeautifulSoup(
        (Path(app.outdir) / "speakers" / "index.html").read_text(encoding="utf-8"),
        "html.parser"))
    assert groups == [("さ行", ["さとう", "佐藤 花子"]), ("漢字", ["田中", "鈴木"])]


def test_with_the_dictionary_a_name_it_cannot_read_warns_without_advising_it(
        project: Callable[..., Any]) -> None:
    if not kana.default_guesser().available:
        pytest.skip("the [ja] extra (SudachiPy) is not installed")
    proj = project({"index.md": """\
# Meetup

```{event} Meetup
:id: m
:date: 2025-01-01
```

```{session} One
:speakers: 劉育維, 鈴木
```
"""}, conf=CONF_JA)
    readings = [w for w in archive_warnings(proj.build()) if "[eventarchive.reading]" in w]
    assert len(readings) == 1 and "'劉育維' (the dictionary could not read it)" in readings[0]
    assert ":reading:" in readings[0] and "sphinx-eventarchive[ja]" not in readings[0]


CONF_JA = """\
extensions = ["myst_parser", "sphinx_eventarchive"]
project = "People"
html_baseurl = "https://archive.example.org/"
language = "ja"
"""


# -- other builders ----------------------------------------------------------------------


def test_dirhtml_speaker_pages_and_photo(built: Built) -> None:
    out = built.out("dirhtml")
    page = out / "speakers" / "佐々木-太郎" / "index.html"
    photo = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one(
        "img.eventarchive-photo")
    assert (page.parent / unquote(photo["src"])).resolve().is_file()
    assert warnings_of(built.app("dirhtml")) == [] or not kana.default_guesser().available


@pytest.mark.parametrize("buildername", ["singlehtml", "latex", "text"])
def test_profiles_in_every_builder(built: Built, buildername: str) -> None:
    app = built.app(buildername)
    assert [w for w in warnings_of(app) if "[eventarchive.reading]" not in w] == []
    out = Path(app.outdir)
    if buildername == "singlehtml":
        soup = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")
        block = soup.select_one("#speaker-sasaki_-t")
        assert "ささき たろう" in text_of(block) and block.select_one("img.eventarchive-photo")
        # Without speaker pages, a speaker's link goes to the profile.
        roles = next(p for p in soup.find_all("p") if text_of(p).startswith("Speakers:"))
        # (Sphinx 9's singlehtml writes "#document-speakers#speaker-…" for every
        # cross-document reference, its own {ref} included.)
        assert [a["href"].rsplit("#", 1)[1] for a in roles.find_all("a")][1:] == [
            "speaker-sasaki_-t"] * 3
    elif buildername == "latex":
        tex = next(out.glob("*.tex")).read_text(encoding="utf-8")
        assert r"\DUrole{eventarchive-reading}{ささき たろう}" in tex
        assert r"\sphinxincludegraphics{{sasaki}.png}" in tex
        assert (out / "sasaki.png").is_file()
    else:
        text = (out / "people.txt").read_text(encoding="utf-8")
        assert "**佐々木 太郎** ささき たろう" in text and "コドモンの SRE。" in text


# -- incremental and parallel builds -------------------------------------------------------

NEW_PROFILE = """

```{speaker} 横田 一郎
:reading: よこた いちろう
:aliases: 横田
```
"""


def same_as(incremental: Path, clean: Path) -> list[str]:
    from test_incremental_pages import differences

    return differences(incremental, clean)


def test_adding_an_alias_moves_sessions_onto_the_profile_page(tmp_path: Path) -> None:

    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-people", srcdir)
    profiles = srcdir / "people.md"
    original = profiles.read_text(encoding="utf-8")

    def build(source: Path, builddir: Path, *, freshenv: bool = False) -> Path:
        return Path(build_app("html", source, builddir=builddir, freshenv=freshenv).outdir)

    def clean(number: int) -> Path:
        copy = tmp_path / f"clean{number}"
        shutil.copytree(srcdir, copy, ignore=shutil.ignore_patterns("_build"))
        return build(copy, tmp_path / f"build{number}", freshenv=True)

    out = build(srcdir, tmp_path / "build")
    assert (out / "speakers" / "横田.html").is_file()

    profiles.write_text(original + NEW_PROFILE, encoding="utf-8")
    out = build(srcdir, tmp_path / "build")
    assert not (out / "speakers" / "横田.html").exists()  # the orphan page is gone
    page = BeautifulSoup((out / "speakers" / "横田-一郎.html").read_text(encoding="utf-8"),
                         "html.parser")
    assert session_links(main(page)) == ["session-pfem8_2f_measure", "session-pfem8_2f_platform"]
    # A report nobody touched names the person as the profile does.
    report = BeautifulSoup((out / "pfem8.html").read_text(encoding="utf-8"), "html.parser")
    assert "横田 一郎" in [text_of(n) for n in report.select(".eventarchive-speaker")]
    assert same_as(out, clean(1)) == []

    # A new reading moves the person in the index.
    profiles.write_text(original.replace(":reading: ふるや", ":reading: こや") + NEW_PROFILE,
                        encoding="utf-8")
    out = build(srcdir, tmp_path / "build")
    assert ("か行", ["古屋"]) in index_groups(BeautifulSoup(
        (out / "speakers" / "index.html").read_text(encoding="utf-8"), "html.parser"))
    assert same_as(out, clean(2)) == []

    # Removing the profile gives the sessions back to the name.
    profiles.write_text(original, encoding="utf-8")
    out = build(srcdir, tmp_path / "build")
    assert (out / "speakers" / "横田.html").is_file()
    assert not (out / "speakers" / "横田-一郎.html").exists()
    assert same_as(out, clean(3)) == []


def test_parallel_build_equals_serial_build(tmp_path: Path) -> None:
    from test_incremental_pages import differences

    outs = []
    for jobs in (1, 2):
        srcdir = tmp_path / f"src{jobs}"
        shutil.copytree(ROOTS / "test-people", srcdir)
        app = build_app("html", srcdir, builddir=tmp_path / f"build{jobs}", parallel=jobs)
        outs.append(Path(app.outdir))
    assert differences(outs[1], outs[0]) == []


def test_a_large_index_gets_a_page_per_row(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                           ) -> None:
    """From a thousand speakers on (five here) the index lists the rows and links a page each."""
    from sphinx_eventarchive.write import paging

    need_dictionary()
    monkeypatch.setattr(paging, "PAGE_LIMIT", 5)
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-people", srcdir)
    out = Path(build_app("html", srcdir, builddir=tmp_path / "build").outdir)
    index = main(BeautifulSoup((out / "speakers" / "index.html").read_text(encoding="utf-8"),
                               "html.parser"))
    counts = [(text_of(li.a), text_of(li.select_one(".eventarchive-count")))
              for li in index.select(".eventarchive-initial-counts > li")]
    assert counts[:3] == [("あ行", "1"), ("さ行", "3"), ("た行", "1")]
    shown: list[str] = []
    for link in index.select(".eventarchive-initial-counts a"):
        part = out / "speakers" / unquote(link["href"]).split("#")[0]
        groups = index_groups(BeautifulSoup(part.read_text(encoding="utf-8"), "html.parser"))
        assert [label for label, _names in groups] == [text_of(link)]
        shown.extend(groups[0][1])
    # Every speaker on exactly one part.
    assert len(shown) == len(set(shown)) == len(SPEAKER_PAGES)


RST = """\
People
======

.. speaker:: 佐々木 太郎
   :id: sasaki-t
   :reading: ささき たろう
   :aliases: 佐々木 (コドモン), @sasaki_t
   :affiliation: コドモン
   :links: https://x.com/sasaki_t
   :noindex:

   The bio, in reStructuredText.

.. event:: Meetup
   :id: m
   :date: 2025-01-01

.. session:: Talk
   :speakers: @sasaki_t (コドモン)

See :speaker:`佐々木さん (コドモン)`.
"""


def test_the_directive_reads_the_same_in_restructuredtext(project: Callable[..., Any]) -> None:
    proj = project({"index.rst": RST}, conf=CONF_JA.replace('"myst_parser", ', ""))
    app = proj.build()
    assert archive_warnings(app) == []
    out = Path(app.outdir)
    soup = BeautifulSoup((out / "speakers" / "佐々木-太郎.html").read_text(encoding="utf-8"),
                         "html.parser")
    block = main(soup).select_one(".eventarchive-profile")
    assert text_of(block.select_one(".eventarchive-reading")) == "ささき たろう"
    assert text_of(block.select_one(".eventarchive-bio")) == "The bio, in reStructuredText."
    assert [a["href"] for a in block.select(".eventarchive-profile-links a")] == [
        "https://x.com/sasaki_t"]
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    index = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert [text_of(n) for n in index.select(".eventarchive-speakers .eventarchive-speaker")] == [
        "佐々木 太郎"]
    role = next(p for p in index.find_all("p") if text_of(p).startswith("See"))
    assert unquote(role.a["href"]) == "speakers/佐々木-太郎.html"


def test_speaker_pages_carry_share_links_unless_noindex(project):
    report = ("# R\n\n```{event} E\n:id: e\n:date: 2024-04-19\n```\n\n"
              "```{session} Talk\n:speakers: Abby Bangser, 佐々木\n```\n\n"
              "```{speaker} 佐々木\n:reading: ささき\n:noindex:\n```\n")
    app = project({"index.md": "# I\n\n```{toctree}\nreport\n```\n", "report.md": report}).build()
    out = Path(app.outdir)
    abby = BeautifulSoup((out / "speakers" / "abby-bangser.html").read_text(encoding="utf-8"),
                         "html.parser")
    links = [a["href"] for a in abby.select("a.eventarchive-share-link") if a.get("href")]
    assert any("https%3A%2F%2Farchive.example.org%2Fspeakers%2Fabby-bangser.html" in href
               for href in links), links
    sasaki = BeautifulSoup((out / "speakers" / "佐々木.html").read_text(encoding="utf-8"),
                           "html.parser")
    assert sasaki.select("a.eventarchive-share-link") == []


# -- speaker pages as Speaker Deck's profile (issue 27) --------------------------------------

DECK = "0123456789abcdef0123456789abcdef"
DECK_COVER = f"https://files.speakerdeck.com/presentations/{DECK}/slide_0.jpg"
STILL_B = "https://i.ytimg.com/vi/BBBBBBBBBBB/hqdefault.jpg"
THIRD_PARTY = ("speakerdeck.com", "ytimg.com", "youtube.com")


class Talks:
    """tests/roots/test-people-talks, copied and built once per set of overrides."""

    def __init__(self, base: Path) -> None:
        self.base = base
        self.srcdir = base / "src"
        shutil.copytree(ROOTS / "test-people-talks", self.srcdir)
        self.apps: dict[str, Any] = {}

    def soup(self, page: str, **overrides: Any) -> BeautifulSoup:
        key = repr(sorted(overrides.items()))
        if key not in self.apps:
            self.apps[key] = build_app("html", self.srcdir, builddir=self.base / str(
                len(self.apps)), confoverrides={"html_theme": "alabaster", **overrides})
            assert warnings_of(self.apps[key]) == []
        path = Path(self.apps[key].outdir) / page
        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def talks(tmp_path_factory: pytest.TempPathFactory) -> Talks:
    return Talks(tmp_path_factory.mktemp("talks"))


def speaker_page(talks: Talks, name: str, **overrides: Any) -> Any:
    return main(talks.soup(f"speakers/{name}.html", **overrides))


def test_the_affiliation_is_shown_once(talks: Talks) -> None:
    page = speaker_page(talks, "佐々木-太郎")
    profile = page.select_one(".eventarchive-profile")
    assert [text_of(p) for p in profile.select(".eventarchive-profile-affiliation")] == [
        "コドモン"]
    # Nowhere else but on the cards, as each talk's affiliation at the time.
    assert page.select(".eventarchive-affiliations") == []
    assert "所属" not in text_of(page)
    outside_cards = [text for text in page.find_all(string=True)
                     if "コドモン" in text and not text.find_parent(class_="eventarchive-item")]
    assert [text.strip() for text in outside_cards] == ["コドモン", "コドモンの SRE。"]
    # Without a profile: the newest talk's affiliation, once, where the profile would be.
    yokota = speaker_page(talks, "よこた")
    assert [text_of(p) for p in yokota.select(".eventarchive-profile-affiliation")] == [
        "Example"]
    assert "所属" not in text_of(yokota)


def test_a_reading_is_shown_only_where_it_adds_something(talks: Talks) -> None:
    assert text_of(speaker_page(talks, "佐々木-太郎").select_one(
        ".eventarchive-reading")) == "ささき たろう"
    # ふるや reads ふるや; フルカワ is kana already (ふる かわ in hiragana adds nothing).
    for name in ("ふるや", "フルカワ", "ひとり", "かきて-はなこ"):
        assert speaker_page(talks, name).select(".eventarchive-reading") == [], name


def test_aliases_are_shown_only_where_they_differ_from_the_name(talks: Talks) -> None:
    aliases = speaker_page(talks, "佐々木-太郎").select(".eventarchive-aliases")
    # Left out: 佐々木 (コドモン) (the name for one affiliation), 佐々木　太郎 (the name,
    # NFKC), ＴＡＲＯ  sasaki (Taro Sasaki again, folded).
    assert [text_of(p) for p in aliases] == ["別名: Taro Sasaki, @sasaki_t"]
    # かきて はなこ (Example) is the name plus an affiliation: no line at all.
    assert speaker_page(talks, "かきて-はなこ").select(".eventarchive-aliases") == []


def test_nothing_is_counted_as_zero(talks: Talks) -> None:
    index = main(talks.soup("speakers/index.html"))
    entries = {text_of(li.a): text_of(li) for li in index.select("li") if li.a}
    assert entries["かきて はなこ"] == "かきて はなこ"  # wrote a report, gave no talk
    assert entries["ひとり"] == "ひとり"
    assert entries["ふるや"] == "ふるや — 1 セッション"
    for name in ("ひとり", "かきて-はなこ"):
        page = speaker_page(talks, name)
        assert page.select(".eventarchive-speaker-sessions, .eventarchive-talks-title") == []
        assert not re.search(r"(?<!\d)0 ", text_of(page)), text_of(page)
    # A profile with no talks and no reports shows what it has: its links.
    hitori = speaker_page(talks, "ひとり")
    assert [a["href"] for a in hitori.select(".eventarchive-profile-links a")] == [
        "https://example.org/hitori"]
    assert hitori.select(".eventarchive-reports-title") == []


def talk_cards(page: Any) -> dict[str, Any]:
    return {text_of(card.select_one(".eventarchive-item-title")): card
            for card in page.select("ul.eventarchive-speaker-sessions > li > .eventarchive-item")}


def test_every_talk_is_a_card_with_its_cover_or_still(talks: Talks) -> None:
    cards = talk_cards(speaker_page(talks, "佐々木-太郎"))
    assert list(cards) == ["計測できることが重要", "録画だけの話", "PDF の話"]
    covers = {title: card.select_one("img.eventarchive-thumb-img") for title, card in
              cards.items()}
    # The deck's cover before the video's still; a PDF link names no picture.
    assert covers["計測できることが重要"]["src"] == DECK_COVER
    assert covers["録画だけの話"]["src"] == STILL_B
    assert covers["PDF の話"] is None
    for title in ("計測できることが重要", "録画だけの話"):
        img, card = covers[title], cards[title]
        assert img["loading"] == "lazy" and img["decoding"] == "async"
        assert (int(img["width"]), int(img["height"])) == (480, 270)
        # The title is right beside it as a link: the picture says nothing more, so its
        # alt is empty and its own link (the same target) is hidden from screen readers.
        assert img["alt"] == ""
        title_link = card.select_one(".eventarchive-item-title a")
        picture_link = img.find_parent("a")
        assert picture_link["href"] == title_link["href"]
        assert (picture_link["tabindex"], picture_link["aria-hidden"]) == ("-1", "true")
    # Event, date and the affiliation at the time on each card.
    video = text_of(cards["録画だけの話"])
    assert "Platform Engineering Meetup #9" in video and "2024年7月19日(金)" in video
    assert "佐々木 太郎（前職株式会社）" in video.replace(" （", "（")


def test_one_thumbnail_rule_for_cards_and_structured_data(talks: Talks) -> None:
    from sphinx_eventarchive.core import embeds

    assert embeds.video("https://youtu.be/BBBBBBBBBBB").thumbnail == STILL_B
    assert embeds.talk_thumbnail("", "https://youtu.be/BBBBBBBBBBB") == embeds.Thumbnail(
        STILL_B, "YouTube")
    assert embeds.talk_thumbnail(DECK, "https://youtu.be/BBBBBBBBBBB").url == DECK_COVER
    # No id in the URL, no picture: a presentation URL, a playlist, a plain link.
    assert embeds.talk_thumbnail("https://speakerdeck.com/sasaki/backstage", "") is None
    assert embeds.talk_thumbnail("", "https://www.youtube.com/playlist?list=PL1") is None
    assert embeds.talk_thumbnail("https://example.org/a.pdf", "not a url") is None
    # The session's JSON-LD recording names the same still as the card.
    report = talks.soup("meetup.html")
    import extruct

    [event] = extruct.extract(str(report), base_url="https://archive.example.org/meetup.html",
                              syntaxes=["json-ld"])["json-ld"]
    stills = [s["recordedIn"]["thumbnailUrl"] for s in event["subEvent"] if "recordedIn" in s]
    assert STILL_B in stills


def test_with_embed_consent_no_third_party_picture_loads(talks: Talks) -> None:
    soup = talks.soup("speakers/佐々木-太郎.html", eventarchive_embed_consent=True)
    sources = [tag.get("src", "") + tag.get("srcset", "") for tag in soup.find_all(
        ["img", "source", "iframe"])]
    assert not [src for src in sources if any(host in src for host in THIRD_PARTY)], sources
    cards = talk_cards(main(soup))
    held = {title: text_of(card.select_one(".eventarchive-thumb-held"))
            for title, card in cards.items() if card.select_one(".eventarchive-thumb")}
    assert held == {"計測できることが重要": "Speaker Deck", "録画だけの話": "YouTube"}


def test_the_reports_a_person_wrote_are_listed(talks: Talks) -> None:
    def reports(name: str) -> list[str]:
        page = speaker_page(talks, name)
        return [text_of(a) for a in page.select(
            ".eventarchive-reportlist .eventarchive-item-title a")]

    assert reports("佐々木-太郎") == ["書き手のメモ", "Platform Engineering Meetup #9"]
    assert reports("かきて-はなこ") == ["書き手のメモ"]
    assert reports("ふるや") == []
    page = talks.soup("speakers/かきて-はなこ.html")
    assert page.find("meta", attrs={"name": "description"})["content"] == (
        "かきて はなこ のレポート")


def _freeze(srcdir: Path, outdir: Path) -> int:
    """Give every output file one mtime, later than every source and than now."""
    import os
    import time

    mark = max(max(p.stat().st_mtime_ns for p in srcdir.rglob("*")), time.time_ns()) + 10**9
    for path in outdir.rglob("*"):
        if path.is_file():
            os.utime(path, ns=(mark, mark))
    return mark


def test_a_talks_new_picture_rewrites_its_speakers_pages(tmp_path: Path) -> None:
    """The picture comes from the session's slides and video URLs, which are in the session's
    digest (``archive/freshness.py``): an edited URL rewrites the pages showing its card."""
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-people-talks", srcdir)

    def build(**overrides: Any) -> Path:
        app = build_app("html", srcdir, builddir=tmp_path / "build",
                        confoverrides={"html_theme": "alabaster", **overrides})
        assert warnings_of(app) == []
        return Path(app.outdir)

    def written(out: Path, mark: int) -> set[str]:
        return {p.relative_to(out).as_posix() for p in (out / "speakers").rglob("*.html")
                if p.stat().st_mtime_ns != mark}

    def covers(out: Path, name: str) -> dict[str, str]:
        page = BeautifulSoup((out / "speakers" / f"{name}.html").read_text(encoding="utf-8"),
                             "html.parser")
        return {title: (card.select_one("img.eventarchive-thumb-img") or {}).get("src", "")
                for title, card in talk_cards(main(page)).items()}

    out = build()
    assert covers(out, "よこた") == {"PDF の話": ""}
    mark = _freeze(srcdir, out)
    meetup = srcdir / "meetup.md"
    meetup.write_text(meetup.read_text(encoding="utf-8").replace(
        ":slides: https://example.org/slides.pdf",
        f":slides: https://speakerdeck.com/player/{DECK}"), encoding="utf-8")
    out = build()
    assert written(out, mark) == {"speakers/佐々木-太郎.html", "speakers/よこた.html"}
    assert covers(out, "よこた") == {"PDF の話": DECK_COVER}
    # Consent asked for: the same pages again, with no picture from the hosts.
    mark = _freeze(srcdir, out)
    out = build(eventarchive_embed_consent=True)
    assert {"speakers/佐々木-太郎.html", "speakers/よこた.html"} <= written(out, mark)
    assert covers(out, "よこた") == {"PDF の話": ""}
