"""The language posts and messages are written in (pnyx.written_language, WCAG 3.1.2): chosen on
the post and message forms among the organization's languages, stored, and marked with ``lang``
on pages read in another language."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from pnyx_mutual_aid.models import AidCategory, AidConversation, AidMessage, AidPost

REFUSED = "Choisissez la langue de votre texte dans la liste."
TITLE = "Cercu aiutu pè a spesa"
BODY = "Ùn possu più sorte: quale mi pò fà a spesa u ghjovi?"


@pytest.fixture
def bilingual(make_organization):
    """Smart Isula's case: French first, Corsican offered."""
    return make_organization(default_locale="fr", available_locales=["fr", "co"])


@pytest.fixture
def board(bilingual, make_component):
    """The folder's board, on the bilingual organization."""
    return make_component("mutual_aid")


@pytest.fixture
def people(make_user):
    return {
        "author": make_user(name="Odette", email="odette@example.org"),
        "helper": make_user(name="Yanis", email="yanis@example.org"),
    }


def read_in(client, language: str, url: str):
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = language
    return client.get(url)


def new_post(client, session, board, url, **fields: str):
    client.get(url + "posts/new")  # the board's first visit sets its default categories
    category = session.scalars(
        select(AidCategory).where(AidCategory.component_id == board.id)
    ).first()
    data = {"kind": "request", "category": str(category.id), "title": TITLE, "body": BODY}
    return client.post_form(url + "posts/new", {**data, **fields})


def count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


def test_the_post_form_offers_the_organization_languages(client, url, people) -> None:
    client.sign_in(people["author"])
    text = read_in(client, "co", url + "posts/new").text
    assert '<select id="language" name="language"' in text
    assert '<option value="co" lang="co" selected>' in text
    assert '<option value="en"' not in text


def test_a_post_in_corsican_is_stored_and_marked_on_french_pages(
    client, session, board, url, people
) -> None:
    client.sign_in(people["author"])
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "fr"
    answer = new_post(client, session, board, url, language="co")
    assert answer.status_code == 302
    post = session.scalar(select(AidPost))
    assert post.language == "co"
    page = read_in(client, "fr", f"{url}posts/{post.id}").text
    assert f'<h1><span lang="co">{TITLE}</span></h1>' in page
    assert f'<p lang="co">{BODY}</p>' in page
    assert f"<title>{TITLE} ·" in page  # the title element stays plain
    board_page = read_in(client, "fr", url).text
    assert f'<span lang="co">{TITLE}</span></a></h3>' in board_page
    assert f'<p lang="co">{BODY}</p>' in board_page
    in_corsican = read_in(client, "co", f"{url}posts/{post.id}").text
    assert f"<h1>{TITLE}</h1>" in in_corsican and f"<p>{BODY}</p>" in in_corsican


def test_a_post_in_a_language_not_offered_is_refused_and_kept(
    client, session, board, url, people
) -> None:
    client.sign_in(people["author"])
    answer = new_post(client, session, board, url, language="de")
    assert answer.status_code == 400
    assert REFUSED in answer.text
    assert 'id="language-error"' in answer.text
    assert f'<li><a href="#language">{REFUSED}</a></li>' in answer.text  # the summary
    assert f'value="{TITLE}"' in answer.text and f">{BODY}</textarea>" in answer.text
    assert count(session, AidPost) == 0


def test_messages_keep_their_language(client, session, url, people, make_post) -> None:
    post = make_post(people["author"], language="fr")
    client.sign_in(people["helper"])
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "fr"
    form = client.get(url + f"posts/{post.id}/contact").text
    assert '<select id="language" name="language"' in form
    first = client.post_form(
        url + f"posts/{post.id}/contact", {"body": "Bonghjornu, possu aiutà.", "language": "co"}
    )
    assert first.status_code == 302
    conversation = session.scalar(select(AidConversation))
    client.sign_in(people["author"])
    reply = client.post_form(
        url + f"conversations/{conversation.token}", {"body": "Merci !", "language": "fr"}
    )
    assert reply.status_code == 302
    messages = session.scalars(select(AidMessage).order_by(AidMessage.id))
    assert [(m.body, m.language) for m in messages] == [
        ("Bonghjornu, possu aiutà.", "co"),
        ("Merci !", "fr"),
    ]
    page = read_in(client, "fr", url + f"conversations/{conversation.token}").text
    assert '<p lang="co">Bonghjornu, possu aiutà.</p>' in page and "<p>Merci !</p>" in page
    page = read_in(client, "co", url + f"conversations/{conversation.token}").text
    assert "<p>Bonghjornu, possu aiutà.</p>" in page and '<p lang="fr">Merci !</p>' in page


def test_a_message_in_a_language_not_offered_is_refused_and_kept(
    client, session, url, people, make_post
) -> None:
    post = make_post(people["author"])
    client.sign_in(people["helper"])
    answer = client.post_form(
        url + f"posts/{post.id}/contact", {"body": "Ich kann helfen.", "language": "de"}
    )
    assert answer.status_code == 400
    assert REFUSED in answer.text and ">Ich kann helfen.</textarea>" in answer.text
    assert count(session, AidConversation) == count(session, AidMessage) == 0


def test_a_reply_in_a_language_not_offered_is_refused_and_kept(
    client, session, url, people, make_post
) -> None:
    """The reply form of a conversation refuses a forged value like the first message's."""
    post = make_post(people["author"])
    client.sign_in(people["helper"])
    client.post_form(url + f"posts/{post.id}/contact", {"body": "Possu aiutà.", "language": "co"})
    conversation = session.scalar(select(AidConversation))
    client.sign_in(people["author"])
    answer = client.post_form(
        url + f"conversations/{conversation.token}",
        {"body": "Danke schön.", "language": '"><b>de'},
    )
    assert answer.status_code == 400
    assert REFUSED in answer.text and ">Danke schön.</textarea>" in answer.text
    assert '"><b>' not in answer.text  # the forged value is not shown back
    assert count(session, AidMessage) == 1


def test_the_contact_details_warning_keeps_the_chosen_language(
    client, session, url, people, make_post
) -> None:
    post = make_post(people["author"])
    client.sign_in(people["helper"])
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "fr"
    body = "Chjamatemi à u 06 12 34 56 78."
    warned = client.post_form(url + f"posts/{post.id}/contact", {"body": body, "language": "co"})
    assert warned.status_code == 200 and 'id="contact-details-warning"' in warned.text
    assert '<option value="co" lang="co" selected>' in warned.text
    assert count(session, AidMessage) == 0
    client.post_form(
        url + f"posts/{post.id}/contact",
        {"body": body, "language": "co", "contact_details": "yes"},
    )
    assert session.scalar(select(AidMessage.language)) == "co"


def test_no_field_on_a_one_language_organization(
    client, session, board, url, people, make_post, bilingual
) -> None:
    bilingual.available_locales = ["fr"]
    session.commit()
    client.sign_in(people["author"])
    assert 'name="language"' not in client.get(url + "posts/new").text
    assert new_post(client, session, board, url).status_code == 302
    assert session.scalar(select(AidPost.language)) == "fr"
    other = make_post(people["helper"])
    assert 'name="language"' not in client.get(url + f"posts/{other.id}/contact").text
    client.post_form(url + f"posts/{other.id}/contact", {"body": "Je peux aider."})
    assert session.scalar(select(AidMessage.language)) == "fr"


def test_links_and_notifications_say_the_post_language(
    app, client, session, url, people, make_post
) -> None:
    """``describe`` (links, comments' notifications) and the reply's notification carry the
    post's language: the core marks its title where it is not the page's."""
    from pnyx import api
    from pnyx.models import Notification
    from pnyx_mutual_aid.models import POST_RESOURCE

    post = make_post(people["author"], title=TITLE, language="co")
    with app.test_request_context("/"):
        described = api.links.describe(session, POST_RESOURCE, [post.id])[post.id]
    assert (described.title, described.language) == (TITLE, "co")

    client.sign_in(people["helper"])
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "fr"
    client.post_form(url + f"posts/{post.id}/contact", {"body": "Possu aiutà.", "language": "co"})
    session.commit()
    [note] = session.scalars(select(Notification)).all()
    assert note.title == {"co": TITLE}
    client.sign_in(people["author"])
    centre = read_in(client, "fr", "/notifications").text
    assert f'<span lang="co">{TITLE}</span></a>' in centre
