"""What Touraine's residents proposed, in French (the language they wrote in).

Each row: the project code it became in the vote (or ``None`` when it was not retained, with
the answer why), title, why, commune (INSEE code), theme codes. The codes and communes are the
budgets plugin's (``pnyx_budgets.seed_data``), whose projects the vote reuses.
"""

from __future__ import annotations

#: Communes of Indre-et-Loire the proposals are tied to (INSEE code, name).
COMMUNES = (
    ("37261", "Tours"),
    ("37122", "Joué-lès-Tours"),
    ("37018", "Amboise"),
    ("37063", "Chinon"),
    ("37132", "Loches"),
    ("37031", "Bourgueil"),
    ("37233", "Saint-Pierre-des-Corps"),
    ("37156", "Montlouis-sur-Loire"),
)
THEMES = (
    ("environment", "Environnement", "Environment"),
    ("mobility", "Mobilité", "Mobility"),
    ("sport", "Sport", "Sport"),
    ("culture", "Culture", "Culture"),
    ("solidarity", "Solidarité", "Solidarity"),
)

YOUTH = (
    (
        "J01",
        "Un skatepark aux Deux-Lions",
        "On est une vingtaine à faire du skate sur le parking du centre commercial, ce n'est "
        "pas fait pour ça. Un vrai skatepark avec des modules pour débutants et confirmés.",
        "37261",
        "sport",
    ),
    (
        "J02",
        "Un studio pour enregistrer au collège",
        "Les groupes du collège n'ont nulle part où répéter ni s'enregistrer. Une salle "
        "insonorisée avec un ordinateur et deux micros suffirait.",
        "37018",
        "culture",
    ),
    (
        "J03",
        "Un city-stade à Chinon",
        "Le terrain de foot est toujours pris par les clubs. Un terrain multisport ouvert à "
        "tous, avec des paniers de basket.",
        "37063",
        "sport",
    ),
    (
        "J04",
        "Réparer nos vélos nous-mêmes",
        "Un atelier où des bénévoles nous apprennent à réparer nos vélos, avec des outils en "
        "prêt et des pièces d'occasion.",
        "37122",
        "mobility,solidarity",
    ),
    (
        "J05",
        "Un mur d'escalade au gymnase",
        "Au gymnase de Loches il y a la place pour un mur d'escalade : on pourrait en faire "
        "en EPS et le mercredi.",
        "37132",
        "sport",
    ),
    (
        "J06",
        "Un festival pour les jeunes talents",
        "Une scène ouverte un samedi de juin pour les jeunes musiciens, danseurs et "
        "humoristes de la région de Bourgueil.",
        "37031",
        "culture",
    ),
    (
        "J07",
        "Un potager au lycée",
        "Cultiver des légumes pour la cantine, avec les profs de SVT et les agents.",
        "37261",
        "environment",
    ),
    (
        "J08",
        "Des jeux vidéo à la médiathèque",
        "Un espace avec des consoles et des jeux coopératifs, pour jouer ensemble au lieu "
        "de chacun chez soi.",
        "37018",
        "culture",
    ),
    (
        None,
        "Le wifi gratuit dans tous les bus",
        "Pour faire nos devoirs dans le trajet du matin.",
        "37233",
        "mobility",
    ),
    (
        None,
        "Une piscine à vagues",
        "Ce serait génial l'été pour ceux qui ne partent pas en vacances.",
        "37156",
        "sport",
    ),
)

EVERYONE = (
    (
        "T01",
        "Relier Tours et Montlouis à vélo le long de la Loire",
        "Le tronçon entre le pont de Saint-Pierre et Montlouis manque : les cyclistes "
        "roulent sur la départementale. Une piste séparée le long de la levée.",
        "37261",
        "mobility",
    ),
    (
        "T02",
        "Restaurer le lavoir de Chinon",
        "Le lavoir de la rue du Raineau s'effondre. Le restaurer et y installer un panneau "
        "sur l'histoire des lavandières.",
        "37063",
        "culture",
    ),
    (
        "T03",
        "Des jardins partagés à la Rabière",
        "Des parcelles pour les habitants des immeubles, un composteur et un abri à outils, "
        "animés par le centre social.",
        "37122",
        "environment,solidarity",
    ),
    (
        "T04",
        "Une navette électrique dans le centre de Loches",
        "Pour monter à la cité royale et aller au marché sans voiture, surtout pour les "
        "personnes âgées.",
        "37132",
        "mobility",
    ),
    (
        "T05",
        "De l'ombre place du Château à Amboise",
        "L'été la place est une fournaise : des arbres et des bancs à l'ombre.",
        "37018",
        "environment",
    ),
    (
        "T06",
        "Une épicerie solidaire à Tours nord",
        "Des produits à petit prix pour les familles qui ont du mal à finir le mois, tenue "
        "avec les associations.",
        "37261",
        "solidarity",
    ),
    (
        "T07",
        "Planter un verger communal à Bourgueil",
        "Des variétés anciennes de pommiers et de poiriers, cueillette libre pour tous.",
        "37031",
        "environment",
    ),
    (
        "T08",
        "Rénover la salle des fêtes de Chinon",
        "La salle n'est plus aux normes : l'isoler et l'équiper pour les spectacles.",
        "37063",
        "culture",
    ),
    (
        "T09",
        "Des abris vélos fermés à la gare de Joué",
        "On se fait voler nos vélos : des abris sécurisés avec un badge.",
        "37122",
        "mobility",
    ),
    (
        "T10",
        "Des fontaines d'eau potable à Loches",
        "Pour les promeneurs et les sportifs, au jardin public et le long de l'Indre.",
        "37132",
        "environment",
    ),
    (
        "T11",
        "Une maison des associations à Amboise",
        "Des salles de réunion et un lieu de stockage partagés par les associations.",
        "37018",
        "solidarity,culture",
    ),
    (
        "T12",
        "Éclairer les chemins au solaire",
        "Les chemins entre les hameaux sont noirs l'hiver : des bornes solaires à détection.",
        "37031",
        "environment,mobility",
    ),
    (
        None,
        "Un parking gratuit en centre-ville",
        "Les parkings payants font fuir les clients des commerces.",
        "37261",
        "mobility",
    ),
    (
        None,
        "Un pont piéton sur la Loire à Saint-Pierre",
        "Pour aller à pied à l'île Aucard.",
        "37233",
        "mobility",
    ),
)

#: Why a proposal was not retained (the answer staff published), by its title.
NOT_RETAINED = {
    "Le wifi gratuit dans tous les bus": "Les bus relèvent de la compétence de la métropole : "
    "la proposition lui est transmise.",
    "Une piscine à vagues": "Le coût dépasse le budget des jeunes (plus de 2 millions d'euros).",
    "Un parking gratuit en centre-ville": "Le stationnement relève des communes, pas du "
    "budget départemental.",
    "Un pont piéton sur la Loire à Saint-Pierre": "Une étude est nécessaire avant tout "
    "chiffrage : elle est inscrite au plan vélo départemental.",
}
