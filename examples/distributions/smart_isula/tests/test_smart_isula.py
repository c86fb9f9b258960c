"""Smart Isula as an integrator runs it: migrated, seeded, every page answering, its signature:
French and Corsican throughout, organizations proposing as themselves, minutes linked to the
proposals of their meeting."""

from __future__ import annotations

from sqlalchemy import func, select

from pnyx import api
from pnyx.testing.distributions import SeededInstance, contrast_problems
from pnyx_meetings.models import Meeting
from pnyx_proposals.models import Proposal

SPACE = "/spaces/smart-isula"


def test_seeded_through_the_command_line(smart_isula: SeededInstance) -> None:
    assert "Seeded distribution smart_isula" in smart_isula.seed_output


def test_every_page_answers_for_anonymous_and_a_resident(smart_isula: SeededInstance) -> None:
    smart_isula.check_public_pages()
    smart_isula.check_public_pages(smart_isula.resident)


def test_theme_colours_contrast() -> None:
    from pnyx_dist_smart_isula import distribution

    assert contrast_problems(distribution) == []


def test_the_process_reads_in_corsican_with_corsican_content(
    smart_isula: SeededInstance,
) -> None:
    page = smart_isula.client(locale="co").get(SPACE).text
    assert '<html lang="co"' in page
    assert "Smart Isula : custruì inseme l’isula intelligente" in page  # content
    assert "Cuncustruzzione di e pruposte" in page  # the current phase's title
    assert "Fasa in corsu" in page  # the interface: "Current phase"
    french = smart_isula.client(locale="fr").get(SPACE).text
    assert "Co-construction des propositions" in french and "Phase en cours" in french
    themes = smart_isula.client(locale="co").get(
        f"{SPACE}/proposals/{_component(smart_isula, Proposal)}/"
    )
    assert "Sviluppu di e cumpetenze è amparera" in themes.text


def _component(smart_isula: SeededInstance, model: type) -> int:
    with smart_isula.app.app_context():
        return api.db_session().scalar(select(model.component_id).limit(1))


def _proposal(smart_isula: SeededInstance, title: str) -> tuple[str, int | None]:
    with smart_isula.app.app_context():
        proposal = api.db_session().scalar(select(Proposal).where(Proposal.title == title))
        assert proposal is not None, title
        return f"{SPACE}/proposals/{proposal.component_id}/{proposal.id}/", proposal.user_group_id


def test_what_residents_wrote_in_corsican_is_marked_on_french_pages(
    smart_isula: SeededInstance,
) -> None:
    """WCAG 3.1.2: a screen reader reads the Corsican proposal and comment with Corsican
    sounds on the French page; on the Corsican page nothing needs a mark."""
    title = "Un currettore ortograficu corsu liberu per tutti"
    url, _group = _proposal(smart_isula, title)
    french = smart_isula.client(locale="fr").get(url).text
    assert '<html lang="fr"' in french
    assert f'<span lang="co">{title}</span>' in french
    assert '<div class="proposal-body" lang="co">' in french
    assert french.count('<div class="comment-body" lang="co">') == 1  # Paulu's « Iè ! »
    corsican = smart_isula.client(locale="co").get(url).text
    assert f'<span lang="co">{title}</span>' not in corsican
    assert '<div class="comment-body" lang="fr">' in corsican  # Laetitia's, in French
    french_proposal, _ = _proposal(smart_isula, "Des tiers-lieux numériques dans l’intérieur")
    page = smart_isula.client(locale="fr").get(french_proposal).text
    assert "<span lang=" not in page.split("<main", 1)[1].split("</h1>", 1)[0]


def test_a_proposal_shows_the_association_that_wrote_it(smart_isula: SeededInstance) -> None:
    url, group_id = _proposal(smart_isula, "Un currettore ortograficu corsu liberu per tutti")
    page = smart_isula.client(locale="co").get(url).text
    assert "Associu Lingua Viva" in page
    assert f'href="/groups/{group_id}"' in page
    assert "Accettata : u currettore serà sviluppatu" in page  # the answer, in Corsican
    profile = smart_isula.client(locale="fr").get(f"/groups/{group_id}").text
    assert "Associu Lingua Viva" in profile and "corse dans le numérique" in profile


def test_organizations_of_every_kind_propose(smart_isula: SeededInstance) -> None:
    with smart_isula.app.app_context():
        session = api.db_session()
        kinds = set(
            session.scalars(
                select(api.groups.UserGroup.kind).join(
                    Proposal, Proposal.user_group_id == api.groups.UserGroup.id
                )
            )
        )
        citizens = session.scalar(select(func.count()).where(Proposal.user_group_id.is_(None)))
    assert kinds == {"association", "business", "public_body"}
    assert citizens == 7


def test_maria_may_propose_on_behalf_of_her_association(smart_isula: SeededInstance) -> None:
    component = _component(smart_isula, Proposal)
    form = smart_isula.client(smart_isula.resident, locale="fr").get(
        f"{SPACE}/proposals/{component}/new"
    )
    assert form.status_code == 200
    assert "Associu Lingua Viva" in form.text


def test_minutes_link_the_proposals_that_came_out_of_the_meeting(
    smart_isula: SeededInstance,
) -> None:
    with smart_isula.app.app_context():
        meeting = api.db_session().scalar(
            select(Meeting).where(Meeting.address == "Place Gaffory, 20250 Corte")
        )
        url = f"{SPACE}/meetings/{meeting.component_id}/meetings/{meeting.id}"
    page = smart_isula.client(locale="co").get(url).text
    assert "Attellu in Corti : u numericu in l’internu" in page
    assert "Pruposte nate da l’attellu" in page  # the minutes, in Corsican
    for title in (
        "La fibre optique jusqu’aux hameaux du Centre Corse",
        "Des tiers-lieux numériques dans l’intérieur",
        "Des médiateurs numériques itinérants pour les aînés",
    ):
        proposal_url, _group = _proposal(smart_isula, title)
        assert title in page and f'href="{proposal_url}"' in page


def test_organizations_organize_meetings_and_comment_as_themselves(
    smart_isula: SeededInstance,
) -> None:
    with smart_isula.app.app_context():
        meeting = api.db_session().scalar(
            select(Meeting).where(Meeting.address == "Place Gaffory, 20250 Corte")
        )
        url = f"{SPACE}/meetings/{meeting.component_id}/meetings/{meeting.id}"
        commune = meeting.user_group_id
    page = smart_isula.client(locale="fr").get(url).text
    assert f'<a href="/groups/{commune}">Cumuna di Corti</a>' in page  # organized by
    proposal, _group = _proposal(smart_isula, "Des tiers-lieux numériques dans l’intérieur")
    thread = smart_isula.client(locale="fr").get(proposal).text
    assert "Nous pouvons assurer l’accompagnement des porteurs de projets" in thread
    assert thread.count(">Isula Numerica SCOP</a>") >= 2  # the author, and a comment
