"""The language a comment is written in (pnyx.written_language, WCAG 3.1.2): chosen on the
comment, reply and edit forms among the organization's languages, stored, and marked with
``lang`` on pages read in another language."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from pnyx_comments.models import Comment, Version

REFUSED = "Choose the language of your text from the list."
CORSICAN = "Ci vole à piantà arburi longu à u fiume."


@pytest.fixture(autouse=True)
def bilingual(make_organization):
    """Smart Isula's case: French first, Corsican offered (made before the component)."""
    return make_organization(default_locale="fr", available_locales=["fr", "co"])


def read_in(client, language: str, url: str):
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = language
    return client.get(url)


def comments(session) -> list[Comment]:
    session.expire_all()
    return list(session.scalars(select(Comment).order_by(Comment.id)))


def test_the_comment_and_reply_forms_offer_the_organization_languages(
    client, make_user, page, add_comments
) -> None:
    (first,) = add_comments(1, make_user(email="a@example.test"), replies=False)
    client.sign_in(make_user(email="r@example.test"))
    text = read_in(client, "co", page).text
    assert '<select id="comments-language" name="language"' in text
    assert f'<select id="reply-{first}-language" name="language"' in text
    assert '<option value="co" lang="co" selected>' in text
    assert '<option value="en"' not in text


def test_a_comment_in_corsican_is_stored_and_marked_on_a_french_page(
    client, make_user, post_url, page, session
) -> None:
    client.sign_in(make_user(email="r@example.test"))
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "fr"
    answer = client.post_form(post_url, {"body": CORSICAN, "language": "co"})
    assert answer.status_code == 302
    (comment,) = comments(session)
    assert comment.language == "co"
    assert (
        f'<div class="comment-body" lang="co"><p>{CORSICAN}</p></div>'
        in read_in(client, "fr", page).text
    )
    in_corsican = read_in(client, "co", page).text
    assert f'<div class="comment-body"><p>{CORSICAN}</p></div>' in in_corsican


def test_a_reply_keeps_its_own_language(client, make_user, post_url, page, session) -> None:
    client.sign_in(make_user(email="r@example.test"))
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "fr"
    client.post_form(post_url, {"body": "Bonne idée", "language": "fr"})
    (parent,) = comments(session)
    client.post_form(post_url, {"body": "Iè!", "language": "co", "parent_id": str(parent.id)})
    assert [(c.body, c.language) for c in comments(session)] == [
        ("Bonne idée", "fr"),
        ("Iè!", "co"),
    ]
    text = read_in(client, "fr", page).text
    assert '<div class="comment-body"><p>Bonne idée</p></div>' in text
    assert '<div class="comment-body" lang="co"><p>Iè!</p></div>' in text


def test_no_choice_takes_the_page_language(client, make_user, post_url, session) -> None:
    client.sign_in(make_user(email="r@example.test"))
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "co"
    client.post_form(post_url, {"body": CORSICAN})
    assert [c.language for c in comments(session)] == ["co"]


def test_a_language_not_offered_is_refused_and_the_text_kept(
    client, make_user, post_url, session
) -> None:
    client.sign_in(make_user(email="r@example.test"))
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"  # not offered: the page is French
    answer = client.post_form(post_url, {"body": "Mehr Bäume", "language": "de"})
    assert answer.status_code == 422
    assert "Choisissez la langue de votre texte dans la liste." in answer.text
    assert 'id="language-error"' in answer.text and 'aria-invalid="true"' in answer.text
    assert ">Mehr Bäume</textarea>" in answer.text
    assert session.scalar(select(func.count()).select_from(Comment)) == 0


def test_editing_changes_or_keeps_the_language(client, make_user, post_url, session) -> None:
    client.sign_in(make_user(email="r@example.test"))
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "fr"
    client.post_form(post_url, {"body": CORSICAN, "language": "co"})
    (comment,) = comments(session)
    form = client.get(f"/comments/{comment.id}/edit").text
    assert '<option value="co" lang="co" selected>' in form
    # Without the field (as on a one-language site) the stored language stays.
    client.post_form(f"/comments/{comment.id}/edit", {"body": CORSICAN + " Iè."})
    assert [c.language for c in comments(session)] == ["co"]
    # A new language alone is no new version of the words.
    client.post_form(f"/comments/{comment.id}/edit", {"body": CORSICAN + " Iè.", "language": "fr"})
    assert [c.language for c in comments(session)] == ["fr"]
    assert session.scalar(select(func.count()).select_from(Version)) == 1


def test_editing_refuses_a_language_not_offered(client, make_user, post_url, session) -> None:
    client.sign_in(make_user(email="r@example.test"))
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "fr"
    client.post_form(post_url, {"body": CORSICAN, "language": "co"})
    (comment,) = comments(session)
    answer = client.post_form(
        f"/comments/{comment.id}/edit", {"body": "Neue Worte", "language": "de"}
    )
    assert answer.status_code == 422
    assert "Choisissez la langue de votre texte dans la liste." in answer.text
    assert ">Neue Worte</textarea>" in answer.text
    assert [(c.body, c.language) for c in comments(session)] == [(CORSICAN, "co")]


def test_no_field_on_a_one_language_organization(
    client, make_user, post_url, page, session, bilingual
) -> None:
    bilingual.available_locales = ["fr"]
    session.commit()
    client.sign_in(make_user(email="r@example.test"))
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "fr"
    assert 'name="language"' not in client.get(page).text
    client.post_form(post_url, {"body": "Plus d’arbres"})
    (comment,) = comments(session)
    assert comment.language == "fr"
    assert 'name="language"' not in client.get(f"/comments/{comment.id}/edit").text
    assert '<div class="comment-body"><p>Plus d’arbres</p></div>' in client.get(page).text


def test_a_reply_notification_keeps_the_languages_of_the_title_and_the_comment(
    client, make_user, post_url, proposal, session
) -> None:
    """The notification quotes the proposal's title and the comment's first words, each under
    the language it was written in: the notification centre marks them."""
    from pnyx.notifications.models import Notification

    proposal.language = "co"
    session.commit()
    alix = make_user(email="a@example.test")
    client.sign_in(alix)
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "fr"
    client.post_form(post_url, {"body": "Bonne idée", "language": "fr"})
    (parent,) = comments(session)
    client.sign_in(make_user(email="b@example.test"))
    client.post_form(post_url, {"body": CORSICAN, "language": "co", "parent_id": str(parent.id)})
    session.commit()
    [note] = session.scalars(select(Notification).where(Notification.kind == "comments.replied"))
    assert (note.title, note.detail) == ({"co": "More trees"}, {"co": CORSICAN})
    client.sign_in(alix)
    centre = read_in(client, "fr", "/notifications").text
    assert '<span lang="co">More trees</span></a>' in centre
    assert f'<span> — <span lang="co">{CORSICAN}</span></span>' in centre
