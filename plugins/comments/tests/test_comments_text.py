"""Comment text: escaped, links become links (nothing else), the XSS corpus stays inert."""

from __future__ import annotations

from pnyx.testing.xss import RICH_TEXT_XSS_ATTACKS, RICH_TEXT_XSS_CORPUS, active_content
from pnyx_comments import text

EXTRA_ATTACKS = (
    'https://ok.example/"><script>alert(1)</script>',
    "https://ok.example/'onmouseover='alert(1)",
    "http://x.example/?a=1&b=<b>2</b>",
    "@<script>alert(1)</script>",
)


def test_links_become_links_and_nothing_else() -> None:
    html = str(text.render("See https://example.org/a?b=1&c=2.\n\n<b>bold</b> *no*"))
    assert (
        '<a href="https://example.org/a?b=1&amp;c=2" rel="nofollow ugc noopener">'
        "https://example.org/a?b=1&amp;c=2</a>."
    ) in html
    assert "&lt;b&gt;bold&lt;/b&gt; *no*" in html and html.count("<p>") == 2


def test_every_attack_renders_inert() -> None:
    for attack in (*RICH_TEXT_XSS_ATTACKS, *EXTRA_ATTACKS, RICH_TEXT_XSS_CORPUS):
        html = str(text.render(attack))
        assert active_content(html) == [], attack
        assert "<script" not in html and "<img" not in html and "<svg" not in html


def test_the_corpus_in_a_thread_is_inert(app, client, make_user, post_url, page) -> None:
    app.config["COMMENTS_RATE_LIMIT"] = 100
    client.sign_in(make_user(email="r@example.test"))
    for attack in (*RICH_TEXT_XSS_ATTACKS, *EXTRA_ATTACKS):
        client.post_form(post_url, {"body": attack})
    client.post_form(post_url, {"body": RICH_TEXT_XSS_CORPUS[:2000]})
    shown = 0
    for number in (1, 2):
        html = client.get(f"{page}?comments_page={number}").text
        assert active_content(html, page=True) == []
        assert "<script>alert(1)</script>" not in html
        shown += html.count('class="comment-body"')
    assert shown == len(RICH_TEXT_XSS_ATTACKS) + len(EXTRA_ATTACKS) + 1


def test_mentions_are_read() -> None:
    assert text.mentions("Hi @Camille and @dominique.h, @Camille again; mail a@b.c") == [
        "Camille",
        "dominique.h",
    ]
