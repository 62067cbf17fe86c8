"""What ``migrate`` says, in English or Japanese: its summary, and the notes it leaves.

The notes are MyST comments (``% migrate: speakers? …``) written into the
post where something could not be read; the summary counts each kind of
change and lists those places by line. Whole sentences per language, not
words glued together: Japanese counts take 件 and no plural, English
counts agree in number ("1 deck", "2 decks").
"""

from __future__ import annotations

from typing import NamedTuple

LANGUAGES = ("en", "ja")

#: The word after ``% migrate:`` says what to look at; the rest says why.
_COMMENTS = {
    "en": {
        "speakers": "speakers? nobody is named plainly as the speaker: write :speakers: "
                    "Name (Affiliation)",
        "url": "url? white space inside the URL of the link below, so it was not used: "
               "correct it by hand",
        "date": "date? no day the event was held could be read: write :date: YYYY-MM-DD",
        "name": "name? the event's name could not be read: write it after {event}",
    },
    "ja": {
        "speakers": "speakers? 登壇者を本文から読み取れませんでした。:speakers: に 名前 (所属) "
                    "を書いてください",
        "url": "url? 次のリンクの URL に空白が入っているため使っていません。手で直してください",
        "date": "date? 開催日を読み取れませんでした。:date: に YYYY-MM-DD を書いてください",
        "name": "name? イベント名を読み取れませんでした。{event} の後に書いてください",
    },
}
_PLACES = {
    "en": {
        "speakers": "speakers? nobody is named plainly as the speaker of “{}”",
        "url": "url? white space inside the URL “{}”: left in the text",
        "date": "date? no day “{}” was held could be read",
        "name": "name? the event's name could not be read",
        "date of unnamed": "date? no day the event was held could be read",
    },
    "ja": {
        "speakers": "speakers? 「{}」の登壇者を読み取れませんでした",
        "url": "url? URL「{}」に空白が入っているため、本文に残しました",
        "date": "date? 「{}」の開催日を読み取れませんでした",
        "name": "name? イベント名を読み取れませんでした",
        "date of unnamed": "date? 開催日を読み取れませんでした",
    },
}
# Why an embed was left alone (migrate's fixed reasons); others are shown as they are.
_LEFT_ALONE_JA = {
    "its <iframe> is not closed (</iframe> or />) before the next one":
        "<iframe> が次の埋め込みまでに閉じられていません（</iframe> か />）",
    "its <script> is not empty or not closed": "<script> が空でないか、閉じられていません",
    "it shares its line with other text": "ほかの文と同じ行にあります",
    "it is indented 4 spaces or more": "4 文字以上字下げされています",
    "its Speaker Deck id is missing or malformed": "Speaker Deck の ID がないか、正しくありません",
    "its </blockquote> is missing": "</blockquote> がありません",
    "no link to the post (…/status/<id>) in it": "ポストへのリンク（…/status/<id>）がありません",
    "an X post pasted as text, with no link to the post beside it":
        "文字として貼られた X のポストで、そばにポストへのリンクがありません",
}


class Counts(NamedTuple):
    decks: int = 0
    videos: int = 0
    posts: int = 0
    events: int = 0
    sessions: int = 0
    #: Places left for the user (``% migrate:`` comments).
    places: int = 0
    #: Whether events and sessions were looked for at all (not ``--embeds-only``).
    proposed: bool = False


def comment(kind: str, language: str) -> str:
    """The text of a ``% migrate:`` comment, without the ``% migrate: ``."""
    return _COMMENTS[language][kind]


def place(kind: str, subject: str, language: str) -> str:
    """One line of the summary's list of places left for the user."""
    if kind == "date" and not subject:  # the event has no name either
        kind = "date of unnamed"
    return "migrate: " + _PLACES[language][kind].format(subject)


def left_alone(reason: str, language: str) -> str:
    if language == "ja":
        return f"埋め込みをそのままにしました: {_LEFT_ALONE_JA.get(reason, reason)}"
    return f"embed left alone: {reason}"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def summary(counts: Counts, language: str) -> str:
    if language == "ja":
        parts = [f"Speaker Deck {counts.decks}件、YouTube {counts.videos}件、"
                 f"X のポスト {counts.posts}件を変換しました"]
        if counts.proposed and counts.sessions:
            parts.append(f"イベント {counts.events}件と"
                         f"セッション {counts.sessions}件を提案しました")
        elif counts.proposed:
            parts.append("トークが見つからないため、イベントとセッションは提案していません")
        if counts.places:
            parts.append(f"確認が必要な箇所が {counts.places}件あります（上の一覧）")
        return "。".join(parts) + "。"
    text = (f"{_count(counts.decks, 'Speaker Deck deck')}, "
            f"{_count(counts.videos, 'YouTube video')} and "
            f"{_count(counts.posts, 'X post')} migrated")
    if counts.proposed and counts.sessions:
        text += f"; {_count(counts.events, 'event')} and {_count(counts.sessions, 'session')} " \
                "proposed"
    elif counts.proposed:
        text += "; no talks found, so no event or sessions proposed"
    if counts.places:
        text += f"; {_count(counts.places, 'place')} left for you (listed above)"
    return text


def wrote(target: str, said: str, language: str) -> str:
    return f"{target} に書き出しました: {said}" if language == "ja" else f"wrote {target}: {said}"
