"""Three consultations open at the same time, in one space: parking in the town centre (the
surveys plugin's own demo questionnaire, which is Angers' parking survey), the libraries'
opening hours and the banks of the Maine. Each has answers already, so its results speak.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx_dist_angers.build import component, process, text
from pnyx_surveys import kinds
from pnyx_surveys import seed as parking_survey
from pnyx_surveys.answering.saving import save
from pnyx_surveys.models import COMPONENT_OWNER, Answer, Choice, Question, Section
from pnyx_surveys.questionnaires import create, load

SLUG = "consultations"
T = dict[str, str]

LIBRARY_HOURS = (
    text("Le soir en semaine, jusqu’à 20 h", "Weekday evenings, until 8 pm"),
    text("Le dimanche après-midi", "Sunday afternoons"),
    text("Pendant la pause de midi", "At lunchtime"),
    text("Les horaires actuels me conviennent", "The current hours suit me"),
)
LIBRARIES = (
    text("Bibliothèque Toussaint", "Toussaint library"),
    text("Bibliothèque Belle-Beille", "Belle-Beille library"),
    text("Bibliothèque Monplaisir", "Monplaisir library"),
    text("Bibliothèque de la Roseraie", "Roseraie library"),
)
RIVER_USES = (
    text("Me promener ou courir", "Walking or running"),
    text("Faire du vélo", "Cycling"),
    text("Pique-niquer, me reposer", "Picnics, resting"),
    text("Des activités nautiques", "Water sports"),
)
RIVER_WISHES = (
    text("Plus d’ombre et d’arbres", "More shade and trees"),
    text("Des guinguettes l’été", "Open-air cafés in summer"),
    text("Des pontons pour les bateaux", "Boat pontoons"),
    text("Des toilettes publiques", "Public toilets"),
)
RIVER_REMARKS = (
    "Des bancs face à la Maine, côté Doutre, ce serait parfait.",
    "Penser aux vélos : le chemin de halage est trop étroit le dimanche.",
    "Une guinguette près du pont de Verdun ferait revivre les quais.",
)


def seed_consultations(session: Session, today: dt.date, city: api.TaxonomyTerm) -> api.Space:
    day = dt.timedelta(days=1)
    space = process(
        session,
        SLUG,
        text("Consultations citoyennes", "Citizens’ consultations"),
        text(
            "Trois consultations ouvertes en même temps : **le stationnement en centre-ville**, "
            "les horaires des bibliothèques et l’avenir des berges de la Maine. Quelques "
            "minutes suffisent ; les résultats sont publics.",
            "Three consultations open at once: **parking in the town centre**, the libraries’ "
            "opening hours and the future of the banks of the Maine. A few minutes are "
            "enough; the results are public.",
        ),
        [
            (text("Consultation", "Consultation"), today - 12 * day, today + 24 * day),
            (text("Synthèse et réponses", "Summary and answers"), today + 25 * day, None),
        ],
        0,
        position=3,
        territory_id=city.id,
    )
    # Answers during the consultation only; the results stay public after it.
    after = {"answers_enabled": False, "results_public": True}
    during = {0: {"answers_enabled": True}}
    parking = component(
        session,
        space,
        "surveys",
        text("Stationnement en centre-ville", "Parking in the town centre"),
        default_step=after,
        per_phase=during,
    )
    parking_survey.seed(session, parking)
    hours = component(
        session,
        space,
        "surveys",
        text("Horaires des bibliothèques", "Libraries’ opening hours"),
        default_step=after,
        per_phase=during,
    )
    _library_survey(session, hours)
    river = component(
        session,
        space,
        "surveys",
        text("Les berges de la Maine", "The banks of the Maine"),
        default_step=after,
        per_phase=during,
    )
    _river_survey(session, river)
    return space


def _question(
    section: Section, kind: str, label: T, choices: tuple[T, ...] = (), **fields: Any
) -> Question:
    question = Question(kind=kind, text=label, position=len(section.questions), **fields)
    question.questionnaire_id = section.questionnaire_id
    question.choices = [Choice(role="choice", position=i, label=c) for i, c in enumerate(choices)]
    section.questions.append(question)
    return question


def _library_survey(session: Session, survey: api.Component) -> None:
    questionnaire = create(session, survey, COMPONENT_OWNER, survey.id)
    questionnaire.title = text("Horaires des bibliothèques", "Libraries’ opening hours")
    questionnaire.description = text(
        "Les bibliothèques d’Angers réfléchissent à leurs horaires. Quand aimeriez-vous venir ?",
        "Angers’ libraries are reviewing their opening hours. When would you like to come?",
    )
    section = questionnaire.sections[0]
    which = _question(
        section,
        kinds.SINGLE,
        text("Quelle bibliothèque fréquentez-vous le plus ?", "Which library do you use most?"),
        LIBRARIES,
        mandatory=True,
    )
    when = _question(
        section,
        kinds.MULTIPLE,
        text("Quels horaires vous aideraient ?", "Which opening hours would help you?"),
        LIBRARY_HOURS,
    )
    session.flush()

    def values(pick: random.Random, _number: int) -> dict[int, Any]:
        hours = pick.sample([c.id for c in when.choices], pick.randint(1, 2))
        return {
            which.id: {"choices": [pick.choice(which.choices).id], "other": ""},
            when.id: {"choices": hours, "other": ""},
        }

    _answer(session, questionnaire.id, 64, values)


def _river_survey(session: Session, survey: api.Component) -> None:
    questionnaire = create(session, survey, COMPONENT_OWNER, survey.id)
    questionnaire.title = text("L’avenir des berges de la Maine", "The future of the Maine’s banks")
    questionnaire.description = text(
        "La ville prépare l’aménagement des quais. Comment profitez-vous des berges ?",
        "The city is planning the quays. How do you enjoy the riverbanks?",
    )
    section = questionnaire.sections[0]
    uses = _question(
        section,
        kinds.MULTIPLE,
        text("Que faites-vous au bord de la Maine ?", "What do you do by the Maine?"),
        RIVER_USES,
    )
    wishes = _question(
        section, kinds.RANKING, text("Classez vos envies", "Rank your wishes"), RIVER_WISHES
    )
    remark = _question(
        section, kinds.LONG_TEXT, text("Une idée pour les berges ?", "An idea for the banks?")
    )
    session.flush()

    def values(pick: random.Random, number: int) -> dict[int, Any]:
        order = [c.id for c in wishes.choices]
        pick.shuffle(order)
        found: dict[int, Any] = {
            uses.id: {"choices": pick.sample([c.id for c in uses.choices], 2), "other": ""},
            wishes.id: {"ranking": order},
        }
        if number < len(RIVER_REMARKS):
            found[remark.id] = RIVER_REMARKS[number]
        return found

    _answer(session, questionnaire.id, 48, values)
    # The written ideas are published with the results (staff chose them).
    for answer in session.scalars(select(Answer).where(Answer.question_id == remark.id)):
        answer.published = True


def _answer(
    session: Session,
    questionnaire_id: int,
    count: int,
    values: Callable[[random.Random, int], dict[int, Any]],
) -> None:
    """``count`` anonymous submissions, the same every time (a seeded random)."""
    questionnaire = load(session, questionnaire_id)
    assert questionnaire is not None
    pick = random.Random(questionnaire_id)
    for number in range(count):
        key = f"angers-{questionnaire_id}-{number}"
        save(session, questionnaire, values(pick, number), anonymous_key=key, commit=False)
