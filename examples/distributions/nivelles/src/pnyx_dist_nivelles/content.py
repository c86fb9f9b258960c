"""Nivelles' consultation: read, answer online or on paper, see the results as they come.

One process, three phases relative to the day of seeding: information (documents online and at
the Town Hall), the consultation (open today, online and on paper), then analysis and the
communal council's answer. Its components: pages to read (with PDF documents), the
questionnaire (results public from the start, as Nivelles showed them: participants, written
contributions, last update) and suggestions residents support (the votes).
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from sqlalchemy.orm import Session
from werkzeug.datastructures import FileStorage

from pnyx import api
from pnyx_dist_nivelles import answers, documents

SPACE = "accueil-services-communaux"
DAY = dt.timedelta(days=1)
#: Nivelles and the former communes merged into it in 1977 (its sections).
SECTIONS = (
    ("25072", "Nivelles"),
    ("25072-baulers", "Baulers"),
    ("25072-bornival", "Bornival"),
    ("25072-monstreux", "Monstreux"),
    ("25072-thines", "Thines"),
)
THEMES = (
    ("reception", "Accueil au guichet", "Reception at the desk"),
    ("hours", "Horaires", "Opening hours"),
    ("online", "Démarches en ligne", "Online procedures"),
    ("accessibility", "Accessibilité", "Accessibility"),
)


def seed_nivelles(session: Session, today: dt.date) -> None:
    sections, themes = taxonomy(session)
    space = process(session, today)
    reading = component(session, space, "pages", {"fr": "À lire", "en": "To read"})
    pages(session, reading)
    survey = component(session, space, "surveys", {"fr": "Questionnaire", "en": "Questionnaire"})
    answers.questionnaire(session, survey, today)
    survey.settings = survey_settings(space)
    ideas = component(
        session, space, "proposals", {"fr": "Vos suggestions", "en": "Your suggestions"}
    )
    answers.suggestions(session, ideas, sections, themes, today)
    ideas.settings = suggestion_settings(space, ideas.settings)
    session.flush()


def taxonomy(
    session: Session,
) -> tuple[list[api.TaxonomyTerm], dict[str, api.TaxonomyTerm]]:
    city = api.TaxonomyTerm(kind="territory", code=SECTIONS[0][0], name={"fr": SECTIONS[0][1]})
    session.add(city)
    session.flush()
    sections = [city]
    for code, name in SECTIONS[1:]:
        term = api.TaxonomyTerm(kind="territory", code=code, name={"fr": name}, parent_id=city.id)
        session.add(term)
        sections.append(term)
    themes = {}
    for position, (code, fr, en) in enumerate(THEMES):
        themes[code] = api.TaxonomyTerm(
            kind="theme", code=code, name={"fr": fr, "en": en}, position=position
        )
        session.add(themes[code])
    session.flush()
    return sections, themes


def process(session: Session, today: dt.date) -> api.Space:
    phases = (
        (
            {"fr": "Information", "en": "Information"},
            {
                "fr": "Les documents sont en ligne, et sur papier à l’accueil de l’Hôtel de Ville.",
                "en": "The documents are online and at the Town Hall's reception desk.",
            },
            today - 45 * DAY,
            today - 31 * DAY,
        ),
        (
            {"fr": "Consultation en ligne et sur papier", "en": "Consultation online and on paper"},
            {
                "fr": "Répondez en ligne, ou remplissez le questionnaire papier au guichet : "
                "le service Accueil l’encode pour vous.",
                "en": "Answer online, or fill in the paper questionnaire at the desk: the "
                "reception service enters it for you.",
            },
            today - 30 * DAY,
            today + 14 * DAY,
        ),
        (
            {"fr": "Analyse et réponse du Collège", "en": "Analysis and the council's answer"},
            {
                "fr": "Les services analysent les avis ; le Collège communal publie ses "
                "engagements.",
                "en": "The services analyse the opinions; the municipal executive publishes "
                "its commitments.",
            },
            today + 15 * DAY,
            None,
        ),
    )
    space = api.Space(
        type="process",
        slug=SPACE,
        title={
            "fr": "Consultation : l’accueil des citoyens dans les services communaux",
            "en": "Consultation: how the communal services receive residents",
        },
        description={
            "fr": "Population, état civil, urbanisme, taxes… Comment l’administration "
            "communale vous accueille-t-elle, au guichet, au téléphone et en ligne\u202f? "
            "Donnez votre avis en ligne ou sur papier : les résultats sont publics.",
            "en": "Population, civil registry, planning, taxes… How does the communal "
            "administration receive you, at the desk, on the phone and online? Give your "
            "opinion online or on paper: the results are public.",
        },
        published=True,
    )
    for position, (title, description, start, end) in enumerate(phases):
        step = api.Step(
            position=position,
            title=title,
            description=description,
            start_date=start,
            end_date=end,
        )
        step.active = start <= today and (end is None or today <= end)
        step.activated_at = api.utcnow() if step.active else None
        space.steps.append(step)
    session.add(space)
    session.flush()
    return space


def component(session: Session, space: api.Space, kind: str, name: dict) -> api.Component:
    found = api.Component(
        space=space,
        type=kind,
        name=name,
        weight=len(space.components),
        published=True,
        settings=api.validate_settings(api.component_type(kind), {}),
    )
    session.add(found)
    session.flush()
    return found


def by_step(space: api.Space, consultation: dict[str, Any], other: dict[str, Any]) -> dict:
    """Per-phase settings: ``consultation`` in the second phase, ``other`` in the rest."""
    steps = sorted(space.steps, key=lambda step: step.position)
    return {str(s.id): consultation if s.position == 1 else other for s in steps}


def survey_settings(space: api.Space) -> dict[str, Any]:
    """Answering while the consultation runs; results public from the first day."""
    return {
        "global": {"anonymous_answers": False, "editable_answers": True},
        "default_step": {"results_public": True},
        "steps": by_step(
            space,
            {"answers_enabled": True, "results_public": True},
            {"answers_enabled": False, "results_public": True},
        ),
    }


def suggestion_settings(space: api.Space, settings: dict[str, Any]) -> dict[str, Any]:
    """Suggestions written and supported during the consultation, then blocked and answered."""
    open_, closed = (
        {"creation_enabled": True, "supports_enabled": True},
        {"creation_enabled": False, "supports_enabled": True, "supports_blocked": True},
    )
    return {**settings, "steps": by_step(space, open_, closed)}


def pages(session: Session, reading: api.Component) -> None:
    """About the consultation, the documents (PDF attachments), the FAQ, the site's pages."""
    from pnyx_pages.models import RESOURCE, Page, PageSection

    about = Page(
        component_id=reading.id,
        slug="la-consultation",
        position=0,
        title={"fr": "Pourquoi cette consultation\u202f?", "en": "Why this consultation?"},
        body={
            "fr": "Chaque année, plus de 40 000 visites ont lieu aux guichets de l’Hôtel de "
            "Ville. Avant de réorganiser l’accueil (horaires, rendez-vous, guichet en ligne), "
            "le Collège communal veut connaître votre expérience.\n\n## Le calendrier\n\n"
            "- lecture des documents ;\n- questionnaire en ligne ou sur papier ;\n"
            "- analyse, puis réponse publique du Collège.",
            "en": "Every year, more than 40,000 visits take place at the Town Hall's desks. "
            "Before reorganising reception (opening hours, appointments, an online desk), the "
            "municipal executive wants to know your experience.\n\n## The calendar\n\n"
            "- reading the documents;\n- the questionnaire, online or on paper;\n"
            "- analysis, then the executive's public answer.",
        },
    )
    library = Page(
        component_id=reading.id,
        slug="documents",
        position=1,
        title={"fr": "Documents à lire", "en": "Documents to read"},
        body={
            "fr": "La charte d’accueil actuelle et les chiffres de fréquentation des guichets. "
            "Ces documents sont aussi disponibles sur papier à l’accueil.",
            "en": "The current reception charter and the desks' attendance figures. These "
            "documents are also available on paper at the reception desk.",
        },
    )
    faq = Page(
        component_id=reading.id,
        slug="questions",
        kind="faq",
        position=2,
        title={"fr": "Questions fréquentes", "en": "Frequently asked questions"},
    )
    faq.sections = [
        PageSection(title=question, body=answer, position=i)
        for i, (question, answer) in enumerate(FAQ)
    ]
    session.add_all([about, library, faq])
    session.flush()
    for name, title, description, lines in documents.DOCUMENTS:
        api.attachments.attach(
            FileStorage(io.BytesIO(documents.pdf(lines)), filename=name),
            (RESOURCE, library.id),
            space=reading.space,
            component=reading,
            title=title,
            description=description,
        )
    for position, (slug, title, body) in enumerate(SITE_PAGES):
        session.add(Page(slug=slug, title=title, body=body, position=position, in_footer=True))
    session.flush()


FAQ = (
    (
        {
            "fr": "Je n’ai pas d’ordinateur : comment donner mon avis\u202f?",
            "en": "I have no computer: how can I give my opinion?",
        },
        {
            "fr": "Demandez le questionnaire papier à l’accueil de l’Hôtel de Ville ou dans "
            "une bibliothèque communale. Le service Accueil encode votre réponse sur la "
            "plateforme à votre nom, sans adresse e-mail : elle compte comme les autres.",
            "en": "Ask for the paper questionnaire at the Town Hall's reception desk or in a "
            "communal library. The reception service enters your answer on the platform in "
            "your name, without an e-mail address: it counts like the others.",
        },
    ),
    (
        {"fr": "Les résultats sont-ils publics\u202f?", "en": "Are the results public?"},
        {
            "fr": "Oui : le nombre de participants, les contributions écrites publiées et les "
            "réponses sont affichés pendant toute la consultation, avec la date de dernière "
            "mise à jour.",
            "en": "Yes: the number of participants, the published written contributions and "
            "the answers are shown during the whole consultation, with the date of the last "
            "update.",
        },
    ),
    (
        {"fr": "Qui peut participer\u202f?", "en": "Who may take part?"},
        {
            "fr": "Toute personne qui habite, travaille ou étudie à Nivelles, à partir de 16 ans.",
            "en": "Anyone who lives, works or studies in Nivelles, from the age of 16.",
        },
    ),
)
SITE_PAGES = (
    (
        "vie-privee",
        {"fr": "Vie privée", "en": "Privacy"},
        {
            "fr": "La Ville de Nivelles traite vos données pour la seule participation, "
            "conformément au RGPD. Délégué à la protection des données : dpo@nivelles.be.",
            "en": "The City of Nivelles processes your data for participation only, under the "
            "GDPR. Data protection officer: dpo@nivelles.be.",
        },
    ),
    (
        "accessibilite",
        {"fr": "Accessibilité", "en": "Accessibility"},
        {
            "fr": "Ce site vise la conformité aux WCAG 2.1 AA (norme EN 301 549). Signalez-nous "
            "tout obstacle au 067 88 22 11.",
            "en": "This site aims at WCAG 2.1 AA (standard EN 301 549). Tell us about any "
            "barrier on 067 88 22 11.",
        },
    ),
)
