"""Hybrid meetings across the island: three held, with detailed minutes in French and Corsican
linked to the proposals that came out of them, and two to come. Two were organized by
organizations (on their behalf), the others by the Collectivité."""

from __future__ import annotations

from pnyx_dist_smart_isula.build import text

#: Days from today, start time, minutes, place code, title, description, location, address,
#: minutes (None: not held yet) as (text, attendees, contributions, organizations, proposals).
MEETINGS = (
    (
        -40,
        "18:00",
        150,
        "2B096",
        text(
            "Atelier à Corte : le numérique dans l’intérieur",
            "Attellu in Corti : u numericu in l’internu",
        ),
        text(
            "Habitants, élus et associations du Centre Corse travaillent sur l’accès au "
            "numérique dans les villages. Sur place ou en visioconférence.",
            "Abitanti, eletti è associ di u Centru di Corsica travaglianu nant’à l’accessu à u "
            "numericu in i paesi. In piazza o in visiocunferenza.",
        ),
        text(
            "Palais national, salle des délibérations", "Palazzu Naziunale, sala di e deliberazioni"
        ),
        "Place Gaffory, 20250 Corte",
        (
            text(
                "## Participants\n\n38 personnes sur place, 24 en ligne ; la Cumuna di Corti, "
                "Isula Numerica et Sulidarità Muntagna étaient représentées.\n\n"
                "## Ce qui a été dit\n\n- La fibre s’arrête souvent au chef-lieu : les hameaux "
                "restent en ADSL, parfois sans réseau mobile.\n- Les aînés renoncent aux "
                "démarches en ligne faute d’accompagnement.\n- Les jeunes veulent travailler "
                "au village, à condition d’avoir un lieu équipé.\n\n"
                "## Propositions issues de l’atelier\n\nTrois propositions ont été rédigées en "
                "séance et publiées sur la plateforme (liste ci-dessous).\n\n"
                "## Suites\n\nLes services de la Collectivité chiffrent le raccordement des "
                "hameaux ; réponse publiée avant la prochaine réunion.",
                "## Participanti\n\n38 persone in piazza, 24 in linea ; a Cumuna di Corti, "
                "Isula Numerica è Sulidarità Muntagna eranu riprisentate.\n\n"
                "## Ciò chì hè statu dettu\n\n- A fibra si ferma spessu à u capipaese : i "
                "paesoli fermanu in ADSL, qualchì volta senza reta mobile.\n- I anziani "
                "rinuncianu à e pratiche in linea per mancanza d’accumpagnamentu.\n- I giovani "
                "volenu travaglià in paese, s’elli anu un locu equipatu.\n\n"
                "## Pruposte nate da l’attellu\n\nTrè pruposte sò state scritte in sessione è "
                "publicate nant’à a piattaforma (lista quì sottu).\n\n"
                "## Seguitu\n\nI servizii di a Cullettività calculanu u costu di u raccordu di "
                "i paesoli ; risposta publicata nanzu à a prossima riunione.",
            ),
            62,
            21,
            "Cumuna di Corti, Isula Numerica SCOP, Associu Sulidarità Muntagna",
            ("fibre", "tiers-lieux", "mediateurs"),
        ),
    ),
    (
        -25,
        "18:30",
        120,
        "2A004",
        text(
            "Réunion publique à Ajaccio : la langue corse et le numérique",
            "Riunione publica in Aiacciu : a lingua corsa è u numericu",
        ),
        text(
            "Comment faire vivre le corse sur les écrans ? Réunion bilingue, ouverte à tous, "
            "retransmise en ligne.",
            "Cumu fà campà u corsu nant’à i screni ? Riunione bislingua, aperta à tutti, "
            "trasmessa in linea.",
        ),
        text("Palais des congrès, salle Bonaparte", "Palazzu di i cungressi, sala Bonaparte"),
        "Quai l’Herminier, 20000 Ajaccio",
        (
            text(
                "## Participants\n\n55 personnes sur place, 41 en ligne, dont des enseignants, "
                "des traducteurs et l’Associu Lingua Viva.\n\n"
                "## Ce qui a été dit\n\n- Il manque des outils communs : correcteur, "
                "dictionnaire, claviers.\n- Les nouveaux habitants veulent apprendre le corse "
                "mais les cours du soir sont complets.\n\n"
                "## Propositions issues de la réunion\n\nDeux propositions, écrites en corse, "
                "ont été déposées à la suite de la réunion.\n\n"
                "## Suites\n\nLa Collectivité a retenu le correcteur libre dans sa feuille de "
                "route.",
                "## Participanti\n\n55 persone in piazza, 41 in linea, frà elli insegnanti, "
                "traduttori è l’Associu Lingua Viva.\n\n"
                "## Ciò chì hè statu dettu\n\n- Mancanu attrezzi cumuni : currettore, "
                "dizziunariu, tastiere.\n- I novi abitanti volenu amparà u corsu ma i corsi di "
                "sera sò pieni.\n\n"
                "## Pruposte nate da a riunione\n\nDuie pruposte, scritte in corsu, sò state "
                "depunite dopu à a riunione.\n\n"
                "## Seguitu\n\nA Cullettività hà ritenutu u currettore liberu in u so fogliu "
                "di strada.",
            ),
            96,
            18,
            "Associu Lingua Viva",
            ("correttore", "corsi"),
        ),
    ),
    (
        -12,
        "17:30",
        120,
        "2B033",
        text(
            "Bastia : entreprises, formation et emploi",
            "Bastia : imprese, furmazione è impiegu",
        ),
        text(
            "Entreprises, lycées et organismes de formation cherchent ensemble comment former "
            "aux métiers du numérique.",
            "Imprese, licei è urganismi di furmazione cercanu inseme cumu furmà à i mestieri "
            "di u numericu.",
        ),
        text("Chambre de commerce, salle du port", "Camera di cummerciu, sala di u portu"),
        "Hôtel consulaire, rue du Nouveau Port, 20200 Bastia",
        (
            text(
                "## Participants\n\n31 personnes sur place, 12 en ligne.\n\n"
                "## Ce qui a été dit\n\n- Les entreprises peinent à recruter des développeurs "
                "formés dans l’île.\n- Les artisans veulent mieux vendre en ligne sans perdre "
                "l’origine de leurs produits.\n\n"
                "## Propositions issues de la réunion\n\nLes ateliers de code pour les lycéens "
                "et le label numérique des artisans.\n\n"
                "## Suites\n\nUne deuxième réunion est prévue avec les lycées.",
                "## Participanti\n\n31 persone in piazza, 12 in linea.\n\n"
                "## Ciò chì hè statu dettu\n\n- L’imprese anu difficultà à ingaghjà "
                "sviluppatori furmati in l’isula.\n- L’artisgiani volenu vende megliu in linea "
                "senza perde l’origine di i so prudutti.\n\n"
                "## Pruposte nate da a riunione\n\nL’attelli di codice per i liceani è u "
                "label numericu di l’artisgiani.\n\n"
                "## Seguitu\n\nHè prevista una seconda riunione cù i licei.",
            ),
            43,
            11,
            "Isula Numerica SCOP",
            ("code", "label"),
        ),
    ),
    (
        9,
        "18:00",
        120,
        "2B033",
        text(
            "Restitution de la co-construction à Bastia",
            "Restituzione di a cuncustruzzione in Bastia",
        ),
        text(
            "La Collectivité présente les propositions retenues et le calendrier de la feuille "
            "de route. Inscription conseillée ; suivi possible en ligne.",
            "A Cullettività presenta e pruposte ritenute è u calendariu di u fogliu di strada. "
            "Iscrizzione cunsigliata ; si pò seguità in linea.",
        ),
        text("Théâtre municipal", "Teatru municipale"),
        "Rue Favalelli, 20200 Bastia",
        None,
    ),
    (
        16,
        "12:30",
        60,
        "corse",
        text("Questions-réponses en ligne", "Dumande è risposte in linea"),
        text(
            "Une heure pour poser vos questions sur Smart Isula, en français ou en corse.",
            "Un’ora per fà e vostre dumande nant’à Smart Isula, in francese o in corsu.",
        ),
        None,
        "",
        None,
    ),
)

#: Meeting (its position in MEETINGS) → the organization that organized it (the key of
#: ``organizations.ORGANIZATIONS``); the others are the Collectivité's.
ORGANIZED_BY = {0: "corti", 2: "numerica"}
