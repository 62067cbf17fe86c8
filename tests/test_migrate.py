"""``migrate``: pasted embed code as directives, self-closing (MDX) forms included."""

from __future__ import annotations

import pytest

from sphinx_eventarchive.importers.migrate import migrate

ID1 = "0123456789abcdef0123456789abcdef"
ID2 = "fedcba9876543210fedcba9876543210"
YT = "dQw4w9WgXcQ"


def deck(ident: str, end: str = " />", **attributes: str) -> str:
    extra = "".join(f' {name}="{value}"' for name, value in attributes.items())
    return f'<iframe src="https://speakerdeck.com/player/{ident}"{extra}{end}'


def directive(ident: str) -> str:
    return f"```{{speakerdeck}} {ident}\n```"


def test_two_self_closing_iframes_with_prose_between() -> None:
    # An Astro/MDX post: every byte but the embeds stays, prose included, even
    # with a closing tag further down for the old pattern to run on to.
    source = (
        "---\ntitle: PFEM #8\n---\n\n# Report\n\n"
        f"{deck(ID1)}\n\n"
        "The second talk was about <b>metrics</b>. Nothing here may vanish.\n\n"
        f"{deck(ID2, '/>', allowFullScreen='true')}\n\n"
        "Closing words.\n\n"
        '<iframe src="https://maps.example.org/venue"></iframe>\n'
    )
    result = migrate(source)
    assert result.text == (
        "---\ntitle: PFEM #8\n---\n\n# Report\n\n"
        f"{directive(ID1)}\n\n"
        "The second talk was about <b>metrics</b>. Nothing here may vanish.\n\n"
        f"{directive(ID2)}\n\n"
        "Closing words.\n\n"
        '<iframe src="https://maps.example.org/venue"></iframe>\n'
    )
    assert [(c.line, c.kind, c.ident) for c in result.changes] == [
        (7, "speakerdeck", ID1),
        (11, "speakerdeck", ID2),
    ]
    assert result.left_alone == []


def test_self_closing_then_normal_iframe() -> None:
    # The old pattern took the first embed to run on to the second's </iframe>.
    youtube = (
        f'<iframe src="https://www.youtube.com/embed/{YT}" title="Talk"></iframe>'
    )
    source = f"{deck(ID1)}\n\nBetween.\n\n{youtube}\n\n{deck(ID2, '></iframe>')}\nEnd"
    result = migrate(source)
    assert result.text == (
        f"{directive(ID1)}\n\nBetween.\n\n"
        f"[Talk](https://www.youtube.com/watch?v={YT})\n\n{directive(ID2)}\nEnd"
    )
    assert [c.kind for c in result.changes] == ["speakerdeck", "youtube", "speakerdeck"]


def test_normal_then_self_closing_iframe() -> None:
    closed_later = deck(ID1, ">\n</iframe>")
    source = f"{closed_later}\ntext\n{deck(ID2, '/>')}\n"
    result = migrate(source)
    assert result.text == f"{directive(ID1)}\ntext\n{directive(ID2)}\n"


def test_unclosed_iframe_is_left_alone_and_reported() -> None:
    # No </iframe> before the next embed: where the first one ends is a guess,
    # so it stays, and the closed one after it is still migrated.
    source = f"{deck(ID1, '>')}\n\nProse that must stay.\n\n{deck(ID2, '></iframe>')}\n"
    result = migrate(source)
    assert result.text == (
        f"{deck(ID1, '>')}\n\nProse that must stay.\n\n{directive(ID2)}\n"
    )
    assert result.left_alone == [
        (1, "its <iframe> is not closed (</iframe> or />) before the next one")
    ]
    assert [c.ident for c in result.changes] == [ID2]


def test_unclosed_iframe_at_the_end() -> None:
    source = f"Intro\n{deck(ID1, '>')}\nMore text"
    result = migrate(source)
    assert result.text == source
    assert [line for line, _ in result.left_alone] == [2]


def test_unclosed_other_iframe_is_not_ours() -> None:
    # An unrelated frame left open is not reported, but it does not swallow
    # the Speaker Deck embed after it either.
    source = f'<iframe src="https://maps.example.org/x">\n{deck(ID1)}\n'
    result = migrate(source)
    assert result.text == f'<iframe src="https://maps.example.org/x">\n{directive(ID1)}\n'
    assert result.left_alone == []


def test_self_closing_youtube_and_script() -> None:
    source = (
        f'<iframe src="https://www.youtube-nocookie.com/embed/{YT}?start=75" '
        'title="YouTube video player" allowFullScreen />\n'
        f'<script async className="speakerdeck-embed" data-id="{ID2}" data-slide="4" '
        'src="//speakerdeck.com/assets/embed.js" />\n'
    )
    result = migrate(source)
    assert result.text == (
        f"<https://www.youtube.com/watch?v={YT}&t=75s>\n"
        f"```{{speakerdeck}} {ID2}\n:slide: 4\n```\n"
    )


def test_self_closing_in_code_and_comments_stays() -> None:
    source = (
        f"```mdx\n{deck(ID1)}\n```\n<!-- {deck(ID2)} -->\n"
        f"    {deck(ID1)}\n{deck(ID2)}\n"
    )
    result = migrate(source)
    assert result.text == (
        f"```mdx\n{deck(ID1)}\n```\n<!-- {deck(ID2)} -->\n    {deck(ID1)}\n{directive(ID2)}\n"
    )
    assert result.left_alone == [(5, "it is indented 4 spaces or more")]


@pytest.mark.parametrize(
    ("src", "reason"),
    [
        ("https://speakerdeck.com/player/not-an-id", "its Speaker Deck id is missing or malformed"),
        ("https://speakerdeck.com/abby/a-deck", "its Speaker Deck id is missing or malformed"),
        (f"https://speakerdeck.com/player/{ID1}?slide=0", "the slide number '0' is not"),
    ],
)
def test_broken_speakerdeck_embeds_are_reported(src: str, reason: str) -> None:
    source = f'<iframe src="{src}" />\n'
    result = migrate(source)
    assert result.text == source
    ((line, said),) = result.left_alone
    assert line == 1 and said.startswith(reason)


@pytest.mark.parametrize(
    "src",
    [
        # Browsers read these as other hosts (or paths): never a Speaker Deck embed.
        f"https://evil.example\\@speakerdeck.com/player/{ID1}",
        f"https://speakerdeck.com@evil.example/player/{ID1}",
        f"//evil.example\\.speakerdeck.com/player/{ID1}",
        f"https://speakerdeck.com.evil.example/player/{ID1}",
    ],
)
def test_lookalike_hosts_are_not_migrated(src: str) -> None:
    source = f'<iframe src="{src}"></iframe>\n'
    result = migrate(source)
    assert result.text == source
    assert result.changes == []


# -- X posts ------------------------------------------------------------------

X_EMBED = (
    '<blockquote class="twitter-tweet"><p lang="ja" dir="ltr">ジョブボードのスケールアウト'
    '完了しました！<br>詳しくは <a href="https://t.co/AbC">example.org/x</a> '
    '<a href="https://twitter.com/hashtag/srenext?src=hash&amp;ref_src=twsrc%5Etfw">#srenext</a>'
    ' 1*2_3</p>&mdash; SRE NEXT (@srenext) '
    '<a href="https://twitter.com/srenext/status/1707678900000000000?ref_src=twsrc%5Etfw">'
    'September 29, 2023</a></blockquote> '
    '<script async src="https://platform.twitter.com/widgets.js" charset="utf-8"></script>'
)


def test_pasted_x_post_becomes_a_tweet_directive() -> None:
    source = f"---\ntitle: t\n---\n\nBefore.\n\n{X_EMBED}\n\nAfter.\n"
    result = migrate(source)
    assert result.text == (
        "---\ntitle: t\n---\n\nBefore.\n\n"
        "```{tweet} https://x.com/srenext/status/1707678900000000000\n"
        ":author: SRE NEXT (@srenext)\n"
        ":date: 2023-09-29\n\n"
        "ジョブボードのスケールアウト完了しました！\\\n"
        "詳しくは [example.org/x](<https://t.co/AbC>) #srenext 1\\*2\\_3\n"
        "```\n\nAfter.\n"
    )
    assert [(c.line, c.kind, c.ident) for c in result.changes] == [
        (7, "tweet", "1707678900000000000")]


def test_x_post_over_several_lines_japanese_date_no_script() -> None:
    source = (
        '<blockquote class="twitter-tweet" data-lang="ja">\n<p lang="ja" dir="ltr">'
        '一行目</p>\n&mdash; 山田 (@yamada) <a href="https://x.com/yamada/status/42">'
        "2024年4月19日</a>\n</blockquote>\n"
    )
    result = migrate(source)
    assert result.text == (
        "```{tweet} https://x.com/yamada/status/42\n:author: 山田 (@yamada)\n"
        ":date: 2024-04-19\n\n一行目\n```\n"
    )


def test_x_posts_left_alone() -> None:
    in_code = f"```html\n{X_EMBED}\n```\n"
    assert migrate(in_code).text == in_code
    no_link = '<blockquote class="twitter-tweet"><p>text</p></blockquote>\n'
    result = migrate(no_link)
    assert result.text == no_link and result.left_alone == [
        (1, "no link to the post (…/status/<id>) in it")]
    shared_line = f"See {X_EMBED}\n"
    result = migrate(shared_line)
    assert result.text == shared_line
    assert result.left_alone == [(1, "it shares its line with other text")]
    other_quote = "<blockquote>Just a quote</blockquote>\n"
    assert migrate(other_quote).text == other_quote


def test_migrated_x_post_builds(project) -> None:
    from pathlib import Path

    from bs4 import BeautifulSoup

    app = project({"index.md": "# R\n\n" + migrate(X_EMBED + "\n").text}).build()
    soup = BeautifulSoup((Path(app.outdir) / "index.html").read_text(), "html.parser")
    quote = soup.select_one("blockquote.eventarchive-tweet")
    assert "1*2_3" in quote.get_text() and "#srenext" in quote.get_text()
    assert quote.find("a", href="https://t.co/AbC").get_text() == "example.org/x"
    assert soup.find("script", src=lambda s: s and "twitter" in s) is None
