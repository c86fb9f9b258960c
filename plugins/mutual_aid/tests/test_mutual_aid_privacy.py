"""Privacy and hostile text: the person's archive, what goes with their account, statistics
without names, and the XSS corpus inert in posts and messages."""

from __future__ import annotations

import io
import json
import zipfile

from sqlalchemy import func, select

from pnyx import api
from pnyx.personal_data.deletion import delete_account
from pnyx.testing.xss import RICH_TEXT_XSS_ATTACKS, active_content
from pnyx_mutual_aid.models import AidCategory, AidConversation, AidMessage, AidPost

PAYLOAD = '<script>alert(1)</script>"><img src=x onerror=alert(1)>ssti:{{7*7}}:end'


def download(client) -> zipfile.ZipFile:
    assert client.post_form("/account/data").status_code == 302
    page = client.get("/account/data").get_data(as_text=True)
    start = page.index('href="/account/data/') + len('href="')
    link = page[start : page.index('"', start)]
    return zipfile.ZipFile(io.BytesIO(client.get(link).data))


def converse(client, url, post, helper, body: str) -> AidConversation:
    client.sign_in(helper)
    assert client.post_form(url + f"posts/{post.id}/contact", {"body": body}).status_code == 302


def test_the_archive_holds_posts_and_conversations_with_ones_own_messages(
    client, session, url, make_user, make_post
) -> None:
    ada, bao = make_user(name="Ada"), make_user(name="Bao")
    post = make_post(ada, title="Walk my dog")
    converse(client, url, post, bao, "I love dogs, I can do it.")
    conversation = session.scalar(select(AidConversation))
    client.sign_in(ada)
    client.post_form(url + f"conversations/{conversation.token}", {"body": "Great, thanks!"})
    archive = download(client)
    assert "Walk my dog" in archive.read("mutual_aid/posts.csv").decode()
    conversations = json.loads(archive.read("mutual_aid/conversations.json"))
    assert conversations[0]["your_role"] == "author"
    assert [m["body"] for m in conversations[0]["your_messages"]] == ["Great, thanks!"]


def test_a_deleted_account_takes_its_posts_and_conversations(
    client, session, url, make_user, make_post
) -> None:
    ada, bao, chloe = make_user(name="Ada"), make_user(name="Bao"), make_user(name="Chloé")
    mine = make_post(ada, title="Walk my dog")
    theirs = make_post(chloe, title="Lend a drill")
    converse(client, url, mine, bao, "Happy to help.")
    converse(client, url, theirs, ada, "I need this drill.")
    converse(client, url, theirs, bao, "Me too.")
    delete_account(session, ada)
    session.commit()
    assert [p.title for p in session.scalars(select(AidPost))] == ["Lend a drill"]
    conversations = list(session.scalars(select(AidConversation)))
    assert [c.responder_id for c in conversations] == [bao.id]
    assert session.scalar(select(func.count()).select_from(AidMessage)) == 1
    assert "Walk my dog" not in client.get(url + "?all=1").text


def test_statistics_count_matches_per_category_and_territory_without_names(
    client, board, make_user, make_post, territories
) -> None:
    author = make_user(name="Zoé Secret")
    make_post(
        author,
        "request",
        "shopping",
        territories["doutre"],
        status="matched",
        matched_at=api.utcnow(),
    )
    client.sign_in(make_user(roles=["admin"]))
    page = client.get(f"/admin/spaces/{board.space.slug}/mutual_aid/{board.id}/statistics").text
    assert "Zoé Secret" not in page and "Doutre" in page
    row = page[page.index("<td>Doutre</td>") : page.index("</tr>", page.index("<td>Doutre</td>"))]
    assert row.count("<td>1</td>") == 2  # one post, one match


def test_the_xss_corpus_is_inert_in_posts_and_messages(
    client, session, board, url, make_user, make_post
) -> None:
    author, helper = make_user(), make_user()
    client.sign_in(author)
    assert client.get(url + "posts/new").status_code == 200  # writes the usual categories
    category = str(session.scalar(select(func.min(AidCategory.id))))
    attacks = (PAYLOAD, *RICH_TEXT_XSS_ATTACKS)
    for attack in attacks[:6]:
        body = f"Help wanted {attack} for real"
        response = client.post_form(
            url + "posts/new",
            {"kind": "request", "category": category, "title": attack[:120], "body": body},
        )
        assert response.status_code == 302, response.text
    posts = list(session.scalars(select(AidPost)))
    pages = [client.get(url).text, client.get(url + f"posts/{posts[0].id}").text]
    client.sign_in(helper)
    for post in posts[:2]:
        for attack in attacks:
            client.post_form(
                url + f"posts/{post.id}/contact", {"body": f"{attack}", "contact_details": "yes"}
            )
    conversation = session.scalar(select(AidConversation))
    pages.append(client.get(url + f"conversations/{conversation.token}").text)
    pages.append(client.get(url + "conversations").text)
    for html in pages:
        assert "<script>alert(1)</script>" not in html
        assert "onerror=alert(1)>" not in html
        assert "ssti:49:end" not in html
        assert not [found for found in active_content(html) if "alert" in found or "evil" in found]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages[2]


def test_the_space_statistics_page_counts_posts_and_matches(
    client, board, make_user, make_post, territories
) -> None:
    author = make_user(name="Zoé Secret")
    make_post(author, "request", "shopping", territories["doutre"])
    make_post(
        author, "offer", "tools", territories["tours"], status="matched", matched_at=api.utcnow()
    )
    make_post(author, "offer", "pets", None, hidden_at=api.utcnow(), title="Hidden")
    page = client.get(f"/spaces/{board.space.slug}/statistics")
    assert page.status_code == 200
    text = page.text
    # The hidden post is left out; no name anywhere.
    assert "Offers and requests of help</th><td>Contributions</td><td>2</td>" in text
    assert "Posts where help was found</th><td>Other figures</td><td>1</td>" in text
    assert "Zoé Secret" not in text
