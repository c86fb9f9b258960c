"""Demo content: a consultation on parking in the town centre, as Angers ran one.

Two pages; the second page's question about the car park only shows to people
who said they drive to the centre (a condition evaluated on the server). Forty
demo answers make the results page speak, a few written answers are
published, and the results are public in every phase of the demo.
"""

from __future__ import annotations

import random
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx_surveys import kinds
from pnyx_surveys.answering.saving import save
from pnyx_surveys.models import COMPONENT_OWNER, Answer, Choice, Question, Section
from pnyx_surveys.questionnaires import create, load

T = dict[str, str]


def _t(fr: str, en: str, co: str) -> T:
    return {"fr": fr, "en": en, "co": co}


TITLE = _t(
    "Consultation\u202f: le stationnement en centre-ville",
    "Consultation: parking in the town centre",
    "Cunsultazione\u202f: u parcheghju in centru di a cità",
)
INTRO = _t(
    "La ville prépare son plan de stationnement. Dites-nous comment vous venez en centre-ville "
    "et ce qui vous aiderait.",
    "The town is preparing its parking plan. Tell us how you come to the centre and what would "
    "help you.",
    "A cità prepara u so pianu di parcheghju. Diteci cumu venite in centru è ciò chì vi "
    "aiuterebbe.",
)
MODES = [
    _t("En voiture", "By car", "In vittura"),
    _t("À vélo", "By bike", "In bicicletta"),
    _t("En tram ou en bus", "By tram or bus", "In tram o in bus"),
    _t("À pied", "On foot", "À pedi"),
]
PRICES = [
    _t("Moins d’1\u00a0€", "Less than €1", "Menu di 1\u00a0€"),
    _t("De 1 à 2\u00a0€", "€1 to €2", "Da 1 à 2\u00a0€"),
    _t("Plus de 2\u00a0€", "More than €2", "Più di 2\u00a0€"),
]
PRIORITIES = [
    _t("Plus de places pour les vélos", "More bike spaces", "Più piazze per e biciclette"),
    _t(
        "Des parkings relais aux portes de la ville",
        "Park-and-ride at the edge of town",
        "Parcheghji di scambiu à e porte di a cità",
    ),
    _t("Des places pour les livraisons", "Delivery bays", "Piazze per e cunsegne"),
]
COMMENTS = (
    "Un parking relais près du tram changerait tout pour moi.",
    "Les arceaux vélo devant la mairie sont toujours pleins.",
    "Merci de penser aux personnes à mobilité réduite.",
    "Plus de zones bleues, moins de places payantes.",
)


def _question(section: Section, kind: str, text: T, **fields: Any) -> Question:
    choices = fields.pop("choices", [])
    question = Question(kind=kind, text=text, position=len(section.questions), **fields)
    question.questionnaire_id = section.questionnaire_id
    question.choices = [Choice(role="choice", position=i, label=c) for i, c in enumerate(choices)]
    section.questions.append(question)
    return question


def seed(session: Session, component: api.Component) -> None:
    """The parking consultation with demo answers (the caller commits)."""
    questionnaire = create(session, component, COMPONENT_OWNER, component.id)
    questionnaire.title, questionnaire.description = TITLE, INTRO
    first = questionnaire.sections[0]
    first.title = _t("Vos déplacements", "How you travel", "I vostri spiazzamenti")
    mode = _question(
        first,
        kinds.MULTIPLE,
        _t(
            "Comment venez-vous en centre-ville\u202f?",
            "How do you come to the town centre?",
            "Cumu venite in centru di a cità\u202f?",
        ),
        mandatory=True,
        choices=MODES,
        options={"other": True},
    )
    _question(
        first,
        kinds.SCALE,
        _t(
            "Trouver une place est-il facile\u202f?",
            "Is finding a space easy?",
            "Hè faciule di truvà una piazza\u202f?",
        ),
        options={
            "scale": 5,
            "low": _t("Très difficile", "Very hard", "Assai difficiule"),
            "high": _t("Très facile", "Very easy", "Assai faciule"),
        },
    )
    second = Section(position=1, title=_t("Vos priorités", "Your priorities", "E vostre priurità"))
    questionnaire.sections.append(second)
    session.flush()
    price = _question(
        second,
        kinds.SINGLE,
        _t(
            "Combien paieriez-vous pour une heure de parking\u202f?",
            "How much would you pay for an hour of parking?",
            "Quantu pagheriate per un’ora di parcheghju\u202f?",
        ),
        choices=PRICES,
    )
    _question(
        second,
        kinds.RANKING,
        _t("Classez ces priorités", "Rank these priorities", "Classificate sse priurità"),
        choices=PRIORITIES,
    )
    _question(
        second,
        kinds.LONG_TEXT,
        _t("Une idée, une remarque\u202f?", "An idea, a remark?", "Un’idea, una rimarca\u202f?"),
    )
    session.flush()
    price.condition_question_id, price.condition_choice_id = mode.id, mode.choices[0].id
    _answers(session, questionnaire.id)
    component.settings = _public_results(component.settings)


def _answers(session: Session, questionnaire_id: int) -> None:
    questionnaire = load(session, questionnaire_id)
    assert questionnaire is not None
    mode, ease, price, ranking, comment = (q for s in questionnaire.sections for q in s.questions)
    pick = random.Random(42)  # the same demo every time
    for number in range(40):
        modes = pick.sample([c.id for c in mode.choices], pick.randint(1, 2))
        values: dict[int, Any] = {
            mode.id: {"choices": modes, "other": ""},
            ease.id: pick.randint(1, 5),
        }
        if mode.choices[0].id in modes:
            values[price.id] = {"choices": [pick.choice(price.choices).id], "other": ""}
        order = [c.id for c in ranking.choices]
        pick.shuffle(order)
        values[ranking.id] = {"ranking": order}
        if number < len(COMMENTS):
            values[comment.id] = COMMENTS[number]
        key = f"demo-{number}"  # the demo texts are French
        save(session, questionnaire, values, anonymous_key=key, commit=False, language="fr")
    texts = select(Answer).where(Answer.question_id == comment.id).limit(3)
    for answer in session.scalars(texts):
        answer.published = True


def _public_results(settings: dict[str, Any] | None) -> dict[str, Any]:
    found = dict(settings or {})
    step = dict(found.get("default_step") or {})
    step["results_public"] = True
    found["default_step"] = step
    return found
