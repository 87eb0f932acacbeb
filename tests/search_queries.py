"""Queries the search must answer: (page language, query, method expected in the top 3).

Shared by tests/test_search_recall.py and bench/search.py, which reports recall.
"""

SEARCH_TABLE = [
    # Finnish inflections find the base form.
    ("fi", "masennuksen", "friends-ohjelma"),
    ("fi", "masennusta", "friends-ohjelma"),
    ("fi", "masennus", "friends-ohjelma"),
    ("fi", "nuorille", "nuorten-kompassi"),
    ("fi", "vanhemmuuden", "vahvuutta-vanhemmuuteen"),
    ("fi", "kiusaamista", "kiva-koulu"),
    ("fi", "ahdistukseen", "cool-kids"),
    ("fi", "päihteiden", "mdft"),
    ("fi", "eroriidat", "lapset-pois-eroriidoista"),
    ("fi", "vauvaperheille", "vahvuutta-vanhemmuuteen"),
    ("fi", "neuvolassa", "voimaperheet"),
    ("fi", "koulussa", "kiva-koulu"),
    ("fi", "itsetuntoa", "friends-ohjelma"),
    # Compounds: a part finds the compound, a compound finds its head.
    ("fi", "väkivalta", "trappan"),
    ("fi", "perheväkivalta", "trappan"),
    ("fi", "koulukiusaaminen", "kiva-koulu"),
    ("fi", "häiriö", "mdft"),
    ("fi", "käytöshäiriöt", "mdft"),
    ("fi", "kiintymyssuhde", "theraplay"),
    ("fi", "mentalisaatio", "vahvuutta-vanhemmuuteen"),
    # Typos of one or two letters.
    ("fi", "masenus", "friends-ohjelma"),
    ("fi", "Frends", "friends-ohjelma"),
    ("fi", "ihmelliset vuodet", "ihmeelliset-vuodet-vanhemmuusryhmat"),
    ("fi", "kiusaminen", "kiva-koulu"),
    # Multi-word queries and names.
    ("fi", "vanhemman sairaus", "lapset-puheeksi-perheinterventio"),
    ("fi", "ihmeelliset vuodet", "ihmeelliset-vuodet-ryhmanhallintamenetelma"),
    ("fi", "kiva koulu", "kiva-koulu"),
    ("fi", "MDFT", "mdft"),
    ("fi", "lapset puheeksi", "lapset-puheeksi-keskustelu"),
    # Swedish.
    ("sv", "föräldraskapet", "vahvuutta-vanhemmuuteen"),
    ("sv", "mobbningen", "kiva-koulu"),
    ("sv", "skolmobbning", "kiva-koulu"),
    ("sv", "ångest", "cool-kids"),
    ("sv", "depression", "friends-ohjelma"),
    ("sv", "skilsmässa", "lapset-pois-eroriidoista"),
    ("sv", "våld i familjen", "trappan"),
    ("sv", "missbruk", "mdft"),
    ("sv", "anknytning", "theraplay"),
    ("sv", "Trapan", "trappan"),
    # English.
    ("en", "parenting", "vahvuutta-vanhemmuuteen"),
    ("en", "parents", "ihmeelliset-vuodet-vanhemmuusryhmat"),
    ("en", "bullying", "kiva-koulu"),
    ("en", "anxiety", "cool-kids"),
    ("en", "divorce", "lapset-pois-eroriidoista"),
    ("en", "substance use", "mdft"),
    ("en", "attachment", "theraplay"),
    ("en", "family violence", "trappan"),
    ("en", "Frends", "friends-ohjelma"),
    ("en", "Incredible Years", "ihmeelliset-vuodet-vanhemmuusryhmat"),
]

# Queries the search does not answer yet, kept to measure progress (bench/search.py).
KNOWN_MISSES = [
    ("en", "anxious", "cool-kids"),  # no stemmer: "anxious" and "anxiety" are different lemmas
    ("fi", "ahdistuneisuushäiriö", "cool-kids"),  # the head "häiriö" leads to conduct problems
    ("fi", "erotilanteessa", "lapset-pois-eroriidoista"),  # the head "tilanne" is too general
    # simplemma guesses the lemma "tera", a part of "lyhytterapia" (a method added with the
    # service models), so the typo is never corrected to "theraplay"
    ("fi", "teraplay", "theraplay"),
]
