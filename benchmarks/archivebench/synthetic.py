"""The synthetic archive: N reports of K sessions, rendered with our directives."""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Sequence
from dataclasses import dataclass


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


def generate_synthetic(reports: int, sessions: tuple[int, int], speakers: int, tags: int,
                       seed: int,
                       per_session: tuple[float, float] | None = None) -> list[SynthReport]:
    """``sessions`` per report drawn from LOW..HIGH; ``per_session`` the mean number of
    speakers of a session, drawn per report from LOW..HIGH (None: the issue 7 mix,
    one speaker on 80 % of sessions and two or three on the rest).

    With one number of sessions and no ``per_session`` the random stream is the
    one issue 7's benchmark drew, so its archives stay what they were.
    """
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
        count_of_sessions = (sessions[0] if sessions[0] == sessions[1]
                             else rng.randint(*sessions))
        mean = rng.uniform(*per_session) if per_session else 0.0
        for _ in range(count_of_sessions):
            if per_session:
                # floor or ceiling of the mean, so that sessions average it
                count = min(len(pool), int(mean) + (rng.random() < mean - int(mean)))
                drawn: list[Speaker] = []
                while len(drawn) < count:  # distinct people: a name is listed once
                    person = rng.choices(pool, cum_weights=speaker_weights, k=1)[0]
                    if person not in drawn:
                        drawn.append(person)
            else:
                count = 1 if rng.random() < 0.8 else rng.randint(2, 3)
                drawn = rng.choices(pool, cum_weights=speaker_weights, k=count)
            people: list[tuple[str, str]] = []
            for person in drawn:
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


