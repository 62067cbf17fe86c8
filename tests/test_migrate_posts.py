"""``migrate`` proposes a post's event and one session per talk (issue 29, SPEC §8).

The posts: the two example reports beside the spec, and posts written here
in each shape the issue names (Japanese and English, Markdown and MDX with
self-closing iframes). Each is migrated through the command, built for real
(no warning may appear, as with ``-W``), and read back from ``archive.json``.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import warnings_of

from sphinx_eventarchive.cli import main
from sphinx_eventarchive.importers.migrate import migrate

DATA = Path(__file__).parent / "data" / "migrate"
CONNPASS = Path(__file__).parent / "data" / "connpass-events.json"
PICTURE = Path(__file__).parents[1] / "docs" / "demo" / "images" / "ben-sample.png"


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = main([str(arg) for arg in argv])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured.out, captured.err


def built(project: Callable[..., object], name: str, report: str, pictures: list[str] = (),
          ) -> dict:
    """Build ``report`` as ``name`` in a fresh project; no warning allowed; archive.json."""
    files = {"index.md": f"# Archive\n\n```{{toctree}}\n{name.removesuffix('.md')}\n```\n",
             name: report}
    proj = project(files)
    for picture in pictures:
        target = proj.srcdir / picture
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(PICTURE, target)
    app = proj.build()
    assert warnings_of(app) == []
    exported = Path(app.outdir) / "archive.json"
    # A page of X posts alone is no archive content, and a site without any exports nothing.
    return json.loads(exported.read_text(encoding="utf-8")) if exported.exists() else {}


def sessions_of(archive: dict) -> list[tuple[str, list[tuple[str, str | None]]]]:
    return [(session["title"], [(person["name"], person["affiliation"])
                                for person in session["speakers"]])
            for session in archive["sessions"]]


def assert_kept(original: str, migrated: str, converted: Callable[[str], bool]) -> None:
    """Every line of ``original`` that is not ``converted`` is in ``migrated``, whole and in
    order; every other line of ``migrated`` is one ``migrate`` writes."""
    lines = migrated.splitlines(keepends=True)
    position = 0
    kept: set[int] = set()
    for line in original.splitlines(keepends=True):
        if converted(line):
            continue
        while position < len(lines) and lines[position] != line:
            position += 1
        assert position < len(lines), f"lost: {line!r}"
        kept.add(position)
        position += 1
    # Fences, options, comments, and the link line a YouTube frame becomes.
    written = re.compile(r"(?:`{3,}|~{3,}).*|:[a-z]+: .*|% migrate: .*|\s*|<https://\S+>")
    for number, line in enumerate(lines):
        if number not in kept:
            assert written.fullmatch(line.rstrip("\r\n")) or any(
                line.strip() in old for old in original.splitlines()), f"new: {line!r}"


# -- the example posts ------------------------------------------------------------

PFEM8_TALKS = [
    ("ChatworkのSRE部って実は半分くらいPlatform Engineering部かもしれない", []),
    ("はてなにおけるメール基盤とDMARC対応", [("@MysticDoll", "はてな")]),
    ("プラットフォームってつくることより計測できることが重要なんじゃないかという話",
     [("佐々木", "コドモン")]),
]
ONLINE1_TALKS = [
    ("Hello World, Backstage！", [("田中", None)]),
    ("入門Backstage：System Modelの理解と活用方法", [("小泉", None)]),
    ("Backstage×Kubernetes×AWSで魅せるセルフサービスの世界", [("北村", None)]),
    ("Backstage のプラグイン使って色々可視化してみた", [("岡", None)]),
    ("OPA(Orchestrate Platforms and Applications)on AWSの活用について", [("山名", None)]),
]


def _headings_under(text: str, section: str) -> list[str]:
    part = text.split(f"\n## {section}\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^### (.*)$", part, re.MULTILINE)


@pytest.mark.parametrize(
    ("name", "talks", "event"),
    [("pfem8-osaka-report.md", PFEM8_TALKS,
      ("Platform Engineering Meetup#8 大阪会", "2024-04-19", None)),
     ("pfem-online1-report.md", ONLINE1_TALKS,
      ("Platform Engineering Meetup Online#1", "2024-03-22",
       "https://platformengineering.connpass.com/event/311665/"))],
)
def test_example_post_builds_with_every_talk_a_session(
        shared: Path, project: Callable[..., object], capsys: pytest.CaptureFixture[str],
        tmp_path: Path, name: str, talks: list, event: tuple) -> None:
    source = shared / "examples" / name
    original = source.read_text(encoding="utf-8")
    # Every talk of the post's セッション section, its title as written.
    assert [title for title, _speakers in talks] == _headings_under(original, "セッション")
    out = tmp_path / "report.md"
    code, _out, err = run(capsys, "migrate", source, "-o", out)
    assert code == 0, err
    migrated = out.read_text(encoding="utf-8")
    assert_kept(original, migrated, lambda line: line.startswith(("### ", "<iframe")))
    # The post lives where its pictures are found: public/ three folders up, as in Astro.
    pictures = [_normal(f"content/blog/pek2024/{path}") for path in
                re.findall(r"\]\((\.\./\.\./\.\./public/[^)]+)\)", original)]
    pictures += [path.lstrip("/") for path in re.findall(r"^(?:image|  icon): (.*)$", original,
                                                         re.MULTILINE)]
    archive = built(project, "content/blog/pek2024/report.md", migrated, pictures)
    assert sessions_of(archive) == talks
    (proposed,) = archive["events"]
    assert (proposed["name"], proposed["date"], proposed["official_url"]) == event
    assert proposed["tags"] == ["pfem"]


def _normal(path: str) -> str:
    parts: list[str] = []
    for part in path.split("/"):
        if part == "..":
            parts.pop()
        else:
            parts.append(part)
    return "/".join(parts)


# -- posts in each shape --------------------------------------------------------------

# name, source, expected sessions (title, speakers), the lines the migration turns into
# sessions (everything else must be kept), pictures the post shows.
POSTS = [
    ("meetup-ja.mdx", [
        ("監視をやめたら夜眠れるようになった話", [("高橋", "株式会社サンプル")]),
        ("障害対応ふりかえりの型", [("田村", None)]),
        ("LT: ダッシュボードを捨てよう", []),
    ], lambda line: line.startswith(("### ", "<iframe"))),
    ("conference-en.md", [
        ("Paved roads people actually take",
         [("Mina Okada", "Example Works"), ("Ben Sample", "Sample Labs")]),
        ("Measuring a platform", [("Priya Raman", "Example Works"),
                                  ("Sato Hanako", "Sample Labs")]),
        ("One YAML too many", []),
    ], lambda line: line.startswith(("- ", "  Slides"))),
    ("conference-ja.md", [
        ("社内プラットフォームの育て方", [("青野", "エグザンプル"), ("鈴木", "サンプルラボ")]),
        ("計測から始める SRE", [("山田 太郎", "株式会社エグザンプル"),
                             ("佐藤 花子", "サンプル株式会社")]),
    ], lambda line: line[:1].isdigit()),
]


@pytest.mark.parametrize(("name", "talks", "converted"), POSTS,
                         ids=[post[0] for post in POSTS])
def test_post_in_each_shape(project: Callable[..., object], capsys: pytest.CaptureFixture[str],
                            name: str, talks: list, converted: Callable[[str], bool]) -> None:
    source = DATA / name
    original = source.read_text(encoding="utf-8")
    code, migrated, err = run(capsys, "migrate", source)
    assert code == 0, err
    # The whole result, held byte for byte (read and checked by hand once).
    expected = (DATA / f"{source.stem}.migrated.md").read_text(encoding="utf-8")
    assert migrated == expected
    assert_kept(original, migrated, converted)
    archive = built(project, "report.md", migrated)
    assert sessions_of(archive) == talks


def test_each_shape_in_detail() -> None:
    # What the expected files hold, said in words.
    meetup = (DATA / "meetup-ja.migrated.md").read_text(encoding="utf-8")
    # An MDX iframe's title with Speaker Deck's stray space is not the session's title:
    # inside a session the deck has none; outside one it keeps the frame's.
    assert "夜眠れるようになった話\n:speakers:" in meetup
    assert ":title: 監視をやめたら 夜眠れるようになった話" not in meetup
    assert ":title: 懇親会で 使ったスライド" in meetup
    # The event from the front matter and the connpass link (HTML in MDX), the day
    # from the sentence saying when it was held, the hashtag from the prose.
    assert ("```{event} Example SRE Meetup #3\n:date: 2025-02-07\n"
            ":url: https://example-sre.connpass.com/event/340001/\n:tags: SRE, 監視\n"
            ":hashtag: exsre\n```") in meetup
    # A recording embedded in the section is the session's video; a deck link its slides.
    assert (":slides: https://www.docswell.com/s/tamura/K2ABCD-postmortem\n"
            ":video: https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=90s\n") in meetup
    english = (DATA / "conference-en.migrated.md").read_text(encoding="utf-8")
    # A programme link is the session's :url:; one with a space in it is not used.
    assert ":url: https://pretalx.com/harbor-platform-2025/talk/QX7PLM/" in english
    assert "% migrate: url?" in english and ":url: https://pretalx.com/harbor-platform-2025/" \
        "talk/ WV2JQD/" not in english
    assert "[One YAML too many](https://pretalx.com/harbor-platform-2025/talk/ WV2JQD/)" \
        in english


@pytest.mark.parametrize("name", ["meetup-ja.mdx", "conference-en.md", "conference-ja.md"])
def test_running_it_twice_changes_nothing(name: str) -> None:
    once = migrate((DATA / name).read_text(encoding="utf-8"), propose=True)
    twice = migrate(once.text, propose=True)
    assert twice.text == once.text
    assert twice.changes == [] and twice.notes == []


def test_example_posts_twice(shared: Path) -> None:
    for source in sorted((shared / "examples").glob("*-report.md")):
        once = migrate(source.read_text(encoding="utf-8"), propose=True)
        assert once.changes
        twice = migrate(once.text, propose=True)
        assert (twice.text, twice.changes) == (once.text, [])


def test_post_without_talks_is_left_as_embeds_only() -> None:
    text = (
        "---\ntitle: Notes\n---\n\n# Notes\n\n"
        '<iframe src="https://speakerdeck.com/player/0123456789abcdef0123456789abcdef" '
        'title="A  deck" />\n\n'
        "## セッション\n\n### 準備中\n\nまだ書いていません。\n\n"
        "- [Our page](https://example.org/about)\n"
    )
    proposed = migrate(text, propose=True)
    assert proposed.text == migrate(text).text
    assert ":title: A deck" in proposed.text
    assert [change.kind for change in proposed.changes] == ["speakerdeck"]


def test_crlf_post_with_unusable_links() -> None:
    text = "\r\n".join([
        "---", 'title: "Meetup #5 report"', "date: 2025-01-31", "---", "",
        "# Meetup #5 report", "",
        "We held [Meetup #5](https://example.doorkeeper.jp/events/ 12345) on January 24, 2025.",
        "", "## Talks", "", "### Small steps", "",
        "The talk was presented by Sam Doe (Acme).",
        "Slides are [here](https://www.docswell.com/s/sam/ K2ABCD-small).", "",
        "### Last talk", "", "![photo](img.png)"])
    result = migrate(text, propose=True)
    assert result.text == "\r\n".join([
        "---", 'title: "Meetup #5 report"', "date: 2025-01-31", "---", "",
        "# Meetup #5 report", "",
        "```{event} Meetup #5", ":date: 2025-01-24", "```", "",
        "% migrate: url? white space inside the URL of the link below, so it was not used: "
        "correct it by hand",
        "We held [Meetup #5](https://example.doorkeeper.jp/events/ 12345) on January 24, 2025.",
        "", "## Talks", "",
        "```{session} Small steps", ":speakers: Sam Doe (Acme)", "",
        "% migrate: url? white space inside the URL of the link below, so it was not used: "
        "correct it by hand",
        "The talk was presented by Sam Doe (Acme).",
        "Slides are [here](https://www.docswell.com/s/sam/ K2ABCD-small).",
        "```", "",
        "% migrate: speakers? nobody is named plainly as the speaker: write :speakers: "
        "Name (Affiliation)",
        "```{session} Last talk", "", "![photo](img.png)", "```"])
    lines = result.text.split("\r\n")
    # Each place is listed with the line of its comment in the migrated text.
    assert [(note.kind, lines[note.line - 1][:20]) for note in result.notes] == [
        ("url", "% migrate: url? whit"), ("url", "% migrate: url? whit"),
        ("speakers", "% migrate: speakers?")]
    assert [note.subject for note in result.notes] == [
        "https://example.doorkeeper.jp/events/ 12345",
        "https://www.docswell.com/s/sam/ K2ABCD-small", "Last talk"]


# -- the summary, in English and Japanese ------------------------------------------------

ONE_OF_EACH = (
    "---\ntitle: Mini meetup report\ndate: 2025-05-02\n---\n\n# Mini meetup report\n\n"
    "The meetup was held on April 25, 2025.\n\n## Talks\n\n### Only talk\n\n"
    '<iframe src="https://speakerdeck.com/player/0123456789abcdef0123456789abcdef" />\n\n'
    '<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ" title="Recording" />\n\n'
    "Nobody we can name spoke.\n\n## Afterwards\n\n"
    "> What a night!\n"
    "> — Example Meetup (@examplemeetup) [April 25, 2025]"
    "(https://x.com/examplemeetup/status/1915000000000000000)\n"
)


@pytest.mark.parametrize(("language", "place", "said"), [
    ("en", "migrate: speakers? nobody is named plainly as the speaker of “Only talk”",
     "1 Speaker Deck deck, 1 YouTube video and 1 X post migrated; 1 event and 1 session "
     "proposed; 1 place left for you (listed above)"),
    ("ja", "migrate: speakers? 「Only talk」の登壇者を読み取れませんでした",
     "Speaker Deck 1件、YouTube 1件、X のポスト 1件を変換しました。イベント 1件とセッション "
     "1件を提案しました。確認が必要な箇所が 1件あります（上の一覧）。"),
])
def test_summary_counts_every_kind_of_change(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, language: str, place: str,
        said: str) -> None:
    path = tmp_path / "post.md"
    path.write_text(ONE_OF_EACH, encoding="utf-8")
    code, out, err = run(capsys, "migrate", path, "--lang", language)
    assert code == 0
    assert err.splitlines() == [f"<stdout>:16: {place}", said]
    comment = out.splitlines()[15]
    assert comment.startswith("% migrate: speakers? ")
    assert ("登壇者" in comment) == (language == "ja")
    # Written elsewhere or in place, the places are named by the file that holds them.
    target = tmp_path / "out.md"
    code, _out, err = run(capsys, "migrate", path, "-o", target, "--lang", language)
    assert err.splitlines()[0] == f"{target}:16: {place}"
    code, _out, err = run(capsys, "migrate", path, "-i", "--lang", language)
    assert err.splitlines()[0] == f"{path}:16: {place}"


def test_summary_in_plural_and_without_proposals(capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "migrate", DATA / "meetup-ja.mdx", "--embeds-only")
    assert err.strip() == "2 Speaker Deck decks, 1 YouTube video and 0 X posts migrated"
    code, _out, err = run(capsys, "migrate", DATA / "meetup-ja.mdx", "--lang", "ja")
    assert err.splitlines()[-1] == (
        "Speaker Deck 2件、YouTube 1件、X のポスト 0件を変換しました。イベント 1件とセッション "
        "3件を提案しました。確認が必要な箇所が 1件あります（上の一覧）。")


def test_embeds_only_keeps_the_old_behaviour(capsys: pytest.CaptureFixture[str]) -> None:
    text = (DATA / "meetup-ja.mdx").read_text(encoding="utf-8")
    code, out, _err = run(capsys, "migrate", DATA / "meetup-ja.mdx", "--embeds-only")
    assert out == migrate(text).text
    assert "{session}" not in out and "{event}" not in out
    assert ":title: 監視をやめたら 夜眠れるようになった話" in out


# -- X posts pasted as text ---------------------------------------------------------------

def test_x_posts_pasted_as_text(project: Callable[..., object]) -> None:
    text = (
        "# R\n\n"
        "> ジョブボードのスケールアウト完了しました！\n>\n"
        "> — あすみ (@asumikam) [2023年9月29日]"
        "(https://twitter.com/asumikam/status/1707678900000000001?ref_src=twsrc%5Etfw)\n\n"
        "> Second post\n— SRE NEXT (@srenext) September 29, 2023\n"
        "https://x.com/srenext/status/1707678900000000002\n\n"
        "> No URL here\n> — 山田 (@yamada) 2024年4月19日\n\nDone.\n"
    )
    result = migrate(text)
    assert result.text == (
        "# R\n\n"
        "```{tweet} https://x.com/asumikam/status/1707678900000000001\n"
        ":author: あすみ (@asumikam)\n:date: 2023-09-29\n\n"
        "ジョブボードのスケールアウト完了しました！\n```\n\n"
        "```{tweet} https://x.com/srenext/status/1707678900000000002\n"
        ":author: SRE NEXT (@srenext)\n:date: 2023-09-29\n\nSecond post\n```\n\n"
        "> No URL here\n> — 山田 (@yamada) 2024年4月19日\n\nDone.\n"
    )
    assert [(change.kind, change.ident) for change in result.changes] == [
        ("tweet", "1707678900000000001"), ("tweet", "1707678900000000002")]
    assert result.left_alone == [
        (12, "an X post pasted as text, with no link to the post beside it")]
    built(project, "report.md", result.text)


# -- connpass data ----------------------------------------------------------------------------

def test_connpass_data_gives_venue_format_and_times(
        shared: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    # The post links no connpass event: the saved event on the post's day is its event.
    code, out, err = run(capsys, "migrate", shared / "examples" / "pfem8-osaka-report.md",
                         "--connpass", CONNPASS)
    assert code == 0, err
    assert (
        "```{event} Platform Engineering Meetup#8 大阪会\n"
        ":date: 2024-04-19T19:00+09:00\n:end: 2024-04-19T21:30+09:00\n"
        ":venue: gusuku Ashibinaa OSAKA\n:location: 大阪府大阪市北区大深町3-1 グランフロント大阪\n"
        ":url: https://platformengineering.connpass.com/event/316339/\n:tags: PFEM\n"
        ":hashtag: pfem\n```") in out
    # The event the post links is found by its id; online only is the format.
    saved = json.loads(CONNPASS.read_text(encoding="utf-8"))
    saved["events"][1].update(id=311665, started_at="2024-03-22T19:00:00+09:00",
                              ended_at="2024-03-22T21:00:00+09:00", open_status="close")
    mine = tmp_path / "events.json"
    mine.write_text(json.dumps(saved, ensure_ascii=False), encoding="utf-8")
    code, out, err = run(capsys, "migrate", shared / "examples" / "pfem-online1-report.md",
                         "--connpass", mine)
    assert code == 0, err
    assert (":date: 2024-03-22T19:00+09:00\n:end: 2024-03-22T21:00+09:00\n:format: online\n"
            ":url: https://platformengineering.connpass.com/event/311665/\n") in out
    # Saved data of other events is an error, not a guess.
    saved["events"][1]["id"] = 1
    saved["events"][1]["started_at"] = "2024-03-23T19:00:00+09:00"
    mine.write_text(json.dumps(saved, ensure_ascii=False), encoding="utf-8")
    code, out, err = run(capsys, "migrate", shared / "examples" / "pfem-online1-report.md",
                         "--connpass", mine)
    assert code == 2 and out == ""
    assert "holds no single event matching the post (looked for connpass event 311665)" in err


# -- reading: speakers, days, links ------------------------------------------------------

@pytest.mark.parametrize(("prose", "speakers"), [
    # A name with an honorific where the sentence says who spoke; the honorific goes.
    ("「Backstageとは何か」を語っていただいた田中さんです。", [("田中", "")]),
    ("2本目のセッションでは、小泉さんより解説していただきました。", [("小泉", "")]),
    ("4本目は、岡さんによるプラグインの活用方法のセッションです。", [("岡", "")]),
    ("田中さんと鈴木さんによる対談でした。", [("田中", ""), ("鈴木", "")]),
    ("登壇者は田中氏（サイボウズ）でした。", [("田中", "サイボウズ")]),
    # Where they work, when the sentence says it.
    ("コドモンでSREをされている佐々木さんのおはなし。", [("佐々木", "コドモン")]),
    ("はてなのPlatform SREをされている @MysticDoll さんのおはなし。",
     [("@MysticDoll", "はてな")]),
    ("株式会社サンプルの高橋さんによるセッションです。", [("高橋", "株式会社サンプル")]),
    # Lists of speakers a sentence opens with.
    ("エグザンプルの青野とサンプルラボのSREの鈴木が登壇しました。",
     [("青野", "エグザンプル"), ("鈴木", "サンプルラボ")]),
    ("山田 太郎（株式会社エグザンプル）、佐藤 花子（サンプル株式会社）による発表",
     [("山田 太郎", "株式会社エグザンプル"), ("佐藤 花子", "サンプル株式会社")]),
    ("Abby Example of Syntasso and Whitney Sample of Red Hat showed how",
     [("Abby Example", "Syntasso"), ("Whitney Sample", "Red Hat")]),
    ("— Priya Raman (Example Works), Ben Sample (Sample Labs).",
     [("Priya Raman", "Example Works"), ("Ben Sample", "Sample Labs")]),
    ("The talk was presented by Sam Doe (Acme), who", [("Sam Doe", "Acme")]),
    # Not a speaker: a company with さん, a sentence about the talk, a topic "of" something.
    ("アールスリーインスティテュートさんのコミュニティスペースをお借りしました。", []),
    ("ChatworkのSRE部が今までやってきたことについて発表させていただきました。", []),
    ("今回のテーマが面白かった。", []),
    ("Security of Kubernetes clusters was the topic.", []),
    ("田中さんに会場でお会いしました。", []),
])
def test_speakers_named_plainly(prose: str, speakers: list[tuple[str, str]]) -> None:
    from sphinx_eventarchive.importers.speakers import read

    assert [(found.name, found.affiliation) for found in read([prose])] == speakers


@pytest.mark.parametrize(("prose", "day"), [
    ("2024/03/22(金)に開催した", "2024-03-22"),
    ("4/19(金)に開催された", "2024-04-19"),  # the year: the last 4/19 before publication
    ("2024年4月19日（金曜日）に開催", "2024-04-19"),
    ("held on Friday, March 14, 2025", "2025-03-14"),
    ("held on 19 April", "2024-04-19"),
    ("4/19(土)に開催", None),  # the day of the week disagrees
    ("7/9(火)に開催予定", None),  # the last 7/9 before publication was no Tuesday
    ("1/2 の参加者が", None),
    ("Apr 31 was held", None),
])
def test_the_day_a_post_says(prose: str, day: str | None) -> None:
    import datetime as dt

    from sphinx_eventarchive.importers.when import day_in_prose

    found = day_in_prose(prose, dt.date(2024, 5, 14))
    assert (found.isoformat() if found else None) == day


@pytest.mark.parametrize(("url", "event", "talk"), [
    ("https://platformengineering.connpass.com/event/311665/", True, False),
    ("https://example.doorkeeper.jp/events/12345", True, False),
    ("https://techplay.jp/event/900001", True, False),
    ("https://peatix.com/event/4000001", True, False),
    ("https://kubecon2025.sched.com/", True, False),
    ("https://kubecon2025.sched.com/event/1i7kK/paved-roads", False, True),
    ("https://pretalx.com/pyconjp-2025/", True, False),
    ("https://pretalx.com/pyconjp-2025/talk/QX7PLM/", False, True),
    ("https://sessionize.com/s/abby-example/paved-roads/12345", False, True),
    ("https://fortee.jp/cnde-2025/proposal/0f0e0d0c-1111", False, True),
    ("https://event.example-days.jp/cnde2025/talks/2012", False, True),
    ("https://speakerdeck.com/abby/talks-about-talks", False, False),
    ("https://example.org/about", False, False),
])
def test_event_and_talk_pages(url: str, event: bool, talk: bool) -> None:
    from sphinx_eventarchive.importers import programme

    parsed = programme.parse(url)
    assert parsed is not None
    assert (programme.event_page(parsed), programme.talk_page(parsed)) == (event, talk)


def test_event_without_name_or_day_is_marked() -> None:
    text = "## Talks\n\n### A talk\n\n![](a.png)\n\nThe talk was presented by Sam Doe (Acme).\n"
    result = migrate(text, propose=True, language="ja")
    assert result.text.startswith(
        "% migrate: name? イベント名を読み取れませんでした。{event} の後に書いてください\n"
        "% migrate: date? 開催日を読み取れませんでした。:date: に YYYY-MM-DD を書いてください\n"
        "```{event}\n```\n\n## Talks\n\n```{session} A talk\n:speakers: Sam Doe (Acme)\n")
    assert [(note.line, note.kind) for note in result.notes] == [(1, "name"), (2, "date")]


def test_crlf_list_items() -> None:
    text = (DATA / "conference-en.md").read_text(encoding="utf-8").replace("\n", "\r\n")
    result = migrate(text, propose=True)
    expected = (DATA / "conference-en.migrated.md").read_text(encoding="utf-8")
    assert result.text == expected.replace("\n", "\r\n")


def test_title_cut_by_yaml_gives_way_to_the_heading() -> None:
    text = ("---\ntitle: Meetup #5 report\n---\n\n# Meetup #5 report\n\n"
            "## Talks\n\n### A talk\n\n![](a.png)\n")
    result = migrate(text, propose=True)
    # YAML reads the title as "Meetup" (" #5 report" is a comment): the heading says more.
    assert "```{event} Meetup #5\n" in result.text


# -- the how-to's post ---------------------------------------------------------------------

DOCS_EXAMPLE = Path(__file__).parents[1] / "docs" / "howto" / "migrate-example"


def test_the_how_to_walks_a_real_migration(project: Callable[..., object],
                                           capsys: pytest.CaptureFixture[str]) -> None:
    """docs/howto/migrate-a-blog-post.md shows this post, its migration and what is said."""
    if not DOCS_EXAMPLE.is_dir():
        pytest.skip("no docs/ beside the tests")
    page = (DOCS_EXAMPLE.parent / "migrate-a-blog-post.md").read_text(encoding="utf-8")
    source = DOCS_EXAMPLE / "post.md.txt"
    code, out, err = run(capsys, "migrate", source)
    assert out == (DOCS_EXAMPLE / "migrated.md.txt").read_text(encoding="utf-8")
    assert all(line in page for line in err.splitlines())
    code, out, err = run(capsys, "migrate", source, "--lang", "ja")
    assert all(line in page for line in err.splitlines())
    archive = built(project, "report.md", out,
                    ["blog/harbor-sre-4/ogp.png", "blog/harbor-sre-4/lt.jpg"])
    assert sessions_of(archive) == [
        ("オンコールを減らすための小さな習慣", [("岡田", "株式会社ハーバー")]),
        ("障害報告書を書きたくなる仕組み", [("佐藤", None)]),
        ("LT: ダッシュボードの断捨離", []),
    ]


def test_post_with_its_event_already_gets_no_second_one() -> None:
    text = ("# Report\n\n```{event} Meetup #5\n:date: 2025-01-24\n```\n\n"
            "## Talks\n\n### A talk\n\n![](a.png)\n\nThe talk was presented by Sam Doe (Acme).\n")
    result = migrate(text, propose=True)
    assert result.text.count("{event}") == 1
    assert [change.kind for change in result.changes] == ["session"]


def test_mdx_list_items_with_html_links() -> None:
    # MDX posts link with <a href>; in a talks section a connpass page is a programme link.
    text = (
        "---\ntitle: LT night report\npublishDate: 2025-04-30\n---\n\n# LT night report\n\n"
        "## LT\n\n"
        '- <a href="https://example.connpass.com/event/350001/presentation/">監視の話</a> '
        "株式会社サンプルの高橋さんによるLTでした。\n"
        '- <a href="https://example.connpass.com/event/350001/">ダッシュボードの話</a>：'
        "田村さんより。\n"
    )
    result = migrate(text, propose=True)
    assert "```{session} 監視の話\n:speakers: 高橋 (株式会社サンプル)\n" \
           ":url: https://example.connpass.com/event/350001/presentation/\n\n" \
           "株式会社サンプルの高橋さんによるLTでした。\n```\n\n" in result.text
    assert "```{session} ダッシュボードの話\n:speakers: 田村\n" \
           ":url: https://example.connpass.com/event/350001/\n\n田村さんより。\n```\n" \
        in result.text
