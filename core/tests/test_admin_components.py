"""Components in the admin area: add a type, edit, settings per phase, delete."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from pnyx.models import ActionLog, Component
from pnyx.settings import current_settings


@pytest.fixture
def pnyx_plugins(fake_plugins):
    fake_plugins(folder="admin_plugins", keeper="pnyx_keeper.plugin")
    return ["keeper"]


@pytest.fixture
def admin(client, make_user, make_organization):
    make_organization()
    user = make_user(roles=["admin"])
    client.sign_in(user)
    return user


@pytest.fixture
def keeper(make_space, make_component):
    space = make_space(slug="p", steps=["Idées", "Vote"], active=0)
    return make_component(space, "keeper", name={"fr": "Gardien"}, published=False)


def settings_url(component: Component, tab: str | None = None) -> str:
    url = f"/admin/components/{component.id}/settings"
    return f"{url}?tab={tab}" if tab else url


GLOBAL = {
    "global.max_items": "25",
    "global.budget": "1500,50",
    "global.opens_on": "2026-09-01",
    "global.mode": "ranked",
    "global.themes": ["parks", "roads"],
    "global.intro.fr": "Bienvenue",
}


def test_add_a_component_of_a_registered_type(client, session, make_space, admin) -> None:
    make_space(slug="p")
    form = client.get("/admin/spaces/p/components/new").get_data(as_text=True)
    assert 'type="radio" id="f-type-0" name="type" value="keeper"' in form
    assert "Keeps items." in form
    response = client.post_form("/admin/spaces/p/components/new", {"type": "keeper"})
    component = session.scalar(select(Component))
    assert response.headers["Location"].endswith(f"/admin/components/{component.id}")
    # No name given: the type's label, in every language of the site.
    assert component.name == {"fr": "Keeper", "en": "Keeper"}
    assert not component.published
    assert component.settings["global"]["max_items"] == 10
    log = session.scalar(select(ActionLog))
    assert (log.action, log.component_id) == ("pnyx.component.create", component.id)
    bad = client.post_form("/admin/spaces/p/components/new", {"type": "nothing"})
    assert bad.status_code == 400


def test_the_component_page_links_to_everything(client, keeper, admin) -> None:
    page = client.get(f"/admin/components/{keeper.id}").get_data(as_text=True)
    assert f'href="/admin/components/{keeper.id}/settings"' in page
    assert f'href="/admin/components/{keeper.id}/permissions"' in page
    assert f'href="/admin/spaces/p/keeper/{keeper.id}/"' in page  # the type's admin pages
    assert f'href="/spaces/p/keeper/{keeper.id}/"' in page  # the public page
    assert (
        client.get(f"/admin/spaces/p/keeper/{keeper.id}/").get_data(as_text=True) == "keeper admin"
    )


def test_edit_name_order_and_publish(client, session, keeper, admin) -> None:
    response = client.post_form(
        f"/admin/components/{keeper.id}",
        {"name.fr": "Boîte", "name.en": "Box", "weight": "4", "published": "true"},
        follow_redirects=True,
    )
    assert "saved and published" in response.get_data(as_text=True)
    session.refresh(keeper)
    assert (keeper.name, keeper.weight, keeper.published) == ({"fr": "Boîte", "en": "Box"}, 4, True)
    bad = client.post_form(f"/admin/components/{keeper.id}", {"name.fr": "", "weight": "-1"})
    page = bad.get_data(as_text=True)
    assert bad.status_code == 400
    assert 'id="f-weight-error">Enter a number from 0 to 10000.' in page
    assert 'id="f-name-fr-error">' in page


def test_settings_have_a_tab_per_level(client, keeper, admin) -> None:
    page = client.get(settings_url(keeper)).get_data(as_text=True)
    idees, vote = keeper.space.steps
    for tab in ("global", "default", f"step-{idees.id}", f"step-{vote.id}"):
        assert f'href="{settings_url(keeper, tab)}"' in page
    assert 'aria-current="page">General' in page
    assert "Phase: Idées (current)" in page
    assert 'name="global.max_items"' in page and 'name="global.intro.fr"' in page
    assert client.get(settings_url(keeper, "step-999")).status_code == 404


def test_global_settings_are_saved(client, session, keeper, admin) -> None:
    response = client.post_form(settings_url(keeper, "global"), GLOBAL)
    assert response.headers["Location"].endswith(settings_url(keeper, "global"))
    session.refresh(keeper)
    assert keeper.settings["global"] == {
        "max_items": 25,
        "budget": "1500.50",
        "opens_on": "2026-09-01",
        "mode": "ranked",
        "themes": ["parks", "roads"],
        "intro": {"fr": "Bienvenue"},
        "locked": False,
    }
    page = client.get(settings_url(keeper, "global")).get_data(as_text=True)
    assert 'value="25"' in page and '<option value="ranked" selected>Ranked</option>' in page
    assert 'value="parks" checked' in page and "Bienvenue</textarea>" in page
    log = session.scalars(select(ActionLog).where(ActionLog.action == "pnyx.component.settings"))
    assert [entry.extra["level"] for entry in log] == ["global"]


def test_setting_errors_are_shown_next_to_each_field(client, session, keeper, admin) -> None:
    data = {**GLOBAL, "global.max_items": "500", "global.mode": "random", "global.opens_on": "soon"}
    response = client.post_form(settings_url(keeper, "global"), data)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'id="f-global-max_items-error">Enter a number from 1 to 100.' in page
    assert 'id="f-global-opens_on-error">Enter a date as year-month-day' in page
    assert 'value="500"' in page and 'value="soon"' in page  # what was typed stays
    assert '<a href="#f-global-max_items">' in page
    session.refresh(keeper)
    assert keeper.settings["global"]["max_items"] == 10


def test_a_phase_gets_its_own_settings_and_can_give_them_back(
    client, session, keeper, admin
) -> None:
    _idees, vote = keeper.space.steps
    page = client.get(settings_url(keeper, f"step-{vote.id}")).get_data(as_text=True)
    assert "uses the settings for all phases" in page
    assert "Add an item: <strong>not allowed</strong>" in page
    client.post_form(
        settings_url(keeper, f"step-{vote.id}"), {f"steps.{vote.id}.items_enabled": "true"}
    )
    session.refresh(keeper)
    assert keeper.settings["steps"][str(vote.id)] == {"items_enabled": True, "announcement": ""}
    assert not current_settings(keeper).get("items_enabled")  # Idées is the current phase
    page = client.get(settings_url(keeper, f"step-{vote.id}")).get_data(as_text=True)
    assert "has settings of its own" in page and "Add an item: <strong>allowed</strong>" in page
    # Issue 10 item 2: the reset sits below the form and asks first, naming what happens.
    assert page.index("Save these settings") < page.index("/reset")
    reset_url = f"/admin/components/{keeper.id}/settings/steps/{vote.id}/reset"
    asked = client.post_form(reset_url)
    assert asked.status_code == 200 and 'name="confirmed" value="yes"' in asked.get_data(
        as_text=True
    )
    session.refresh(keeper)
    assert str(vote.id) in keeper.settings["steps"]
    client.post_form(reset_url, {"confirmed": "yes"})
    session.refresh(keeper)
    assert keeper.settings["steps"] == {}


def test_switching_on_an_irreversible_setting_asks_first(client, session, keeper, admin) -> None:
    """A field whose metadata has ``confirm`` (closing a vote) is saved after a confirmation
    step that names its consequence and re-posts the same values."""
    data = {**GLOBAL, "global.locked": "on"}
    asked = client.post_form(settings_url(keeper, "global"), data)
    page = asked.get_data(as_text=True)
    assert asked.status_code == 200
    assert "Nobody can add an item once it is locked." in page
    assert 'name="global.locked" value="on"' in page
    session.refresh(keeper)
    assert not keeper.settings["global"]["locked"]
    assert (
        client.post_form(settings_url(keeper, "global"), {**data, "confirmed": "yes"}).status_code
        == 302
    )
    session.refresh(keeper)
    assert keeper.settings["global"]["locked"] is True
    # Saving again with it already on asks nothing.
    assert client.post_form(settings_url(keeper, "global"), data).status_code == 302


def test_default_phase_settings_apply_to_phases_without_their_own(
    client, session, keeper, admin
) -> None:
    client.post_form(settings_url(keeper, "default"), {"default_step.items_enabled": "true"})
    session.refresh(keeper)
    assert current_settings(keeper).get("items_enabled") is True


def test_delete_is_refused_while_the_type_says_so(client, session, keeper, admin) -> None:
    keeper_id = keeper.id
    locked = {**GLOBAL, "global.locked": "true", "confirmed": "yes"}
    client.post_form(settings_url(keeper, "global"), locked)
    confirm = client.get(f"/admin/components/{keeper.id}/delete").get_data(as_text=True)
    assert "This keeper is locked." in confirm
    assert client.post_form(f"/admin/components/{keeper.id}/delete").status_code == 409
    client.post_form(settings_url(keeper, "global"), GLOBAL)  # unlocked
    response = client.post_form(f"/admin/components/{keeper.id}/delete")
    assert response.headers["Location"].endswith("/admin/spaces/p")
    assert session.scalar(select(Component)) is None
    deleted = session.scalar(select(ActionLog).where(ActionLog.action == "pnyx.component.delete"))
    assert deleted.extra == {"component_id": keeper_id, "type": "keeper"}


def test_the_space_page_lists_components(client, keeper, admin) -> None:
    page = client.get("/admin/spaces/p").get_data(as_text=True)
    assert "Gardien" in page and "Add a component" in page
    assert f'href="/admin/components/{keeper.id}/settings"' in page


def test_dates_in_settings_are_shown_back(client, keeper, admin) -> None:
    client.post_form(settings_url(keeper, "global"), GLOBAL)
    page = client.get(settings_url(keeper, "global")).get_data(as_text=True)
    assert f'value="{dt.date(2026, 9, 1).isoformat()}"' in page
    assert 'value="1500.50"' in page
