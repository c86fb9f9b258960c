"""Changer Lyon as an integrator runs it: migrated, seeded, every page answering, its
signature: thematic assemblies with a working group, workshops whose minutes link the proposals
written there, debates, and the Appel's articles open for comments."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from pnyx import api
from pnyx.testing.distributions import SeededInstance, contrast_problems
from pnyx_meetings.models import Meeting, Minutes
from pnyx_proposals.amendments.models import Amendment
from pnyx_proposals.models import Proposal

ECOLOGY = "/spaces/assemblee-ecologie"
APPEL = "/spaces/appel-a-changer-lyon"


def test_seeded_through_the_command_line(changer_lyon: SeededInstance) -> None:
    assert "Seeded distribution changer_lyon" in changer_lyon.seed_output


def test_every_page_answers_for_anonymous_and_a_resident(changer_lyon: SeededInstance) -> None:
    changer_lyon.check_public_pages()
    changer_lyon.check_public_pages(changer_lyon.resident)


def test_theme_colours_contrast() -> None:
    from pnyx_dist_changer_lyon import distribution

    assert contrast_problems(distribution) == []


def test_assemblies_are_thematic_and_one_has_a_working_group(
    changer_lyon: SeededInstance,
) -> None:
    directory = changer_lyon.client(locale="en").get("/assemblies/").text
    for title in (
        "Ecology and climate assembly",
        "Getting around assembly",
        "Housing and solidarity assembly",
    ):
        assert title in directory
    ecology = changer_lyon.client(locale="en").get(ECOLOGY).text
    assert "Thematic assembly" in ecology
    assert 'href="/spaces/groupe-cours-oasis"' in ecology  # its sub-assembly
    assert "Hélène Bertrand" in ecology  # a member, with her position
    group = changer_lyon.client(locale="en").get("/spaces/groupe-cours-oasis").text
    assert "Working group" in group and "Ecology and climate assembly" in group


def test_a_workshop_s_minutes_link_the_proposals_written_there(
    changer_lyon: SeededInstance,
) -> None:
    with changer_lyon.app.app_context():
        session = api.db_session()
        meeting = session.scalar(
            select(Meeting)
            .join(Minutes, Minutes.meeting_id == Meeting.id)
            .join(api.Component, api.Component.id == Meeting.component_id)
            .join(api.Space, api.Space.id == api.Component.space_id)
            .where(api.Space.slug == "assemblee-ecologie")
        )
        url = f"{ECOLOGY}/meetings/{meeting.component_id}/meetings/{meeting.id}"
        titles = list(
            session.scalars(
                select(Proposal.title)
                .join(api.Component, api.Component.id == Proposal.component_id)
                .join(api.Space, api.Space.id == api.Component.space_id)
                .where(api.Space.slug == "assemblee-ecologie")
            )
        )
    page = changer_lyon.client(locale="en").get(url).text
    assert "Workshop: cool islands in every neighbourhood" in page
    assert "What came out" in page  # the minutes
    assert len(titles) == 3
    for title in titles:
        assert title in page
    proposal = re.search(rf'href="({ECOLOGY}/proposals/\d+/\d+/)"', page)
    assert proposal is not None
    comments = changer_lyon.client(locale="en").get(proposal.group(1)).text
    assert "Très bonne idée, issue d’un vrai travail collectif." in comments


def test_a_debate_shows_its_arguments(changer_lyon: SeededInstance) -> None:
    space = changer_lyon.client(locale="en").get(ECOLOGY).text
    debates = re.search(rf'href="({ECOLOGY}/comments_debates/\d+/)"', space)
    assert debates is not None
    listing = changer_lyon.client(locale="en").get(debates.group(1)).text
    debate = re.search(rf'href="({ECOLOGY}/comments_debates/\d+/\d+)"', listing)
    assert debate is not None
    page = changer_lyon.client(locale="en").get(debate.group(1)).text
    assert "Should oil boilers be banned by 2030?" in page
    assert "Oui, avec une aide forte pour les ménages modestes." in page
    assert "Non : beaucoup de copropriétés n’ont aucune alternative prête." in page


def test_the_appel_is_a_participatory_text_whose_articles_residents_comment(
    changer_lyon: SeededInstance,
) -> None:
    space = changer_lyon.client(locale="fr").get(APPEL).text
    assert "Commentaires et amendements" in space  # the current phase
    listing = re.search(rf'href="({APPEL}/proposals/\d+/)"', space)
    assert listing is not None
    text_url = listing.group(1) + "text/"
    assert f'href="{text_url}"' in changer_lyon.client(locale="fr").get(listing.group(1)).text
    text = changer_lyon.client(locale="fr").get(text_url).text
    assert "Version 1" in text
    for title in ("Titre I — Décider ensemble", "Titre II — Vivre la ville"):
        assert title in text  # the sections
    for number in range(1, 6):
        assert f"Article {number} —" in text
    article = re.search(rf'href="({listing.group(1)}\d+/)"', text)
    assert article is not None
    resident = changer_lyon.client(changer_lyon.resident, locale="fr")
    page = resident.get(article.group(1)).text
    assert "Un article du texte participatif" in page and f'href="{text_url}#article-' in page
    assert "<textarea" in page  # the resident may comment
    assert "D’accord, à condition que les décisions des assemblées" in page
    # Articles are commented and amended, not added to.
    assert "Ce n’est pas possible pendant la phase en cours." in page


def test_residents_amend_the_appel_s_articles(changer_lyon: SeededInstance) -> None:
    with changer_lyon.app.app_context():
        session = api.db_session()
        amended = session.scalar(select(Proposal).where(Proposal.title.like("Article 2 %")))
        listing = f"{APPEL}/proposals/{amended.component_id}/"
        url = f"{listing}{amended.id}/"
        assert amended.authorship == "official" and amended.version == 2
        states = dict(
            session.execute(select(Amendment.state, func.count()).group_by(Amendment.state)).all()
        )
    assert states == {"accepted": 1, "pending": 2, "rejected": 1}
    resident = changer_lyon.client(changer_lyon.resident, locale="fr")
    page = resident.get(url).text
    assert "Changer Lyon" in page  # the organization's article, not a person's
    assert "en moins de dix minutes, et cinq en 2030" in page  # the accepted amendment
    amendment = re.search(rf'href="({url}amendments/\d+/)"', page)
    assert amendment is not None
    diff = resident.get(amendment.group(1)).text
    assert "<ins" in diff and "<del" in diff  # the words changed, marked
    assert resident.get(url + "amend").status_code == 200  # the resident may amend
    text = changer_lyon.client(locale="fr").get(listing + "text/").text
    assert "Version 2" in text and "en moins de dix minutes" in text


def test_workshop_proposals_come_from_the_workshop(changer_lyon: SeededInstance) -> None:
    with changer_lyon.app.app_context():
        proposal = api.db_session().scalar(
            select(Proposal).where(Proposal.title == "Un banc tous les cent mètres")
        )
        assert proposal.authorship == "meeting" and proposal.author_id is None
        url = f"/spaces/assemblee-mobilites/proposals/{proposal.component_id}/{proposal.id}/"
    page = changer_lyon.client(locale="en").get(url).text
    assert "Workshop: a calmer Presqu’île" in page
