"""Posts: writing one, the categories, expiry and renewal, the lifecycle, the list's filters."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from pnyx import api
from pnyx_mutual_aid.models import AidCategory, AidPost

#: Availability windows start from here, so the tests do not age.
SOON = dt.date.today() + dt.timedelta(days=3)


def category_id(session, board, code: str = "shopping") -> int:
    client_categories = session.scalars(
        select(AidCategory).where(AidCategory.component_id == board.id, AidCategory.code == code)
    )
    return next(iter(client_categories)).id


def test_a_resident_posts_a_request_with_a_territory_and_a_window(
    client, session, board, url, make_user, territories
) -> None:
    client.sign_in(make_user(name="Odette"))
    form = client.get(url + "posts/new?kind=request")
    assert form.status_code == 200
    assert "never your address" in form.text
    response = client.post_form(
        url + "posts/new",
        {
            "kind": "request",
            "category": str(category_id(session, board)),
            "territory": str(territories["doutre"].id),
            "title": "Shopping on Thursdays",
            "body": "I cannot go out: who could do my shopping on Thursdays?",
            "available_from": str(SOON),
            "available_until": str(SOON + dt.timedelta(days=14)),
        },
    )
    assert response.status_code == 302
    post = session.scalar(select(AidPost))
    assert (post.kind, post.status, post.territory_id) == (
        "request",
        "open",
        territories["doutre"].id,
    )
    assert post.available_until == SOON + dt.timedelta(days=14)
    # Expires after the component's default 14 days.
    assert dt.timedelta(days=13) < post.expires_at - api.utcnow() <= dt.timedelta(days=14)
    page = client.get(response.headers["Location"]).text
    assert "Shopping on Thursdays" in page and "Request for help" in page


def test_the_form_says_what_is_wrong(client, session, board, url, make_user, territories) -> None:
    client.sign_in(make_user())
    response = client.post_form(
        url + "posts/new",
        {
            "kind": "request",
            "category": "",
            "title": "x",
            "body": "",
            "available_from": str(SOON + dt.timedelta(days=14)),
            "available_until": str(SOON),
        },
    )
    assert response.status_code == 400
    assert 'role="alert"' in response.text
    assert session.scalar(select(AidPost)) is None


def test_an_availability_already_over_is_refused(
    client, session, board, url, make_user, territories
) -> None:
    """A request for help whose window ended last year was published open."""
    client.sign_in(make_user())
    client.get(url + "posts/new?kind=request")  # the board's categories, made on first use
    today = dt.date.today()
    data = {
        "kind": "request",
        "category": str(category_id(session, board)),
        "territory": str(territories["doutre"].id),
        "title": "A lift to the station",
        "body": "Who could take me to the station with my suitcase?",
        "available_from": str(today - dt.timedelta(days=30)),
        "available_until": str(today - dt.timedelta(days=2)),
    }
    refused = client.post_form(url + "posts/new", data)
    assert refused.status_code == 400
    assert "This date has passed" in refused.text
    assert "A lift to the station" in refused.text  # what was typed is kept
    assert session.scalar(select(AidPost)) is None
    # Ending today (or later) is fine.
    data["available_until"] = str(today + dt.timedelta(days=1))
    assert client.post_form(url + "posts/new", data).status_code == 302


def test_the_same_post_sent_again_is_not_published_twice(
    client, session, board, url, make_user, territories
) -> None:
    """The back button brings the sent form back filled in: sending it again published the
    post a second time."""
    client.sign_in(make_user())
    client.get(url + "posts/new?kind=offer")  # the board's categories, made on first use
    data = {
        "kind": "offer",
        "category": str(category_id(session, board)),
        "territory": str(territories["doutre"].id),
        "title": "I lend my ladder",
        "body": "A three-metre ladder, to fetch at the Doutre.",
    }
    first = client.post_form(url + "posts/new", data)
    again = client.post_form(url + "posts/new", data)
    assert again.status_code == 302 and again.location == first.location
    assert len(session.scalars(select(AidPost)).all()) == 1
    assert "This post is already up." in client.get(again.location).text
    # From a new drawing of the form (a new one-time token): the lookup, not the token.
    fresh = client.post_form(url + "posts/new", {**data, "submission_token": "A-new-drawing-01234"})
    assert fresh.location == first.location
    assert client.post_form(url + "posts/new", {**data, "kind": "request"}).status_code == 302
    assert len(session.scalars(select(AidPost)).all()) == 2


def test_categories_are_seeded_translated_and_staff_edit_them(
    client, session, board, make_user
) -> None:
    admin = make_user(roles=["admin"])
    client.sign_in(admin)
    admin_url = f"/admin/spaces/{board.space.slug}/mutual_aid/{board.id}/"
    page = client.get(admin_url)
    assert page.status_code == 200 and "Company and phone calls" in page.text
    pets = session.scalar(select(AidCategory).where(AidCategory.code == "pets"))
    assert pets.name["fr"] == "Animaux" and pets.name["en"] == "Pets"
    response = client.post_form(
        admin_url + "categories/pets",
        {"name.fr": "Animaux de compagnie", "name.en": "Pets", "archived": "y"},
    )
    assert response.status_code == 302
    session.refresh(pets)
    assert pets.name["fr"] == "Animaux de compagnie" and pets.archived
    response = client.post_form(
        admin_url + "categories", {"code": "masks", "name.fr": "Masques", "name.en": "Masks"}
    )
    assert response.status_code == 302
    new_form = client.get(f"/spaces/{board.space.slug}/mutual_aid/{board.id}/posts/new").text
    assert "Masks" in new_form and "Pets" not in new_form


def test_a_space_moderator_does_not_edit_categories(client, board, make_user) -> None:
    client.sign_in(make_user(space_roles={board.space: "moderator"}))
    admin_url = f"/admin/spaces/{board.space.slug}/mutual_aid/{board.id}/"
    assert client.get(admin_url).status_code == 403
    assert client.get(admin_url + "moderation").status_code == 200


def test_the_author_renews_marks_matched_and_withdraws(
    client, session, url, make_user, make_post
) -> None:
    author = make_user()
    post = make_post(author, expires_at=api.utcnow() - dt.timedelta(days=1))
    client.sign_in(author)
    assert client.post_form(url + f"posts/{post.id}/renew").status_code == 302
    session.refresh(post)
    assert post.expires_at > api.utcnow() + dt.timedelta(days=13)
    client.post_form(url + f"posts/{post.id}/status", {"status": "matched"})
    session.refresh(post)
    assert post.status == "matched" and post.matched_at is not None
    client.post_form(url + f"posts/{post.id}/status", {"status": "withdrawn"})
    session.refresh(post)
    assert post.status == "withdrawn"
    client.sign_in(make_user())
    assert client.get(url + f"posts/{post.id}").status_code == 404


def test_someone_else_cannot_change_a_post(client, session, url, make_user, make_post) -> None:
    post = make_post(make_user())
    client.sign_in(make_user())
    assert (
        client.post_form(url + f"posts/{post.id}/status", {"status": "withdrawn"}).status_code
        == 403
    )
    assert client.post_form(url + f"posts/{post.id}/renew").status_code == 403
    session.refresh(post)
    assert post.status == "open"


def test_the_list_filters_by_kind_category_territory_and_open(
    client, url, make_user, make_post, territories
) -> None:
    someone = make_user()
    make_post(someone, "offer", "tools", territories["doutre"], title="Drill to lend")
    make_post(someone, "request", "pets", territories["tours"], title="Walk my dog")
    make_post(
        someone,
        "request",
        "shopping",
        territories["monplaisir"],
        title="Old request",
        expires_at=api.utcnow() - dt.timedelta(hours=1),
    )
    make_post(someone, "offer", "company", None, title="Matched offer", status="matched")
    page = client.get(url).text
    assert "Drill to lend" in page and "Walk my dog" in page
    assert "Old request" not in page and "Matched offer" not in page
    assert "Walk my dog" not in client.get(url + "?kind=offer").text
    angers = client.get(url + f"?territory={territories['angers'].id}").text
    assert "Drill to lend" in angers and "Walk my dog" not in angers
    everything = client.get(url + "?all=1").text
    assert "Old request" in everything and "Matched offer" in everything


def test_near_me_uses_the_verified_residence(
    client, session, url, make_user, make_post, territories
) -> None:
    someone = make_user()
    make_post(someone, "offer", "tools", territories["doutre"], title="Drill to lend")
    make_post(someone, "request", "pets", territories["tours"], title="Walk my dog")
    resident = make_user()
    api.verification.grant(
        session, resident, "residence", {"territory_id": territories["doutre"].id}
    )
    session.commit()
    client.sign_in(resident)
    page = client.get(url).text
    assert "Near me" in page
    near = client.get(url + "?near=1").text
    assert "Drill to lend" in near and "Walk my dog" not in near
    # Without a verified residence the filter is not offered and changes nothing.
    client.sign_in(make_user())
    page = client.get(url + "?near=1").text
    assert "Near me" not in page and "Walk my dog" in page


def test_expire_command_closes_posts_past_their_date(
    cli_runner, session, make_user, make_post
) -> None:
    old = make_post(make_user(), expires_at=api.utcnow() - dt.timedelta(minutes=5))
    fresh = make_post(make_user())
    result = cli_runner.invoke(args=["mutual-aid", "expire"])
    assert result.exit_code == 0, result.output
    assert "1 post(s) expired." in result.output
    session.refresh(old)
    session.refresh(fresh)
    assert (old.status, fresh.status) == ("expired", "open")
