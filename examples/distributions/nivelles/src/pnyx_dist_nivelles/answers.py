"""What residents said: the questionnaire's online and paper answers, and their suggestions.

Paper opinions are those of **managed participants** (docs/verification.md, assisted
participation): people without an account whom the reception service registered, then
answered for, from the paper form. Their answers count like the others.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pnyx import api

T = dict[str, str]
ONLINE = 46
PAPER = 11
SERVICES: list[T] = [
    {"fr": "Population et état civil", "en": "Population and civil registry"},
    {"fr": "Urbanisme", "en": "Planning"},
    {"fr": "Finances et taxes", "en": "Finances and taxes"},
    {"fr": "Affaires sociales", "en": "Social affairs"},
    {"fr": "Travaux et propreté", "en": "Public works and cleanliness"},
]
CHANNELS: list[T] = [
    {"fr": "Au guichet", "en": "At the desk"},
    {"fr": "Par téléphone", "en": "By phone"},
    {"fr": "Par e-mail", "en": "By e-mail"},
    {"fr": "Par le guichet en ligne", "en": "Through the online desk"},
]
WAITS: list[T] = [
    {"fr": "Moins de 10 minutes", "en": "Less than 10 minutes"},
    {"fr": "De 10 à 30 minutes", "en": "10 to 30 minutes"},
    {"fr": "Plus de 30 minutes", "en": "More than 30 minutes"},
]
HOURS: list[T] = [
    {"fr": "Le samedi matin", "en": "Saturday mornings"},
    {"fr": "Un soir par semaine jusqu’à 19 h", "en": "One evening a week until 7 pm"},
    {"fr": "Sur rendez-vous uniquement", "en": "By appointment only"},
    {"fr": "Les horaires actuels me conviennent", "en": "The current hours suit me"},
]
PRIORITIES: list[T] = [
    {"fr": "Moins d’attente au guichet", "en": "Less waiting at the desk"},
    {"fr": "Plus de démarches en ligne", "en": "More procedures online"},
    {"fr": "Un accueil plus accessible (PMR, malentendants)", "en": "More accessible reception"},
    {"fr": "Des informations plus claires", "en": "Clearer information"},
]
#: Written contributions; the first ones are published on the results page.
WRITTEN = (
    "Pouvoir prendre rendez-vous en ligne pour la carte d'identité éviterait la file du lundi.",
    "Le personnel est aimable, mais l'attente debout est pénible pour les personnes âgées.",
    "Un numéro de téléphone qui répond entre 12 et 14 heures, ce serait bien.",
    "La signalétique dans l'Hôtel de Ville est confuse : on ne sait pas à quel étage aller.",
    "Merci pour l'aide reçue au service social, très humaine.",
    "Pour les navetteurs, une ouverture le jeudi soir serait idéale.",
    "Le guichet en ligne devrait permettre de payer les taxes directement.",
    "Il manque une boucle magnétique au guichet pour les personnes malentendantes.",
)
#: Written contributions from the paper forms (entered by the reception service).
WRITTEN_ON_PAPER = (
    "Je n'ai pas internet : gardez toujours un guichet avec une vraie personne.",
    "Les formulaires sont trop compliqués, il faudrait quelqu'un pour aider à les remplir.",
    "Des chaises dans la salle d'attente, s'il vous plaît.",
)
PAPER_NAMES = (
    "Jeanne Wilmet",
    "Roger Delvaux",
    "Marie-Louise Hanse",
    "Georges Piret",
    "Yvette Collard",
    "André Gilson",
    "Simone Lefèvre",
    "Fernand Dethier",
    "Paulette Hubert",
    "Joseph Lambot",
    "Denise Marchal",
)


def _question(section: Any, kind: str, text: T, **fields: Any) -> Any:
    from pnyx_surveys.models import Choice, Question

    choices = fields.pop("choices", [])
    question = Question(kind=kind, text=text, position=len(section.questions), **fields)
    question.questionnaire_id = section.questionnaire_id
    question.choices = [Choice(role="choice", position=i, label=c) for i, c in enumerate(choices)]
    section.questions.append(question)
    return question


def questionnaire(session: Session, survey: api.Component, today: dt.date) -> None:
    """The questionnaire of two pages, then the online and the paper answers."""
    from pnyx_surveys import kinds
    from pnyx_surveys.models import COMPONENT_OWNER, Section
    from pnyx_surveys.questionnaires import create

    found = create(session, survey, COMPONENT_OWNER, survey.id)
    found.title = {
        "fr": "Votre avis sur l’accueil à l’administration communale",
        "en": "Your opinion on how the communal administration receives you",
    }
    found.description = {
        "fr": "Dix minutes pour nous dire comment s’est passée votre dernière démarche et ce "
        "qui vous aiderait. Vos réponses sont anonymes dans les résultats.",
        "en": "Ten minutes to tell us how your last visit went and what would help you. Your "
        "answers are anonymous in the results.",
    }
    first = found.sections[0]
    first.title = {"fr": "Votre dernière démarche", "en": "Your last visit"}
    _question(
        first,
        kinds.MULTIPLE,
        {"fr": "Quel(s) service(s) avez-vous contacté(s)\u202f?", "en": "Which services?"},
        mandatory=True,
        choices=SERVICES,
        options={"other": True},
    )
    _question(
        first,
        kinds.SINGLE,
        {"fr": "Comment les avez-vous contactés\u202f?", "en": "How did you contact them?"},
        mandatory=True,
        choices=CHANNELS,
    )
    _question(
        first,
        kinds.SCALE,
        {"fr": "Comment avez-vous été accueilli\u202f?", "en": "How were you received?"},
        options={
            "scale": 5,
            "low": {"fr": "Très mal", "en": "Very badly"},
            "high": {"fr": "Très bien", "en": "Very well"},
        },
    )
    _question(
        first,
        kinds.SINGLE,
        {"fr": "Combien de temps avez-vous attendu\u202f?", "en": "How long did you wait?"},
        choices=WAITS,
    )
    second = Section(position=1, title={"fr": "Vos attentes", "en": "What you expect"})
    found.sections.append(second)
    session.flush()
    _question(
        second,
        kinds.MULTIPLE,
        {"fr": "Quels horaires vous conviendraient\u202f?", "en": "Which opening hours?"},
        choices=HOURS,
    )
    _question(
        second,
        kinds.RANKING,
        {"fr": "Classez ces priorités", "en": "Rank these priorities"},
        choices=PRIORITIES,
    )
    _question(
        second,
        kinds.LONG_TEXT,
        {"fr": "Une remarque, une suggestion\u202f?", "en": "A remark, a suggestion?"},
    )
    session.flush()
    _answers(session, found.id, today)


def _answers(session: Session, questionnaire_id: int, today: dt.date) -> None:
    from pnyx_surveys.answering.saving import save
    from pnyx_surveys.models import Answer
    from pnyx_surveys.questionnaires import load

    found = load(session, questionnaire_id)
    assert found is not None
    service, channel, welcome, wait, hours, ranking, remark = (
        question for section in found.sections for question in section.questions
    )
    rng = random.Random(1400)  # the same answers every time
    online = residents(session, ONLINE)
    paper = participants(session, staff(session, "accueil@nivelles.pnyx.test"))
    people = [(person, False) for person in online] + [(person, True) for person in paper]
    now = api.utcnow()
    for number, (person, on_paper) in enumerate(people):
        channels = channel.choices[:1] if on_paper else channel.choices
        values: dict[int, Any] = {
            service.id: {"choices": [rng.choice(service.choices).id], "other": ""},
            channel.id: {"choices": [rng.choice(channels).id], "other": ""},
            welcome.id: rng.choices((2, 3, 4, 5), weights=(1, 3, 5, 3))[0],
            wait.id: {"choices": [rng.choice(wait.choices).id], "other": ""},
            hours.id: {"choices": [c.id for c in rng.sample(hours.choices, 2)], "other": ""},
        }
        order = [c.id for c in ranking.choices]
        rng.shuffle(order)
        values[ranking.id] = {"ranking": order}
        # The first online answers and the last paper ones came with a written remark.
        remark_text = WRITTEN[number] if number < len(WRITTEN) else None
        if on_paper and number >= len(people) - len(WRITTEN_ON_PAPER):
            remark_text = WRITTEN_ON_PAPER[number - (len(people) - len(WRITTEN_ON_PAPER))]
        if remark_text:
            values[remark.id] = remark_text
        submission = save(session, found, values, user_id=person.id, commit=False)
        # Spread over the consultation's month; the paper forms were entered last week.
        days = rng.randint(1, 7) if on_paper else rng.randint(2, 29)
        submission.created_at = submission.updated_at = now - dt.timedelta(
            days=days, minutes=rng.randint(0, 600)
        )
    texts = select(Answer).where(Answer.question_id == remark.id).order_by(Answer.id)
    for position, answer in enumerate(session.scalars(texts)):
        answer.published = position % 3 != 2  # staff keep a few back (personal details)


def suggestions(
    session: Session,
    ideas: api.Component,
    sections: list[api.TaxonomyTerm],
    themes: dict[str, api.TaxonomyTerm],
    today: dt.date,
) -> None:
    """Residents' suggestions, supported (the votes) by other residents; two answered."""
    from pnyx_proposals.models import Proposal, Support

    people = list(
        session.scalars(
            select(api.User).where(api.User.email.like("habitant-%")).order_by(api.User.id)
        )
    )
    rng = random.Random(25072)
    now = api.utcnow()
    found = []
    for number, (title, body, theme, section) in enumerate(SUGGESTIONS):
        proposal = Proposal(
            component_id=ideas.id,
            author_id=people[number * 3].id,
            title=title,
            body=body,
            summary=body[:280],
            territory_id=sections[section].id,
            themes=[themes[theme]],
            created_at=now - dt.timedelta(days=25 - 2 * number),
            published_at=now - dt.timedelta(days=25 - 2 * number),
        )
        session.add(proposal)
        found.append(proposal)
    session.flush()
    for proposal in found:
        supporters = rng.sample(people, rng.randint(3, 24))
        days = max((now - proposal.published_at).days, 1)
        session.add_all(
            Support(
                proposal_id=proposal.id,
                component_id=ideas.id,
                user_id=person.id,
                created_at=now - dt.timedelta(days=rng.randint(0, days - 1), hours=1),
            )
            for person in supporters
        )
        proposal.supports_count = len(supporters)
    answered = found[0]
    answered.state = answered.answer_state = "evaluating"
    answered.answer_text = {
        "fr": "Le service Population étudie un module de rendez-vous en ligne pour 2027.",
        "en": "The population service is studying online appointments for 2027.",
    }
    answered.answered_at = answered.answer_published_at = now - dt.timedelta(days=3)
    session.flush()
    conversation(session, found[2], people, now)


def conversation(session: Session, proposal: Any, people: list[api.User], now: dt.datetime) -> None:
    """Residents discuss the hearing loop; the reception service answers officially."""
    from pnyx_comments.models import Comment

    lines = (
        (1, "Mon mari est appareillé : au guichet il n'entend rien avec le bruit. Merci !"),
        (1, "Il en faudrait aussi une dans la salle du Conseil communal."),
        (0, "Le CPAS en a installé une l'an dernier : on pourrait demander leur fournisseur."),
    )
    first = None
    for position, (alignment, text) in enumerate(lines):
        comment = Comment(
            resource_type="proposals_proposal",
            resource_id=proposal.id,
            component_id=proposal.component_id,
            author_id=people[10 + position].id,
            body=text,
            alignment=alignment,
            created_at=now - dt.timedelta(days=12 - 2 * position),
        )
        session.add(comment)
        session.flush()
        comment.root_id = comment.id
        first = first or comment
    assert first is not None
    session.add(
        Comment(
            resource_type="proposals_proposal",
            resource_id=proposal.id,
            component_id=proposal.component_id,
            author_id=staff(session, "accueil@nivelles.pnyx.test").id,
            body="Le service Accueil a demandé un devis : une boucle portative peut être "
            "installée au guichet dès le mois prochain.",
            official=True,
            parent_id=first.id,
            root_id=first.id,
            depth=1,
            created_at=now - dt.timedelta(days=4),
        )
    )
    session.flush()


#: Title, body (Markdown), theme, section (index in content.SECTIONS).
SUGGESTIONS = (
    (
        "Prendre rendez-vous en ligne pour la carte d’identité",
        "Un agenda en ligne pour choisir son créneau au service Population, avec un rappel "
        "par SMS la veille. Fini la file du lundi matin.",
        "online",
        0,
    ),
    (
        "Une ouverture le jeudi jusqu’à 19 heures",
        "Beaucoup de Nivellois travaillent à Bruxelles : un soir par semaine leur éviterait "
        "de prendre congé pour une démarche.",
        "hours",
        0,
    ),
    (
        "Une boucle magnétique au guichet d’accueil",
        "Les personnes malentendantes appareillées entendraient clairement l’agent, malgré le "
        "bruit de la salle d’attente.",
        "accessibility",
        2,
    ),
    (
        "Des permanences dans les villages",
        "Une demi-journée par mois à Baulers, Bornival, Monstreux et Thines, pour les "
        "démarches simples, éviterait le déplacement aux personnes sans voiture.",
        "reception",
        1,
    ),
    (
        "Un plan clair des services dans le hall de l’Hôtel de Ville",
        "Un panneau à l’entrée, avec les étages et les couleurs des services, et les mêmes "
        "couleurs au sol.",
        "reception",
        0,
    ),
    (
        "Payer les taxes communales en ligne",
        "Un paiement par Bancontact depuis le guichet en ligne pour les taxes et les "
        "redevances, avec un reçu immédiat.",
        "online",
        3,
    ),
)


def residents(session: Session, count: int) -> list[api.User]:
    """Residents who answered online (no password: nobody signs in as them)."""
    rng = random.Random(1400)
    first = ("Julie", "Thomas", "Amélie", "Olivier", "Chloé", "Benoît", "Manon", "Karim", "Lucie")
    last = ("Dupont", "Lemaire", "Janssens", "Peeters", "Leclercq", "Mertens", "Wauters")
    people = []
    for number in range(1, count + 1):
        person = api.User(
            email=f"habitant-{number}@nivelles.pnyx.test",
            name=f"{rng.choice(first)} {rng.choice(last)}",
            confirmed_at=api.utcnow(),
        )
        session.add(person)
        people.append(person)
    session.flush()
    return people


def participants(session: Session, operator: api.User) -> list[api.User]:
    """Managed participants the reception service registered to enter their paper forms."""
    people = []
    for name in PAPER_NAMES:
        person = api.User(name=name, managed=True, confirmed_at=api.utcnow())
        session.add(person)
        session.flush()
        # As the assisted-participation page logs it: the staff member registered them.
        api.log_action(
            session, "pnyx.participant.created", resource=("user", person.id), actor_id=operator.id
        )
        people.append(person)
    return people


def staff(session: Session, email: str) -> api.User:
    person = session.scalar(select(api.User).where(api.User.email == email))
    assert person is not None, f"{email} is a Distribution.accounts account"
    return person
