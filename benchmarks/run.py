#!/usr/bin/env python3
"""Build-time benchmark of sphinx-eventarchive against plain MyST and ablog (issue 7).

Three flavours of the same archive, with the same words:

``plain``
    MyST Markdown with headings and bullet lists where the others have
    directives, and no extension but ``myst_parser``: the floor.
``ours``
    front matter, one ``event`` and its ``session`` directives per report,
    ``eventlist`` on the index (sphinx-eventarchive).
``ablog``
    the plain text as ablog posts (front matter ``blogpost: true`` with tags,
    author and category), ablog's blog settings and sidebars as ``ablog start``
    writes them, ``postlist`` on the index.

Two archives:

``synthetic``
    N generated reports of K sessions, speakers drawn with a Zipf-like skew,
    Japanese and Latin names, tags, Speaker Deck and YouTube links.
``pyvideo``
    the pyvideo/data tree (540 events, 21,715 talks), imported with
    ``python -m sphinx_eventarchive import pyvideo`` (ours) and turned into
    plain MyST by replacing each directive with the same words.

For every flavour and repetition: a full build into a fresh output folder, a
no-op rebuild, a rebuild after appending a sentence to one report, and one
after changing one speaker's affiliation in it; for ours also a full build
with ``-j 2``. Each build is ``python -m sphinx -b html -q`` in a child
process; its wall time, CPU time and peak RSS come from ``os.wait4``. Only the
standard library is used here; Sphinx, MyST, ablog and the extension are run
as the child.

    python benchmarks/run.py synthetic --reports 200 --sessions 5 --repeat 3
    python benchmarks/run.py pyvideo --events 540 --repeat 1

See benchmarks/README.md for what each figure means.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tarfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DEFAULT_WORKDIR = HERE / "_work"
FLAVOURS = ("plain", "ours", "ablog")
BUILDS = ("full", "noop", "edit-text", "edit-affiliation", "full-j2")
BUILD_LABELS = {
    "full": "full build",
    "noop": "no-op rebuild",
    "edit-text": "edit: +1 sentence",
    "edit-affiliation": "edit: affiliation",
    "full-j2": "full build -j 2",
}
# Where a pyvideo/data checkout or tarball is looked for when --data is not given.
DATA_CANDIDATES = (
    os.environ.get("PYVIDEO_DATA", ""),
    # The team's checkout keeps shared/ beside the repository.
    str(Path(__file__).resolve().parents[2] / "shared" / "data" / "pyvideo-data.tar.gz"),
)


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# =============================================================================
# Synthetic archive
# =============================================================================


def words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


JA_FAMILY = words(
    "佐藤 鈴木 高橋 田中 伊藤 渡辺 山本 中村 小林 加藤 吉田 山田 佐々木 山口 松本 井上 木村 林 "
    "斎藤 清水 山崎 森 池田 橋本 阿部 石川 山下 中島 石井 小川 前田 岡田 長谷川 藤田 後藤 近藤 "
    "村上 遠藤 青木 坂本"
)
JA_GIVEN = words(
    "健 翔太 大輔 拓也 直樹 陽子 美咲 彩 裕子 恵 誠 亮 悠斗 さくら 結衣 花子 和也 健太 由美 真一 "
    "蓮 陽葵 湊 凛 葵 翼 舞 智也 剛 千尋"
)
LATIN_FIRST = words(
    "Abby Whitney Daniel María José Chen Priya Olga Kenji Lukas Élodie Søren Zoë Ahmed Fatima "
    "Nikolai Hana Yuki Takumi Emma Liam Noah Sofia Ines Mateo Aiko Ravi Ingrid Tomás Anna"
)
LATIN_LAST = words(
    "Bangser Lee García Müller Dubois Kowalski Nguyen Smith Johnson Rossi Novák Andersson "
    "Tanaka Suzuki Watanabe O'Brien Schmidt Silva Kim Patel Okafor Haddad Ivanova Jensen"
)
COMPANIES = (
    "コドモン", "Chatwork", "はてな", "サイボウズ", "メルカリ", "LINEヤフー", "freee", "SmartHR",
    "Syntasso", "VMware", "Google", "Red Hat", "GitLab", "Datadog", "株式会社エクサンプル",
    "Example Inc.", "ZOZO", "CyberAgent", "DeNA", "Money Forward", "Sansan", "ウォンテッドリー",
    "Cookpad", "PayPay", "Treasure Data", "さくらインターネット", "NTTデータ", "Fastly",
)
TAGS = (
    "Platform Engineering", "SRE", "Kubernetes", "Backstage", "Observability", "可観測性",
    "CI/CD", "Terraform", "Go", "Python", "Rust", "TypeScript", "セキュリティ", "DevOps",
    "FinOps", "AWS", "Google Cloud", "Azure", "OpenTelemetry", "eBPF", "生成AI", "LLM",
    "データ基盤", "組織論", "チームトポロジー", "Developer Experience", "GitOps", "Argo CD",
    "Service Mesh", "Chaos Engineering", "インシデント対応", "ポストモーテム", "PostgreSQL",
    "MySQL", "Frontend", "React", "Accessibility", "テスト", "C++", "C#",
)
SERIES = (
    ("Platform Engineering Meetup", "pfem"), ("SRE Kaigi", "srekaigi"),
    ("Kubernetes Novice Tokyo", "k8snovice"), ("Cloud Native Days Osaka", "cndosaka"),
    ("Observability Conference Tokyo", "o11ycon"), ("Go Conference mini", "gocon"),
    ("PyCon mini Shizuoka", "pyconshizu"), ("Backstage Meetup Japan", "backstagejp"),
    ("DevEx Night", "devexnight"), ("FinOps勉強会", "finops"),
    ("インフラ技術者のための勉強会", "infra"), ("データ基盤Meetup", "datameetup"),
)
VENUES = (
    ("gusuku Ashibinaa OSAKA", "Grand Front Osaka, Osaka"),
    ("渋谷スクランブルスクエア", "東京都渋谷区"),
    ("LINEヤフー 紀尾井町オフィス", "東京都千代田区"),
    ("Fukuoka Growth Next", "福岡市中央区"),
    ("札幌市産業振興センター", "札幌市白石区"),
    ("Civic Hall", "Brooklyn, New York"),
    ("Kongresshaus", "Zürich"),
    ("ナレッジキャピタル", "大阪市北区"),
)
FORMATS = ("in-person", "online", "hybrid")
TYPES = ("talk",) * 12 + ("lightning",) * 4 + ("keynote", "panel", "workshop")
JA_TITLES = (
    "{tag}で始める{tag2}", "{company}における{tag}の実践", "{tag}を{n}年運用してわかったこと",
    "小さく始める{tag}", "{tag}と{tag2}のあいだ", "{company}の{tag}を支える仕組み",
)
EN_TITLES = (
    "How we scaled {tag} at {company}", "Lessons from {n} years of {tag}",
    "{tag} in practice: from {tag2} to production", "Getting started with {tag}",
    "What {company} learned about {tag}", "{tag} without the pain",
)
JA_SENTENCES = (
    "{speaker}さんが{company}での{tag}の導入事例を紹介しました。",
    "{tag}と{tag2}の関係について、具体的な数字を交えて説明がありました。",
    "質疑応答では運用負荷と移行コストについて多くの質問が出ました。",
    "会場には約{n}名が参加し、懇親会まで盛り上がりました。",
    "{n}チームに展開するまでの試行錯誤が印象に残りました。",
    "資料は公開されているので、当日参加できなかった方もぜひご覧ください。",
)
EN_SENTENCES = (
    "{speaker} explained how {company} adopted {tag} across {n} teams.",
    "The talk connected {tag} with {tag2}, with numbers from production.",
    "Questions from the audience focused on migration costs and on-call load.",
    "About {n} people attended, and the venue was full until the end.",
    "The slides are public, so it is worth reading them even if you missed the day.",
    "A live demo showed the whole loop in under {n} minutes.",
)
AUTHORS = ("古谷", "Yoshikawa", "山田 花子", "Abby Bangser", "MysticDoll", "佐々木 健",
           "Daniel Lee", "さくら")


@dataclass
class Speaker:
    name: str
    affiliation: str


@dataclass
class SynthSession:
    title: str
    speakers: list[tuple[str, str]]
    type: str
    slides: str
    video: str
    tags: list[str]
    notes: list[str]


@dataclass
class SynthReport:
    filename: str
    title: str
    description: str
    date: str
    author: str
    tags: list[str]
    intro: str
    event_id: str
    event_name: str
    series: str
    hashtag: str
    event_date: str
    event_end: str
    venue: str
    location: str
    format: str
    url: str
    video: str
    event_tags: list[str]
    event_description: str
    sessions: list[SynthSession]


def zipf_weights(count: int, exponent: float) -> list[float]:
    """Cumulative weights 1/rank^s: a few items are drawn often, most rarely."""
    total, cumulative = 0.0, []
    for rank in range(1, count + 1):
        total += 1.0 / rank**exponent
        cumulative.append(total)
    return cumulative


def make_speakers(rng: random.Random, count: int) -> list[Speaker]:
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < count:
        if rng.random() < 0.5:
            name = f"{rng.choice(JA_FAMILY)} {rng.choice(JA_GIVEN)}"
        else:
            name = f"{rng.choice(LATIN_FIRST)} {rng.choice(LATIN_LAST)}"
        if name in seen:
            name = f"{name} {len(names)}" if len(seen) > 0.8 * count else ""
        if name and name not in seen:
            seen.add(name)
            names.append(name)
    return [Speaker(name, rng.choice(COMPANIES)) for name in names]


def make_tags(count: int) -> list[str]:
    return [TAGS[i] if i < len(TAGS) else f"Topic {i + 1}" for i in range(count)]


def generate_synthetic(reports: int, sessions: int, speakers: int, tags: int,
                       seed: int) -> list[SynthReport]:
    rng = random.Random(seed)
    pool = make_speakers(rng, speakers)
    speaker_weights = zipf_weights(len(pool), 1.1)
    tag_pool = make_tags(tags)
    tag_weights = zipf_weights(len(tag_pool), 0.9)

    def pick_tags(low: int, high: int) -> list[str]:
        chosen: list[str] = []
        for tag in rng.choices(tag_pool, cum_weights=tag_weights, k=rng.randint(low, high)):
            if tag not in chosen:
                chosen.append(tag)
        return chosen

    def fill(template: str, speaker: str, company: str) -> str:
        two = rng.sample(tag_pool, 2) if len(tag_pool) > 1 else tag_pool * 2
        return template.format(tag=two[0], tag2=two[1], company=company, speaker=speaker,
                               n=rng.randint(2, 120))

    start = dt.date(2019, 1, 12)
    days = sorted(rng.sample(range(0, 7 * 365), reports)) if reports <= 7 * 365 else [
        i * 7 * 365 // reports for i in range(reports)]
    numbers: dict[str, int] = {}
    result = []
    for index in range(reports):
        japanese = rng.random() < 0.6
        sentences = JA_SENTENCES if japanese else EN_SENTENCES
        join = "".join if japanese else " ".join  # no spaces between Japanese sentences
        titles = JA_TITLES if japanese else EN_TITLES
        day = start + dt.timedelta(days=days[index])
        if rng.random() < 0.8:
            series, key = rng.choice(SERIES)
            numbers[key] = numbers.get(key, 0) + 1
            name = f"{series} #{numbers[key]}"
            event_id = f"{key}{numbers[key]}"
            hashtag = f"#{key}"
            date, end = f"{day.isoformat()}T19:00+09:00", f"{day.isoformat()}T21:30+09:00"
        else:
            series, hashtag = "", ""
            name = f"{rng.choice(tag_pool)} Conference {day.year}"
            event_id = f"conf-{index + 1:04d}"
            date, end = day.isoformat(), (day + dt.timedelta(days=1)).isoformat()
        fmt = rng.choice(FORMATS)
        venue, location = rng.choice(VENUES) if fmt != "online" else ("", "")
        session_list = []
        used_titles: set[str] = set()
        for _ in range(sessions):
            count = 1 if rng.random() < 0.8 else rng.randint(2, 3)
            people = []
            for person in rng.choices(pool, cum_weights=speaker_weights, k=count):
                if any(person.name == other for other, _ in people):
                    continue
                roll = rng.random()
                # People change jobs, and some give no affiliation.
                affiliation = (person.affiliation if roll < 0.75 else
                               rng.choice(COMPANIES) if roll < 0.9 else "")
                people.append((person.name, affiliation))
            company = people[0][1] or rng.choice(COMPANIES)
            title = fill(rng.choice(titles), people[0][0], company)
            while title in used_titles:
                title = fill(rng.choice(titles), people[0][0], company)
            used_titles.add(title)
            slides = (f"https://speakerdeck.com/player/{rng.getrandbits(128):032x}"
                      if rng.random() < 0.7 else "")
            video = ""
            if rng.random() < 0.5:
                video_id = "".join(rng.choice("abcdefghijkLMNOPQRSTUVWXYZ0123456789_-")
                                   for _ in range(11))
                video = f"https://www.youtube.com/watch?v={video_id}"
                if rng.random() < 0.3:
                    video += f"&t={rng.randint(60, 7200)}s"
            notes = [join(fill(rng.choice(sentences), people[0][0], company)
                              for _ in range(rng.randint(2, 4)))
                     for _ in range(rng.randint(1, 2))]
            session_list.append(SynthSession(
                title=title, speakers=people, type=rng.choice(TYPES), slides=slides,
                video=video, tags=pick_tags(0, 3), notes=notes))
        event_tags = pick_tags(1, 2)
        published = day + dt.timedelta(days=rng.randint(1, 14))
        report_title = f"{name} 参加レポート" if japanese else f"Report: {name}"
        result.append(SynthReport(
            filename=f"{published.isoformat()}-{event_id}.md",
            title=report_title,
            description=f"{name} ({day.isoformat()}) — {len(session_list)} sessions.",
            date=published.isoformat(),
            author=rng.choice(AUTHORS),
            tags=pick_tags(1, 3),
            intro=join(fill(rng.choice(sentences), rng.choice(pool).name,
                                rng.choice(COMPANIES)) for _ in range(3)),
            event_id=event_id, event_name=name, series=series, hashtag=hashtag,
            event_date=date, event_end=end, venue=venue, location=location, format=fmt,
            url=f"https://example.connpass.com/event/{300000 + index}/",
            video=(f"https://www.youtube.com/watch?v=ev{index:09d}" if rng.random() < 0.3
                   else ""),
            event_tags=event_tags,
            event_description=join(fill(rng.choice(sentences), "", rng.choice(COMPANIES))
                                       for _ in range(2)),
            sessions=session_list,
        ))
    return result


def yaml_string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # JSON strings are YAML strings


def fence_block(name: str, argument: str, options: Sequence[tuple[str, str]],
                body: str = "") -> str:
    lines = [f":{key}: {value}" for key, value in options if value]
    content = "\n".join(lines) + (f"\n\n{body}" if body else "")
    return f"```{{{name}}} {argument}\n{content}\n```\n"


def render_ours(report: SynthReport) -> str:
    front = [
        "---",
        f"title: {yaml_string(report.title)}",
        f"description: {yaml_string(report.description)}",
        f"date: {report.date}",
        f"author: {yaml_string(report.author)}",
        "tags: [" + ", ".join(yaml_string(t) for t in report.tags) + "]",
        "---",
    ]
    event = fence_block("event", report.event_name, [
        ("id", report.event_id), ("series", report.series), ("date", report.event_date),
        ("end", report.event_end), ("venue", report.venue), ("location", report.location),
        ("format", report.format), ("url", report.url), ("video", report.video),
        ("tags", ", ".join(report.event_tags)), ("hashtag", report.hashtag),
    ], report.event_description)
    parts = ["\n".join(front), "", f"# {report.title}", "", report.intro, "", event,
             "## Sessions", ""]
    for session in report.sessions:
        speakers = ", ".join(f"{n} ({a})" if a else n for n, a in session.speakers)
        parts.append(fence_block("session", session.title, [
            ("speakers", speakers), ("type", session.type), ("slides", session.slides),
            ("video", session.video), ("tags", ", ".join(session.tags)),
        ], "\n\n".join(session.notes)))
    return "\n".join(parts)


# =============================================================================
# Directives to plain MyST (the same words), and ablog posts
# =============================================================================

_OPENING = re.compile(r"^(?P<fence>`{3,}|~{3,})\{(?P<name>event|session)\}[ \t]*(?P<arg>.*)$")
_OPTION = re.compile(r"^:(?P<key>[\w-]+):[ \t]*(?P<value>.*)$")
_ATX = re.compile(r"^(#{1,6})[ \t]")
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_\[\]<>#&~|!${}])")
LABELS = {"url": "URL", "id": "Id"}
URL_KEYS = {"url", "video", "slides", "image"}


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] == "'":
        return value[1:-1].replace("''", "'")
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return json.loads(value)
    return value


def _inline(text: str) -> str:
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", text)


def _plain_value(key: str, value: str) -> str:
    if key in URL_KEYS and re.match(r"https?://\S+$", value):
        return f"<{value}>"
    return _inline(value)


def plain_from_ours(text: str) -> str:
    """Replace every ``event``/``session`` directive by the same words in Markdown.

    An event becomes its name in bold and a bullet list of its fields; a
    session a heading one level below the last heading, its fields and its
    notes. Ids (identifiers, not words) are dropped; everything else stays.
    """
    lines = text.split("\n")
    out: list[str] = []
    level = 1
    i = 0
    in_code: str = ""
    while i < len(lines):
        line = lines[i]
        match = _OPENING.match(line)
        if in_code:
            out.append(line)
            if line.strip().startswith(in_code) and not line.strip().strip(in_code[0]):
                in_code = ""
            i += 1
            continue
        if not match:
            heading = _ATX.match(line)
            if heading:
                level = len(heading.group(1))
            fence = re.match(r"^(`{3,}|~{3,})", line)
            if fence:
                in_code = fence.group(1)
            out.append(line)
            i += 1
            continue
        fence, name, argument = match["fence"], match["name"], match["arg"].strip()
        i += 1
        fields: list[tuple[str, str]] = []
        while i < len(lines) and (option := _OPTION.match(lines[i])):
            fields.append((option["key"], _unquote(option["value"])))
            i += 1
        body: list[str] = []
        while i < len(lines):
            stripped = lines[i].strip()
            if stripped.startswith(fence) and not stripped.strip(fence[0]):
                i += 1
                break
            body.append(lines[i])
            i += 1
        if name == "event":
            out.append(f"**{_inline(argument)}**")
        else:
            out.append(f"{'#' * min(6, level + 1)} {_inline(argument)}")
        out.append("")
        for key, value in fields:
            if key != "id" and value:
                label = LABELS.get(key, key.capitalize())
                out.append(f"- {label}: {_plain_value(key, value)}")
        while body and not body[0].strip():
            body.pop(0)
        if body:
            out.append("")
            out.extend(body)
    return "\n".join(out)


_FRONT = re.compile(r"\A---\n(?P<yaml>.*?)\n---\n", re.DOTALL)


def ablog_from_plain(text: str, category: str = "") -> str:
    """The plain report as an ablog post: ``blogpost: true`` and a tags string.

    MyST hands front-matter lists to Sphinx JSON-encoded with ``\\u`` escapes,
    which ablog would turn into tag names; a comma-separated string is what
    ablog's own documentation uses.
    """
    match = _FRONT.match(text)
    lines = match["yaml"].split("\n") if match else []
    rest = text[match.end():] if match else text
    front = []
    for line in lines:
        if line.startswith("tags: [") and line.endswith("]"):
            tags = [json.loads(t) if t.startswith('"') else t
                    for t in re.findall(r'"(?:[^"\\]|\\.)*"|[^,\s][^,]*', line[7:-1])]
            line = "tags: " + yaml_string(", ".join(t.strip() for t in tags))
        front.append(line)
    front.append("blogpost: true")
    if category:
        front.append(f"category: {yaml_string(category)}")
    return "---\n" + "\n".join(front) + "\n---\n" + rest


# =============================================================================
# Projects
# =============================================================================

CONF_COMMON = '''\
project = "Benchmark archive"
author = "sphinx-eventarchive benchmark"
html_baseurl = "https://archive.example.org/"
exclude_patterns = ["_build"]
'''
CONF = {
    "plain": 'extensions = ["myst_parser"]\n' + CONF_COMMON,
    "ours": 'extensions = ["myst_parser", "sphinx_eventarchive"]\n' + CONF_COMMON,
    # What `ablog start` writes: blog settings and its sidebars on every page.
    "ablog": 'extensions = ["myst_parser", "ablog"]\n' + CONF_COMMON + '''\
blog_title = "Benchmark archive"
blog_baseurl = "https://archive.example.org/"
blog_path = "blog"
post_date_format = "%Y-%m-%d"
post_date_format_short = "%Y-%m-%d"
html_sidebars = {
    "**": ["ablog/postcard.html", "navigation.html", "ablog/recentposts.html",
           "ablog/tagcloud.html", "ablog/categories.html", "ablog/archives.html",
           "searchfield.html"],
}
''',
}
LISTING = {
    "plain": "",
    "ours": "\n## Events\n\n```{eventlist}\n```\n",
    "ablog": "\n## Posts\n\n```{postlist}\n```\n",
}


def index_page(flavour: str, title: str) -> str:
    return (f"# {title}\n\n```{{toctree}}\n:glob:\n:maxdepth: 1\n\nreports/*\n```\n"
            + LISTING[flavour])


def write_project(root: Path, flavour: str, title: str, reports: dict[str, str],
                  conf_extra: Sequence[str] = ()) -> None:
    if root.exists():
        shutil.rmtree(root)
    (root / "reports").mkdir(parents=True)
    conf = CONF[flavour] + "".join(f"{line}\n" for line in conf_extra)
    (root / "conf.py").write_text(conf, encoding="utf-8")
    (root / "index.md").write_text(index_page(flavour, title), encoding="utf-8")
    for name, text in reports.items():
        (root / "reports" / name).write_text(text, encoding="utf-8")


def flavour_texts(ours: dict[str, str], categories: dict[str, str],
                  flavours: Sequence[str]) -> dict[str, dict[str, str]]:
    texts: dict[str, dict[str, str]] = {}
    plain = {name: plain_from_ours(text) for name, text in ours.items()}
    if "ours" in flavours:
        texts["ours"] = ours
    if "plain" in flavours:
        texts["plain"] = plain
    if "ablog" in flavours:
        texts["ablog"] = {name: ablog_from_plain(text, categories.get(name, ""))
                          for name, text in plain.items()}
    return texts


# =============================================================================
# pyvideo
# =============================================================================


def find_data(given: str | None) -> Path:
    for candidate in ([given] if given else DATA_CANDIDATES):
        if candidate and Path(candidate).exists():
            return Path(candidate)
    raise SystemExit("no pyvideo data: pass --data DIR_OR_TARBALL (a checkout of "
                     "https://github.com/pyvideo/data, or a .tar.gz of one)")


def unpack_data(data: Path, workdir: Path) -> Path:
    if data.is_dir():
        return data
    target = workdir / "pyvideo-data"
    marker = target / ".unpacked"
    stamp = f"{data.resolve()} {data.stat().st_size} {data.stat().st_mtime_ns}"
    if marker.is_file() and marker.read_text() == stamp:
        return target
    say(f"unpacking {data} into {target}")
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    with tarfile.open(data) as archive:
        if hasattr(tarfile, "data_filter"):
            archive.extractall(target, filter="data")
        else:  # Python < 3.11.4
            archive.extractall(target)  # noqa: S202 - our own data set
    marker.write_text(stamp)
    return target


def pyvideo_events(data: Path) -> list[str]:
    return sorted(entry.name for entry in os.scandir(data)
                  if not entry.name.startswith(".") and entry.is_dir()
                  and os.path.isfile(os.path.join(entry.path, "category.json")))


def pick_events(names: list[str], count: int | None) -> list[str]:
    """``count`` events spread evenly over the sorted list (all when None)."""
    if count is None or count >= len(names):
        return names
    return [names[i * len(names) // count] for i in range(count)]


def import_with_cli(data: Path, events: list[str], out: Path, every: bool) -> bool:
    """Our flavour through ``python -m sphinx_eventarchive import pyvideo`` (SPEC §8)."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    command = [sys.executable, "-m", "sphinx_eventarchive", "import", "pyvideo", str(data),
               "-o", str(out), "--quiet"]
    if not every:
        command += ["--event", *events]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    written = list(out.glob("*.md"))
    if done.returncode not in (0, 2) or not written:
        say(f"the importer failed (exit {done.returncode}); using the built-in converter\n"
            + done.stderr[-2000:])
        return False
    if done.returncode == 2:
        say("importer: some files could not be read:\n" + done.stderr[-2000:])
    return True


def _one_line(value: object) -> str:
    return " ".join(str(value).split()) if value else ""


def builtin_pyvideo_report(event_dir: Path) -> str | None:
    """A minimal stand-in for the CLI importer: the same fields, less care."""
    category = json.loads((event_dir / "category.json").read_text(encoding="utf-8"))
    talks = []
    for path in sorted((event_dir / "videos").glob("*.json")):
        try:
            talks.append((path.stem, json.loads(path.read_text(encoding="utf-8"))))
        except ValueError:
            continue
    if not talks:
        return None
    title = _one_line(category.get("title")) or event_dir.name
    event_id = re.sub(r"[^a-z0-9]+", "-", event_dir.name.lower()).strip("-") or "event"
    date = str(category.get("start_date") or talks[0][1].get("recorded") or "")[:10]

    def fenced(name: str, argument: str, options: list[tuple[str, str]], body: str) -> str:
        argument = _one_line(argument).replace("`", "'")
        lines = [f":{k}: {_one_line(v)}" for k, v in options if _one_line(v)]
        lines = [line if not re.match(r":\w+: ['\"|>#]", line) and " #" not in line
                 else line.split(": ", 1)[0] + ": '" + line.split(": ", 1)[1].replace("'", "''")
                 + "'" for line in lines]
        body = re.sub(r"[<{\[\]`~\\]", lambda m: "\\" + m.group(0), body.strip())
        return f"````{{{name}}} {argument}\n" + "\n".join(lines) + (
            f"\n\n{body}" if body else "") + "\n````\n"

    parts = ["---", f"title: {yaml_string(title)}", f"date: {date}" if date else "", "---", "",
             f"# {_inline(title)}", "",
             fenced("event", title, [("id", event_id), ("date", date)],
                    str(category.get("description") or ""))]
    taken: set[str] = set()
    for stem, talk in talks:
        sid = f"{event_id}/{stem}"
        while sid in taken:
            sid += "-2"
        taken.add(sid)
        videos = [v.get("url", "") for v in talk.get("videos") or [] if isinstance(v, dict)]
        parts += ["", fenced("session", _one_line(talk.get("title")) or stem, [
            ("id", sid),
            ("speakers", ", ".join(_one_line(s).replace(",", " ").replace("(", "[")
                                   .replace(")", "]") for s in talk.get("speakers") or [])),
            ("start", str(talk.get("recorded") or "")[:10]),
            ("video", next((v for v in videos if v.startswith("https://")), "")),
            ("tags", ", ".join(_one_line(t).replace(",", " ") for t in talk.get("tags") or [])),
        ], str(talk.get("description") or talk.get("summary") or ""))]
    return "\n".join(p for p in parts if p is not None)


def pyvideo_reports(data: Path, count: int | None, scratch: Path) -> dict[str, str]:
    names = pyvideo_events(data)
    events = pick_events(names, count)
    out = scratch / "imported"
    began = time.perf_counter()
    if import_with_cli(data, events, out, every=len(events) == len(names)):
        reports = {p.name: p.read_text(encoding="utf-8") for p in sorted(out.glob("*.md"))}
        how = "python -m sphinx_eventarchive import pyvideo"
    else:
        reports = {}
        for name in events:
            text = builtin_pyvideo_report(data / name)
            if text is not None:
                reports[f"{name}.md"] = text
        how = "the benchmark's built-in converter"
    say(f"imported {len(reports)} of {len(events)} events with {how} "
        f"in {time.perf_counter() - began:.1f}s")
    return reports


# =============================================================================
# Building and measuring
# =============================================================================


@dataclass
class Measurement:
    wall: float
    cpu: float
    peak_rss_mib: float
    files_written: int
    pages_written: int
    doctrees_written: int
    files_removed: int
    warnings: int
    returncode: int
    log: str


@dataclass
class Flavour:
    name: str
    pristine: Path
    edit_target: str
    results: dict[str, list[Measurement]] = field(default_factory=dict)


def snapshot(outdir: Path, mark: bool) -> dict[str, int]:
    """Every output file's mtime_ns; with ``mark``, first set each one 1 µs older.

    A fixed old time would make Sphinx see every page as older than its source
    and rewrite them all; one microsecond earlier keeps its decisions as they
    were while any rewrite, even a copy that restores the source's mtime,
    shows as a changed value.
    """
    times: dict[str, int] = {}
    if not outdir.exists():
        return times
    for folder, _dirs, files in os.walk(outdir):
        for name in files:
            path = os.path.join(folder, name)
            stat = os.stat(path)
            if mark:
                os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns - 1000))
                stat = os.stat(path)
            times[os.path.relpath(path, outdir)] = stat.st_mtime_ns
    return times


def _max_rss_mib(usage: object) -> float:
    rss = getattr(usage, "ru_maxrss", 0)
    return rss / 2**20 if sys.platform == "darwin" else rss / 1024  # bytes on macOS, KiB else


def run_build(src: Path, out: Path, log: Path, jobs: int = 1,
              prefix: Sequence[str] = ()) -> Measurement:
    """``python -m sphinx -b html -q`` as a child; wall, CPU and peak RSS from wait4."""
    before = snapshot(out, mark=True)
    command = [sys.executable, *prefix, "-m", "sphinx", "-b", "html", "-q", "-j", str(jobs),
               str(src), str(out)]
    env = {**os.environ, "PYTHONHASHSEED": "0", "SOURCE_DATE_EPOCH": "1700000000"}
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "wb") as errors:
        began = time.perf_counter()
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors, env=env)
        if hasattr(os, "wait4"):
            _pid, status, usage = os.wait4(child.pid, 0)
            wall = time.perf_counter() - began
            child.returncode = os.waitstatus_to_exitcode(status)
            cpu = usage.ru_utime + usage.ru_stime
            rss = _max_rss_mib(usage)
        else:  # no wait4 (Windows): wall time only
            child.wait()
            wall, cpu, rss = time.perf_counter() - began, float("nan"), float("nan")
    after = snapshot(out, mark=False)
    written = [p for p, t in after.items() if before.get(p) != t]
    text = log.read_text(encoding="utf-8", errors="replace")
    return Measurement(
        wall=wall, cpu=cpu, peak_rss_mib=rss,
        files_written=sum(not p.startswith(".doctrees") for p in written),
        pages_written=sum(p.endswith(".html") for p in written),
        doctrees_written=sum(p.startswith(".doctrees") for p in written),
        files_removed=len(set(before) - set(after)),
        warnings=len(re.findall(r"WARNING", text)),
        returncode=child.returncode, log=str(log),
    )


EDIT_SENTENCE = "One more sentence, appended by the benchmark (run {run})."
_SPEAKERS_LINE = re.compile(r"^(:speakers: |- Speakers: )(?!['\"])(.+)$", re.MULTILINE)


def edit_text(text: str, run: int) -> str:
    return text.rstrip("\n") + "\n\n" + EDIT_SENTENCE.format(run=run) + "\n"


def edit_affiliation(text: str, run: int) -> str:
    """Give the first speaker of the first session a new affiliation."""
    match = _SPEAKERS_LINE.search(text)
    if not match:
        raise ValueError("no speakers line to edit")
    prefix, value = match.groups()
    separator = "; " if ";" in value else ", "
    first, _, rest = value.partition(separator)
    named = re.match(r"^(.*?)\s*\(([^()]*)\)\s*$", first)
    name = named.group(1) if named else first
    changed = f"{name} (Edited Affiliation {run}){separator + rest if rest else ''}"
    return text[:match.start()] + prefix + changed + text[match.end():]


def choose_edit_target(reports: dict[str, str]) -> str:
    """The report in the middle of the archive that has a speakers line."""
    names = sorted(reports)
    order = names[len(names) // 2:] + names[:len(names) // 2]
    for name in order:
        if _SPEAKERS_LINE.search(reports[name]):
            return name
    raise SystemExit("no report with speakers to edit")


def measure(flavours: list[Flavour], workdir: Path, repeat: int, parallel: set[str]) -> None:
    total = repeat * sum(4 + (f.name in parallel) for f in flavours)
    done = 0
    for run in range(1, repeat + 1):
        for flavour in flavours:  # interleaved, so drift on a shared machine hits all
            base = workdir / "build" / flavour.name
            src, out, logs = base / "src", base / "out", base / "logs"
            if src.exists():
                shutil.rmtree(src)
            shutil.copytree(flavour.pristine, src)
            report = src / "reports" / flavour.edit_target
            steps: list[tuple[str, Callable[[], None] | None, int]] = [
                ("full", None, 1), ("noop", None, 1),
                ("edit-text", lambda r=report, n=run: r.write_text(
                    edit_text(r.read_text(encoding="utf-8"), n), encoding="utf-8"), 1),
                ("edit-affiliation", lambda r=report, n=run: r.write_text(
                    edit_affiliation(r.read_text(encoding="utf-8"), n), encoding="utf-8"), 1),
            ]
            if flavour.name in parallel:
                steps.append(("full-j2", None, 2))
            for build, change, jobs in steps:
                if build.startswith("full") and out.exists():
                    shutil.rmtree(out)
                if change:
                    change()
                result = run_build(src, out, logs / f"{build}-{run}.log", jobs=jobs)
                flavour.results.setdefault(build, []).append(result)
                done += 1
                state = "ok" if result.returncode == 0 else f"FAILED (exit {result.returncode})"
                say(f"[{done}/{total}] run {run} {flavour.name:5} {build:16} "
                    f"{result.wall:7.2f}s  {result.peak_rss_mib:6.0f} MiB  "
                    f"{result.files_written:5} files  {state}")
                if result.returncode != 0:
                    say(Path(result.log).read_text(encoding="utf-8", errors="replace")[-3000:])
                    raise SystemExit(f"build failed: {flavour.name} {build}; log {result.log}")


# =============================================================================
# Report
# =============================================================================

# (build, compared with, what, limit); "time" is wall or CPU seconds (--metric).
TARGETS = {
    "synthetic": [("full", "plain", "time", 1.3), ("edit-text", "plain", "time", 2.0),
                  ("edit-affiliation", "plain", "time", 2.0), ("noop", "plain", "time", 1.5)],
    "pyvideo": [("full", "plain", "time", 1.5), ("full", "plain", "peak_rss_mib", 1.5),
                ("edit-text", "plain", "time", 3.0), ("edit-affiliation", "plain", "time", 3.0)],
}


def median(results: list[Measurement], key: str) -> float:
    return statistics.median(getattr(r, key) for r in results)


def summary(flavours: list[Flavour]) -> dict[str, dict[str, dict[str, float]]]:
    table: dict[str, dict[str, dict[str, float]]] = {}
    for flavour in flavours:
        for build, results in flavour.results.items():
            table.setdefault(flavour.name, {})[build] = {
                key: median(results, key)
                for key in ("wall", "cpu", "peak_rss_mib", "files_written", "pages_written",
                            "doctrees_written", "files_removed", "warnings")
            } | {"runs": len(results), "walls": [round(r.wall, 3) for r in results]}
    return table


def targets(kind: str, table: dict, metric: str = "wall") -> list[dict[str, object]]:
    checks = []
    for build, other, what, limit in TARGETS[kind]:
        if "ours" not in table or other not in table or build not in table["ours"]:
            continue
        key = metric if what == "time" else what
        ours, theirs = table["ours"][build], table[other][build]
        label = "peak memory" if key == "peak_rss_mib" else BUILD_LABELS[build]
        value = ours[key] / theirs[key]
        checks.append({
            "target": f"{label} ≤ {limit}× {other}", "metric": key, "measured": value,
            "limit": limit, "pass": value <= limit,
            "wall_ratio": ours["wall"] / theirs["wall"] if what == "time" else None,
            "cpu_ratio": ours["cpu"] / theirs["cpu"] if what == "time" else None,
        })
    ours = table.get("ours", {})
    if "full-j2" in ours and "full" in ours:
        # Parallelism buys wall time, never CPU time: always judged on wall.
        value = ours["full-j2"]["wall"] / ours["full"]["wall"]
        checks.append({"target": "full build -j 2 faster than -j 1", "metric": "wall",
                       "measured": value, "limit": 1.0, "pass": value < 1.0,
                       "wall_ratio": value, "cpu_ratio": None})
    return checks


def markdown(kind: str, description: str, table: dict, checks: list[dict[str, object]],
             repeat: int) -> str:
    lines = [f"### {description}", "",
             f"Median of {repeat} run{'s' if repeat != 1 else ''}; wall and CPU seconds of "
             "the `sphinx-build` child, peak RSS of the child (and its workers), files the "
             "build wrote outside `.doctrees` (pages: `.html` among them).", "",
             "| build | flavour | wall s | CPU s | × plain | × ablog | peak RSS MiB | "
             "files written | pages written | doctrees written | warnings |",
             "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|"]
    for build in BUILDS:
        base = "full" if build == "full-j2" else build
        for flavour in FLAVOURS:
            row = table.get(flavour, {}).get(build)
            if not row:
                continue
            versus = [_ratio(row, table.get(other, {}).get(base)) for other in ("plain", "ablog")]
            lines.append(
                f"| {BUILD_LABELS[build]} | {flavour} | {row['wall']:.2f} | {row['cpu']:.2f} | "
                f"{versus[0]} | {versus[1]} | {row['peak_rss_mib']:.0f} | "
                f"{row['files_written']:.0f} | {row['pages_written']:.0f} | "
                f"{row['doctrees_written']:.0f} | {row['warnings']:.0f} |")
    if checks:
        lines += ["", "| target | judged on | wall ratio | CPU ratio | result |",
                  "|---|---|--:|--:|---|"]
        for check in checks:
            wall, cpu = (f"{check[k]:.2f}×" if check[k] is not None else "–"
                         for k in ("wall_ratio", "cpu_ratio"))
            if check["metric"] == "peak_rss_mib":
                wall = f"{check['measured']:.2f}× (memory)"
            lines.append(f"| {check['target']} | {check['metric']} | {wall} | {cpu} | "
                         f"{'PASS' if check['pass'] else 'FAIL'} |")
    return "\n".join(lines)


def _ratio(row: dict, other: dict | None) -> str:
    if not other or not other.get("wall"):
        return "–"
    return f"{row['wall'] / other['wall']:.2f}×"


def package_state() -> str:
    """A digest of the extension's installed sources (names, sizes, mtimes).

    Compared at the start and the end of a run: on a tree other people are
    editing, a change in between means the figures mix two versions.
    """
    done = subprocess.run(
        [sys.executable, "-c", "import os, sphinx_eventarchive as m; "
         "print(os.path.dirname(m.__file__))"],
        capture_output=True, text=True, check=False)
    folder = done.stdout.strip()
    if not folder:
        return ""
    digest = hashlib.blake2b(digest_size=8)
    for path in sorted(Path(folder).rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            stat = path.stat()
            digest.update(f"{path.relative_to(folder)} {stat.st_size} {stat.st_mtime_ns}\n"
                          .encode())
    return digest.hexdigest()


def environment() -> dict[str, object]:
    versions = {}
    for package in ("sphinx", "docutils", "myst_parser", "ablog", "sphinx_eventarchive"):
        done = subprocess.run(
            [sys.executable, "-c", f"import {package} as m; print(getattr(m, '__version__', '?'))"],
            capture_output=True, text=True, check=False)
        versions[package] = done.stdout.strip() or "not installed"
    return {"python": platform.python_version(), "platform": platform.platform(),
            "package_state_start": package_state(),
            "cpus": os.cpu_count(), "versions": versions,
            "loadavg_start": os.getloadavg() if hasattr(os, "getloadavg") else None}


# =============================================================================
# Profile
# =============================================================================


# ``python -m cProfile`` times with the wall clock, which on a busy machine
# charges other people's processes to whatever was running; this profiles
# the same ``python -m sphinx`` with CPU time instead.
PROFILE_MAIN = """\
import cProfile, runpy, sys, time
stats, module = sys.argv[1], sys.argv[3]
sys.argv = [module, *sys.argv[4:]]
profiler = cProfile.Profile(time.process_time)
code = 0
try:
    profiler.runcall(runpy.run_module, module, run_name="__main__", alter_sys=True)
except SystemExit as exit:
    code = exit.code
finally:
    profiler.dump_stats(stats)
sys.exit(code)
"""


def _entry_points(stats: object, top: int) -> list[str]:
    """Functions of the extension called from outside it, by inclusive time.

    These are the hooks Sphinx calls (directives, event handlers, visitors),
    so their cumulative times add up to what the extension costs.
    """
    rows = []
    for (filename, line, name), (_cc, calls, _tt, cumulative, callers) in \
            stats.stats.items():  # type: ignore[attr-defined]
        if "sphinx_eventarchive" not in filename or "__editable__" in filename:
            continue
        if any("sphinx_eventarchive" in caller[0] for caller in callers):
            continue
        where = filename[filename.rfind("sphinx_eventarchive"):]
        rows.append((cumulative, calls, f"{where}:{line}({name})"))
    rows.sort(reverse=True)
    hooks = sum(row[0] for row in rows if not row[2].endswith("(<module>)"))
    lines = [f"{cumulative:9.3f} {calls:7d}  {where}" for cumulative, calls, where in rows[:top]]
    lines.append(f"{hooks:9.3f}          sum of all entry points but module imports")
    return lines


SPHINX_STEPS = (
    ("builders/__init__.py", "read", "reading sources"),
    ("builders/__init__.py", "write", "writing documents"),
    ("builders/html/__init__.py", "gen_pages_from_extensions",
     "writing pages from html-collect-pages"),
    ("builders/html/__init__.py", "_get_local_toctree", "theme sidebar toctree, all pages"),
    ("environment/__init__.py", "check_dependents", "env-get-updated"),
)


def profile(flavour: Flavour, workdir: Path, top: int) -> dict[str, str]:
    """Ours under cProfile (CPU time): full build, no-op rebuild, one-report edit."""
    import io
    import pstats

    base = workdir / "profile"
    src, out = base / "src", base / "out"
    for path in (src, out):
        if path.exists():
            shutil.rmtree(path)
    shutil.copytree(flavour.pristine, src)
    report = src / "reports" / flavour.edit_target
    texts = {}
    for build in ("full", "noop", "edit-text"):
        if build == "edit-text":
            report.write_text(edit_text(report.read_text(encoding="utf-8"), 0),
                              encoding="utf-8")
        stats_file = base / f"{build}.prof"
        result = run_build(src, out, base / f"{build}.log",
                           prefix=["-c", PROFILE_MAIN, str(stats_file)])
        if result.returncode != 0:
            raise SystemExit(f"profiled build failed; log {result.log}")
        stream = io.StringIO()
        stats = pstats.Stats(str(stats_file), stream=stream)
        total = stats.total_tt  # type: ignore[attr-defined]
        stream.write(f"== {build} build under cProfile (CPU time): {result.wall:.2f}s wall, "
                     f"{result.cpu:.2f}s CPU, {total:.2f}s profiled ==\n")
        for filename, name, label in SPHINX_STEPS:
            found = [value[3] for key, value in stats.stats.items()  # type: ignore[attr-defined]
                     if key[0].endswith(filename) and key[2] == name]
            if found:
                stream.write(f"{max(found):9.3f}s  {label} (sphinx {name})\n")
        own = sum(value[2] for key, value in stats.stats.items()  # type: ignore[attr-defined]
                  if "sphinx_eventarchive" in key[0])
        stream.write(f"{own:9.3f}s  self time in sphinx_eventarchive/ "
                     f"({100 * own / total:.0f}% of the profile)\n")
        stream.write("-- extension entry points, cumulative seconds, calls --\n")
        stream.write("\n".join(_entry_points(stats, top)) + "\n")
        stream.write(f"-- top {top} overall by cumulative time --\n")
        stats.sort_stats("cumulative").print_stats(top)
        stream.write(f"-- top {top} in sphinx_eventarchive/ by cumulative time --\n")
        stats.print_stats(r"sphinx_eventarchive", top)
        texts[build] = stream.getvalue()
        (base / f"{build}.txt").write_text(texts[build], encoding="utf-8")
        say(f"profile of the {build} build: {base / f'{build}.prof'} "
            f"(text: {base / f'{build}.txt'})")
    return texts


# =============================================================================
# Command line
# =============================================================================


def prepare(kind: str, args: argparse.Namespace, workdir: Path,
            flavours: list[str]) -> tuple[str, list[Flavour], dict[str, object]]:
    if kind == "synthetic":
        reports = generate_synthetic(args.reports, args.sessions, args.speakers, args.tags,
                                     args.seed)
        ours = {r.filename: render_ours(r) for r in reports}
        categories = {r.filename: r.series for r in reports}
        speakers = {n for r in reports for s in r.sessions for n, _ in s.speakers}
        appearances = sum(len(s.speakers) for r in reports for s in r.sessions)
        tags = {t for r in reports for t in r.tags + r.event_tags} | {
            t for r in reports for s in r.sessions for t in s.tags}
        title = "Synthetic archive"
        description = (f"synthetic: {len(reports)} reports × {args.sessions} sessions, "
                       f"{len(speakers)} speakers ({appearances} appearances), {len(tags)} tags")
        facts: dict[str, object] = {"reports": len(reports), "sessions": args.sessions,
                                    "speakers_used": len(speakers), "appearances": appearances,
                                    "tags_used": len(tags), "seed": args.seed}
    else:
        data = unpack_data(find_data(args.data), args.workdir_path)
        ours = pyvideo_reports(data, args.events, workdir)
        categories = {}
        sessions = sum(text.count("{session}") for text in ours.values())
        title = "pyvideo archive"
        description = f"pyvideo: {len(ours)} events, {sessions} talks"
        facts = {"events": len(ours), "sessions": sessions}
    target = choose_edit_target(ours)
    texts = flavour_texts(ours, categories, flavours)
    result = []
    for name in flavours:
        pristine = workdir / "pristine" / name
        write_project(pristine, name, title, texts[name], args.conf_extra)
        result.append(Flavour(name, pristine, target))
    facts["edited_report"] = target
    facts["conf_extra"] = list(args.conf_extra)
    return description, result, facts


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="kind", required=True)
    synthetic = commands.add_parser("synthetic", help="a generated archive")
    synthetic.add_argument("--reports", type=int, default=200)
    synthetic.add_argument("--sessions", type=int, default=5, help="sessions per report")
    synthetic.add_argument("--speakers", type=int, default=400, help="size of the speaker pool")
    synthetic.add_argument("--tags", type=int, default=40, help="size of the tag pool")
    synthetic.add_argument("--seed", type=int, default=7)
    pyvideo = commands.add_parser("pyvideo", help="the pyvideo/data archive")
    pyvideo.add_argument("--events", "--pyvideo-events", type=int, default=None,
                         help="this many events, spread evenly (default: all)")
    pyvideo.add_argument("--data", help="pyvideo/data checkout or .tar.gz of one")
    for sub in (synthetic, pyvideo):
        sub.add_argument("--repeat", type=int, default=3)
        sub.add_argument("--flavours", default=None,
                         help="comma-separated, of plain,ours,ablog (default: synthetic all "
                              "three, pyvideo plain,ours)")
        sub.add_argument("--parallel-flavours", default="ours",
                         help="flavours also built with -j 2 (comma-separated, or 'none')")
        sub.add_argument("--conf-extra", action="append", default=[], metavar="LINE",
                         help="append this line to every flavour's conf.py (repeatable), "
                              "e.g. 'html_theme = \"furo\"'")
        sub.add_argument("--workdir", default=str(DEFAULT_WORKDIR))
        sub.add_argument("--json", help="also write the results here")
        sub.add_argument("--profile", action="store_true",
                         help="then profile ours (full and no-op build) with cProfile")
        sub.add_argument("--profile-top", type=int, default=30)
        sub.add_argument("--metric", choices=("wall", "cpu"), default="wall",
                         help="judge the time targets on wall (default) or CPU seconds; "
                              "CPU is steadier on a busy machine (-j 2 is always wall)")
        sub.add_argument("--check", action="store_true",
                         help="exit 1 when a target fails (default: always 0)")
    args = parser.parse_args(argv)

    default = "plain,ours,ablog" if args.kind == "synthetic" else "plain,ours"
    flavours = [f.strip() for f in (args.flavours or default).split(",") if f.strip()]
    unknown = set(flavours) - set(FLAVOURS)
    if unknown or not flavours:
        parser.error(f"unknown flavour {sorted(unknown)}; choose from {', '.join(FLAVOURS)}")
    parallel = {f.strip() for f in args.parallel_flavours.split(",")} & set(flavours)
    args.workdir_path = Path(args.workdir).resolve()
    name = (f"synthetic-r{args.reports}-s{args.sessions}" if args.kind == "synthetic"
            else f"pyvideo-e{args.events or 'all'}")
    workdir = args.workdir_path / name
    workdir.mkdir(parents=True, exist_ok=True)

    env = environment()
    description, prepared, facts = prepare(args.kind, args, workdir, flavours)
    say(f"{description}; flavours {', '.join(flavours)}; {args.repeat} runs; work in {workdir}")
    began = time.perf_counter()
    measure(prepared, workdir, args.repeat, parallel)
    env["loadavg_end"] = os.getloadavg() if hasattr(os, "getloadavg") else None
    env["package_state_end"] = package_state()
    changed = env["package_state_end"] != env["package_state_start"]
    table = summary(prepared)
    checks = targets(args.kind, table, args.metric)
    print(markdown(args.kind, description, table, checks, args.repeat))
    print(f"\nload average at start {env['loadavg_start']}, at end {env['loadavg_end']} "
          f"on {env['cpus']} CPUs; {time.perf_counter() - began:.0f}s in all; "
          f"edited report: {facts['edited_report']}")
    if changed:
        print("\nWARNING: sphinx_eventarchive's sources changed during this run; the figures "
              "mix two versions of the extension. Run again.")
    profiles = {}
    if args.profile and "ours" in flavours:
        ours = next(f for f in prepared if f.name == "ours")
        profiles = profile(ours, workdir, args.profile_top)
        for text in profiles.values():
            print("\n```text\n" + text.rstrip() + "\n```")
    if args.json:
        Path(args.json).write_text(json.dumps({
            "kind": args.kind, "description": description, "facts": facts,
            "environment": env, "repeat": args.repeat, "metric": args.metric,
            "summary": table, "targets": checks,
            "runs": {f.name: {b: [asdict(m) for m in ms] for b, ms in f.results.items()}
                     for f in prepared},
            "profiles": profiles,
        }, indent=2, ensure_ascii=False), encoding="utf-8")
    failed = [check for check in checks if not check["pass"]]
    return 1 if args.check and failed else 0


if __name__ == "__main__":
    sys.exit(main())
