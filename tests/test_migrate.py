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
