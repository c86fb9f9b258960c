"""The co-construction's proposals, each written in its author's language (French or
Corsican), by residents and by organizations (the key of ``organizations.ORGANIZATIONS``)."""

from __future__ import annotations

#: Residents who propose (no password), by e-mail; Maria is the demo's resident account.
CITIZENS = (
    ("maria@smartisula.pnyx.test", "Maria Santucci"),
    ("paulu@smartisula.pnyx.test", "Paulu Battesti"),
    ("chjara@smartisula.pnyx.test", "Chjara Filippi"),
    ("jean-marc@smartisula.pnyx.test", "Jean-Marc Ottavi"),
    ("laetitia@smartisula.pnyx.test", "Laetitia Casanova"),
)

#: Key, author (("group", key) or ("citizen", index)), place code, theme code, title, body.
PROPOSALS = (
    (
        "correttore",
        ("group", "lingua"),
        "corse",
        "skills",
        "Un currettore ortograficu corsu liberu per tutti",
        "## A prupposta\n\nSviluppà un **currettore ortograficu** è un dizziunariu in linea per "
        "a lingua corsa, liberi è gratuiti, da aduprà nant’à i telefonini, in l’urdinatori di "
        "e scole è di l’amministrazioni.\n\n## Perchè\n\nScrive in corsu ogni ghjornu deve "
        "esse faciule : oghje ùn ci hè nisun attrezzu cumunu.",
    ),
    (
        "tiers-lieux",
        ("group", "numerica"),
        "2B096",
        "businesses",
        "Des tiers-lieux numériques dans l’intérieur",
        "## La proposition\n\nOuvrir dans trois bourgs de l’intérieur des **tiers-lieux** : "
        "postes de travail, fibre, salle de réunion, accompagnement à la création "
        "d’entreprise.\n\n## Pourquoi\n\nPour que les jeunes diplômés puissent travailler "
        "depuis leur village plutôt que de partir sur le continent.",
    ),
    (
        "fibre",
        ("group", "corti"),
        "2B",
        "infrastructures",
        "La fibre optique jusqu’aux hameaux du Centre Corse",
        "## La proposition\n\nAchever le raccordement des **hameaux isolés** du Centre Corse "
        "à la fibre optique, en priorité les écoles, les cabinets médicaux et les mairies.\n\n"
        "## Ce que la commune apporte\n\nLes études de tracé déjà réalisées et l’accès aux "
        "fourreaux communaux.",
    ),
    (
        "corsi",
        ("citizen", 0),
        "2A004",
        "skills",
        "Corsi di lingua corsa in linea per i novi abitanti",
        "## A prupposta\n\nCorsi **in linea è gratuiti** per quelli chì venenu à campà in "
        "Corsica, cù lezziò curte, esercizii è una riunione mensile in Aiacciu per parlà "
        "inseme.",
    ),
    (
        "covoiturage",
        ("citizen", 1),
        "2A",
        "citizenship",
        "Un covoiturage solidaire entre les villages et Ajaccio",
        "## La proposition\n\nUne application simple, et une ligne téléphonique pour ceux qui "
        "n’ont pas de smartphone, pour partager les trajets vers Ajaccio : rendez-vous "
        "médicaux, démarches, courses.",
    ),
    (
        "mediateurs",
        ("group", "muntagna"),
        "2B",
        "citizenship",
        "Des médiateurs numériques itinérants pour les aînés",
        "## La proposition\n\nUn **bus numérique** qui passe chaque mois dans les villages de "
        "montagne : aide aux démarches en ligne, prise en main des tablettes, visioconférence "
        "avec la famille.",
    ),
    (
        "mercatu",
        ("citizen", 2),
        "2A247",
        "businesses",
        "Un mercatu in linea per i pruduttori lucali",
        "## A prupposta\n\nUna piattaforma cumuna per chì l’agricultori è l’artisgiani di a "
        "regione di Portivechju vendinu in linea, cù punti di ritirata in i paesi.",
    ),
    (
        "bornes",
        ("citizen", 3),
        "2B050",
        "infrastructures",
        "Des bornes de recharge solaires dans les ports de plaisance",
        "## La proposition\n\nÉquiper les ports de Calvi et de L’Île-Rousse de bornes de "
        "recharge alimentées par des **ombrières solaires**, pour les bateaux et les vélos "
        "électriques.",
    ),
    (
        "code",
        ("citizen", 4),
        "2B033",
        "skills",
        "Des ateliers de code pour les lycéens de Bastia",
        "## La proposition\n\nDes ateliers gratuits le mercredi après-midi : programmation, "
        "robotique, création de jeux, avec les entreprises du numérique de Bastia.",
    ),
    (
        "acqua",
        ("citizen", 0),
        "corse",
        "infrastructures",
        "Sensori per a qualità di l’acqua in i fiumi",
        "## A prupposta\n\nStallà sensori in i fiumi principali (Golu, Tavignanu, Gravona) è "
        "publicà e misure in linea, per seguità a qualità di l’acqua in tempu reale.",
    ),
    (
        "label",
        ("group", "numerica"),
        "corse",
        "businesses",
        "Un label « Fattu in Corsica » numérique pour les artisans",
        "## La proposition\n\nUn label vérifiable en ligne (un code à scanner) qui garantit "
        "l’origine des produits artisanaux, avec une vitrine commune des artisans labellisés.",
    ),
    (
        "wifi",
        ("citizen", 1),
        "2A272",
        "infrastructures",
        "Du Wi-Fi public gratuit sur les places des villages",
        "## La proposition\n\nUn accès Wi-Fi gratuit sur la place principale de chaque "
        "village du Sartenais, pour les habitants comme pour les visiteurs.",
    ),
)

#: Key, state, French and Corsican answers (the Collectivité answers in both languages).
ANSWERS = (
    (
        "correttore",
        "accepted",
        "Retenue : le correcteur sera développé en logiciel libre avec l’Université de Corse "
        "et livré dans la feuille de route Smart Isula.",
        "Accettata : u currettore serà sviluppatu in prugramma liberu cù l’Università di "
        "Corsica è sarà in u fogliu di strada Smart Isula.",
    ),
    (
        "fibre",
        "evaluating",
        "Les services étudient le coût du raccordement des hameaux restants.",
        "I servizii studianu u costu di u raccordu di l’ultimi paesoli.",
    ),
    (
        "wifi",
        "rejected",
        "Déjà prévu : le programme régional équipe les places des villages d’ici deux ans.",
        "Digià previstu : u prugramma righjunale equipa e piazze di i paesi da quì à dui anni.",
    ),
)


#: The proposals written in Corsican (the others are in French): stored with their language,
#: so that pages read in French mark them ``lang="co"`` for screen readers (WCAG 3.1.2).
CORSICAN = frozenset({"correttore", "corsi", "mercatu", "acqua"})
