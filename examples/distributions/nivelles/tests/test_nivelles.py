"""Nivelles as an integrator runs it: migrated, seeded, every page answering, its signature:
documents to read, public results with their figures, a paper opinion that counts."""

from __future__ import annotations

import re

from sqlalchemy import func, select
from werkzeug.datastructures import MultiDict

from pnyx import api
from pnyx.models import ActionLog
from pnyx.testing import PnyxClient
from pnyx.testing.crawl import Form, parse_page
from pnyx.testing.distributions import SeededInstance, contrast_problems

SPACE = "/spaces/accueil-services-communaux"


def component_url(instance: SeededInstance, kind: str) -> str:
    page = instance.client(locale="en").get(SPACE).text
    return re.search(rf'href="({SPACE}/{kind}/\d+/)"', page).group(1)  # type: ignore[union-attr]


def figures(instance: SeededInstance) -> dict[str, str]:
    """The survey results' figures, as anyone reads them: participants, written, last update."""
    page = instance.client(locale="en").get(component_url(instance, "surveys") + "results")
    assert page.status_code == 200
    block = re.search(r'<dl class="survey-figures">(.*?)</dl>', page.text, re.S).group(1)  # type: ignore[union-attr]
    pairs = re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", block, re.S)
    return {term: re.sub(r"<[^>]+>", "", value).strip() for term, value in pairs}


def test_seeded_through_the_command_line(nivelles: SeededInstance) -> None:
    assert "Seeded distribution nivelles" in nivelles.seed_output


def test_every_page_answers_for_anonymous_and_a_resident(nivelles: SeededInstance) -> None:
    nivelles.check_public_pages()
    nivelles.check_public_pages(nivelles.resident)


def test_theme_colours_contrast() -> None:
    from pnyx_dist_nivelles import distribution

    assert contrast_problems(distribution) == []


def test_theme_logo_and_colours_are_served(nivelles: SeededInstance) -> None:
    client = nivelles.client()
    home = client.get("/").text
    assert 'src="/static/nivelles/logo.svg" alt=""' in home
    assert 'href="/static/theme.css"' in home
    logo = client.get("/static/nivelles/logo.svg")
    assert logo.status_code == 200 and b"<svg" in logo.data


def test_belgian_organization_in_brussels_time(nivelles: SeededInstance) -> None:
    with nivelles.app.app_context():
        organization = api.db_session().scalar(select(api.Organization))
        assert organization.time_zone == "Europe/Brussels"
        assert organization.default_locale == "fr"
    home = nivelles.client().get("/", headers={"Accept-Language": "fr-BE"}).text
    assert '<html lang="fr">' in home and "Ville de Nivelles" in home


def test_the_documents_can_be_read_by_anyone(nivelles: SeededInstance) -> None:
    client = nivelles.client(locale="fr")
    page = client.get(component_url(nivelles, "pages") + "documents").text
    assert "Charte d’accueil de l’administration communale" in page
    files = re.findall(r'href="(/files/[0-9a-f]+\.pdf)"', page)
    assert len(set(files)) == 2
    for path in set(files):
        document = client.get(path)
        assert document.status_code == 200 and document.content_type == "application/pdf"
        assert document.data.startswith(b"%PDF-1.4") and b"Nivelles" in document.data


def test_results_are_public_with_participants_contributions_votes_and_date(
    nivelles: SeededInstance,
) -> None:
    shown = figures(nivelles)
    assert shown["Participants"] == "57"  # 46 online, 11 on paper
    assert int(shown["Written contributions"]) >= 10
    assert re.match(r"\w+ \d+, 20\d\d", shown["Last updated on"])
    statistics = nivelles.client(locale="en").get(f"{SPACE}/statistics").text
    assert "Supports" in statistics and "Last updated on" in statistics
    suggestions = nivelles.client(locale="en").get(component_url(nivelles, "proposals")).text
    assert "Une boucle magnétique au guichet d’accueil" in suggestions


def fill(form: Form) -> list[tuple[str, str]]:
    """The form as sent with the first option of every choice ticked, by its last button
    ("Next", then "Send": "Previous" comes first on the second page)."""
    buttons = [c for c in form.controls if c.type == "submit" and c.name]
    pressed = {(c.name, c.value) for c in buttons}
    data = [pair for pair in form.default_data() if pair[0] and pair not in pressed]
    ticked = {name for name, _value in data}
    for control in form.controls:
        if control.type in ("radio", "checkbox") and control.name not in ticked:
            data.append((control.name, control.value))
            ticked.add(control.name)
    return [*data, (buttons[-1].name, buttons[-1].value)] if buttons else data


def answer_every_page(client: PnyxClient, url: str) -> int:
    """Answer a survey page after page; the status of the last answer (a redirect: done)."""
    response = client.get(url)
    for _page in range(5):
        assert response.status_code == 200, response.status_code
        _links, forms = parse_page(f"http://localhost{url}", response.text)
        form = next(f for f in forms if f.method == "post" and f.action.endswith("/answer"))
        path = form.action.removeprefix("http://localhost")
        response = client.post(path, data=MultiDict(fill(form)))
        if response.status_code == 302:
            return 302
    return response.status_code


def test_a_paper_opinion_entered_by_the_reception_service_counts(
    nivelles: SeededInstance,
) -> None:
    with nivelles.app.app_context():
        managed = api.db_session().scalars(select(api.User).where(api.User.managed)).all()
        logged = api.db_session().scalar(
            select(func.count())
            .select_from(ActionLog)
            .where(ActionLog.action == "pnyx.participant.created")
        )
    assert len(managed) == 11 and logged == 11
    before = int(figures(nivelles)["Participants"])
    desk = nivelles.client("accueil@nivelles.pnyx.test", locale="en")
    created = desk.post_form("/assisted/participants/new", {"name": "Germaine Paquet"})
    assert created.status_code == 302
    with nivelles.app.app_context():
        participant = api.db_session().scalar(
            select(api.User.id).where(api.User.name == "Germaine Paquet")
        )
    survey = component_url(nivelles, "surveys")
    acting = desk.post_form(f"/assisted/participants/{participant}/act", {"next": survey})
    assert acting.status_code == 302
    assert answer_every_page(desk, survey + "answer") == 302
    assert int(figures(nivelles)["Participants"]) == before + 1


def test_residents_comment_a_suggestion_and_the_reception_service_answers(
    nivelles: SeededInstance,
) -> None:
    suggestions = component_url(nivelles, "proposals")
    listing = nivelles.client(locale="fr").get(suggestions).text
    path = re.search(rf'href="({re.escape(suggestions)}\d+/)"[^>]*>Une boucle magnétique', listing)
    assert path is not None
    page = nivelles.client(locale="fr").get(path.group(1)).text
    assert "Mon mari est appareillé" in page and "une boucle portative" in page
