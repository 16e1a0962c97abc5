"""The Correlates of War (COW) and Gleditsch–Ward (G–W) state numbers of the stored codes,
which dyad-year panels carry so that they join the field's data (COW's alliances, MIDs and
trade; peacesciencer; POLECAT's `Actor COW` columns) by state and year.

Sources, as published:
- Correlates of War Project, *State System Membership List, v2016* (states2016.csv),
  https://correlatesofwar.org/data-sets/state-system-membership/
- Kristian S. Gleditsch and Michael D. Ward, "A revised list of independent states since
  the Congress of Vienna", *International Interactions* 25 (1999): 393–413, and its
  list of microstates, as updated at http://ksgleditsch.com/data-4.html

The numbers are those lists' own. Both systems code states only: an organisation has
neither, nor has a territory that was never a state of theirs (Palestine, Western Sahara,
Hong Kong). A former state has the number its system gave it (the Soviet Union is 365 in
both, as Russia is). Where a system changed a country's number, the year decides
(`YEAR_RULES`).
"""

from __future__ import annotations

# stored code -> (COW number, G–W number); None where the system has no such state.
NUMBERS: dict[str, tuple[int | None, int | None]] = {
    "AD": (232, 232),  # Andorra
    "AE": (696, 696),  # United Arab Emirates
    "AF": (700, 700),  # Afghanistan
    "AG": (58, 58),  # Antigua & Barbuda
    "AL": (339, 339),  # Albania
    "AM": (371, 371),  # Armenia
    "AO": (540, 540),  # Angola
    "AR": (160, 160),  # Argentina
    "AT": (305, 305),  # Austria
    "AU": (900, 900),  # Australia
    "AZ": (373, 373),  # Azerbaijan
    "BA": (346, 346),  # Bosnia & Herzegovina
    "BB": (53, 53),  # Barbados
    "BD": (771, 771),  # Bangladesh
    "BE": (211, 211),  # Belgium
    "BF": (439, 439),  # Burkina Faso
    "BG": (355, 355),  # Bulgaria
    "BH": (692, 692),  # Bahrain
    "BI": (516, 516),  # Burundi
    "BJ": (434, 434),  # Benin
    "BN": (835, 835),  # Brunei
    "BO": (145, 145),  # Bolivia
    "BR": (140, 140),  # Brazil
    "BS": (31, 31),  # Bahamas
    "BT": (760, 760),  # Bhutan
    "BW": (571, 571),  # Botswana
    "BY": (370, 370),  # Belarus
    "BZ": (80, 80),  # Belize
    "CA": (20, 20),  # Canada
    "CD": (490, 490),  # Congo - Kinshasa
    "CF": (482, 482),  # Central African Republic
    "CG": (484, 484),  # Congo - Brazzaville
    "CH": (225, 225),  # Switzerland
    "CI": (437, 437),  # Côte d’Ivoire
    "CL": (155, 155),  # Chile
    "CM": (471, 471),  # Cameroon
    "CN": (710, 710),  # China
    "CO": (100, 100),  # Colombia
    "CR": (94, 94),  # Costa Rica
    "CU": (40, 40),  # Cuba
    "CV": (402, 402),  # Cape Verde
    "CY": (352, 352),  # Cyprus
    "CZ": (316, 316),  # Czechia
    "DE": (255, 260),  # Germany
    "DJ": (522, 522),  # Djibouti
    "DK": (390, 390),  # Denmark
    "DM": (54, 54),  # Dominica
    "DO": (42, 42),  # Dominican Republic
    "DZ": (615, 615),  # Algeria
    "EC": (130, 130),  # Ecuador
    "EE": (366, 366),  # Estonia
    "EG": (651, 651),  # Egypt
    "ER": (531, 531),  # Eritrea
    "ES": (230, 230),  # Spain
    "ET": (530, 530),  # Ethiopia
    "FI": (375, 375),  # Finland
    "FJ": (950, 950),  # Fiji
    "FM": (987, 987),  # Micronesia (Federated States of)
    "FR": (220, 220),  # France
    "GA": (481, 481),  # Gabon
    "GB": (200, 200),  # United Kingdom
    "GD": (55, 55),  # Grenada
    "GE": (372, 372),  # Georgia
    "GH": (452, 452),  # Ghana
    "GM": (420, 420),  # Gambia
    "GN": (438, 438),  # Guinea
    "GQ": (411, 411),  # Equatorial Guinea
    "GR": (350, 350),  # Greece
    "GT": (90, 90),  # Guatemala
    "GW": (404, 404),  # Guinea-Bissau
    "GY": (110, 110),  # Guyana
    "HN": (91, 91),  # Honduras
    "HR": (344, 344),  # Croatia
    "HT": (41, 41),  # Haiti
    "HU": (310, 310),  # Hungary
    "ID": (850, 850),  # Indonesia
    "IE": (205, 205),  # Ireland
    "IL": (666, 666),  # Israel
    "IN": (750, 750),  # India
    "IQ": (645, 645),  # Iraq
    "IR": (630, 630),  # Iran
    "IS": (395, 395),  # Iceland
    "IT": (325, 325),  # Italy
    "JM": (51, 51),  # Jamaica
    "JO": (663, 663),  # Jordan
    "JP": (740, 740),  # Japan
    "KE": (501, 501),  # Kenya
    "KG": (703, 703),  # Kyrgyzstan
    "KH": (811, 811),  # Cambodia
    "KI": (946, 970),  # Kiribati
    "KM": (581, 581),  # Comoros
    "KN": (60, 60),  # St. Kitts & Nevis
    "KP": (731, 731),  # North Korea
    "KR": (732, 732),  # South Korea
    "KW": (690, 690),  # Kuwait
    "KZ": (705, 705),  # Kazakhstan
    "LA": (812, 812),  # Laos
    "LB": (660, 660),  # Lebanon
    "LC": (56, 56),  # St. Lucia
    "LI": (223, 223),  # Liechtenstein
    "LK": (780, 780),  # Sri Lanka
    "LR": (450, 450),  # Liberia
    "LS": (570, 570),  # Lesotho
    "LT": (368, 368),  # Lithuania
    "LU": (212, 212),  # Luxembourg
    "LV": (367, 367),  # Latvia
    "LY": (620, 620),  # Libya
    "MA": (600, 600),  # Morocco
    "MC": (221, 221),  # Monaco
    "MD": (359, 359),  # Moldova
    "ME": (341, 341),  # Montenegro
    "MG": (580, 580),  # Madagascar
    "MH": (983, 983),  # Marshall Islands
    "MK": (343, 343),  # North Macedonia
    "ML": (432, 432),  # Mali
    "MM": (775, 775),  # Myanmar (Burma)
    "MN": (712, 712),  # Mongolia
    "MR": (435, 435),  # Mauritania
    "MT": (338, 338),  # Malta
    "MU": (590, 590),  # Mauritius
    "MV": (781, 781),  # Maldives
    "MW": (553, 553),  # Malawi
    "MX": (70, 70),  # Mexico
    "MY": (820, 820),  # Malaysia
    "MZ": (541, 541),  # Mozambique
    "NA": (565, 565),  # Namibia
    "NE": (436, 436),  # Niger
    "NG": (475, 475),  # Nigeria
    "NI": (93, 93),  # Nicaragua
    "NL": (210, 210),  # Netherlands
    "NO": (385, 385),  # Norway
    "NP": (790, 790),  # Nepal
    "NR": (970, 971),  # Nauru
    "NZ": (920, 920),  # New Zealand
    "OM": (698, 698),  # Oman
    "PA": (95, 95),  # Panama
    "PE": (135, 135),  # Peru
    "PG": (910, 910),  # Papua New Guinea
    "PH": (840, 840),  # Philippines
    "PK": (770, 770),  # Pakistan
    "PL": (290, 290),  # Poland
    "PT": (235, 235),  # Portugal
    "PW": (986, 986),  # Palau
    "PY": (150, 150),  # Paraguay
    "QA": (694, 694),  # Qatar
    "RO": (360, 360),  # Romania
    "RS": (345, 340),  # Serbia
    "RU": (365, 365),  # Russia
    "RW": (517, 517),  # Rwanda
    "SA": (670, 670),  # Saudi Arabia
    "SB": (940, 940),  # Solomon Islands
    "SC": (591, 591),  # Seychelles
    "SD": (625, 625),  # Sudan
    "SE": (380, 380),  # Sweden
    "SG": (830, 830),  # Singapore
    "SI": (349, 349),  # Slovenia
    "SK": (317, 317),  # Slovakia
    "SL": (451, 451),  # Sierra Leone
    "SM": (331, 331),  # San Marino
    "SN": (433, 433),  # Senegal
    "SO": (520, 520),  # Somalia
    "SR": (115, 115),  # Suriname
    "SS": (626, 626),  # South Sudan
    "ST": (403, 403),  # São Tomé & Príncipe
    "SV": (92, 92),  # El Salvador
    "SY": (652, 652),  # Syria
    "SZ": (572, 572),  # Eswatini
    "TD": (483, 483),  # Chad
    "TG": (461, 461),  # Togo
    "TH": (800, 800),  # Thailand
    "TJ": (702, 702),  # Tajikistan
    "TL": (860, 860),  # Timor-Leste
    "TM": (701, 701),  # Turkmenistan
    "TN": (616, 616),  # Tunisia
    "TO": (955, 972),  # Tonga
    "TR": (640, 640),  # Turkey
    "TT": (52, 52),  # Trinidad & Tobago
    "TV": (947, 973),  # Tuvalu
    "TW": (713, 713),  # Taiwan
    "TZ": (510, 510),  # Tanzania
    "UA": (369, 369),  # Ukraine
    "UG": (500, 500),  # Uganda
    "US": (2, 2),  # United States
    "UY": (165, 165),  # Uruguay
    "UZ": (704, 704),  # Uzbekistan
    "VC": (57, 57),  # St. Vincent & Grenadines
    "VE": (101, 101),  # Venezuela
    "VN": (816, 816),  # Vietnam
    "VU": (935, 935),  # Vanuatu
    "WS": (990, 990),  # Samoa
    "XK": (347, 347),  # Kosovo
    "YE": (679, 678),  # Yemen
    "ZA": (560, 560),  # South Africa
    "ZM": (551, 551),  # Zambia
    "ZW": (552, 552),  # Zimbabwe
    # former states (ISO 3166-3 codes, see `timeline.actors`)
    "BUMM": (775, 775),  # Burma
    "CSHH": (315, 315),  # Czechoslovakia
    "CSXX": (345, 345),  # Serbia and Montenegro: Yugoslavia's number in both
    "DDDE": (265, 265),  # German Democratic Republic
    "DYBJ": (434, 434),  # Dahomey (Benin)
    "HVBF": (439, 439),  # Upper Volta (Burkina Faso)
    "RHZW": (None, 552),  # Southern Rhodesia: G–W from 1965; COW's 552 starts in 1980
    "SUHH": (365, 365),  # Soviet Union
    "TPTL": (860, 860),  # East Timor
    "VDVN": (816, 816),  # Democratic Republic of Vietnam
    "YDYE": (680, 680),  # People's Democratic Republic of Yemen
    "YUCS": (345, 345),  # Yugoslavia
    "ZRCD": (490, 490),  # Zaire
}

# The years in which a system gave a country another number than NUMBERS' (or none):
# (code, system) -> [(first year, last year, number)]. A year counts as the state that
# held it at its end (Germany's 1990 is unified Germany's in COW).
YEAR_RULES: dict[tuple[str, str], list[tuple[int, int, int | None]]] = {
    ("DE", "cow"): [(1946, 1954, None), (1955, 1989, 260)],  # West Germany 1955–1990
    ("DE", "gw"): [(1, 1945, 255), (1946, 1948, None)],  # G–W: 255 to 1945, 260 from 1949
    ("YE", "cow"): [(1, 1989, 678)],  # COW: Yemen Arab Republic 678, Yemen 679 from 1990
}


def cow(code: str, year: int) -> int | None:
    """The COW state number of a stored code in a year, None where COW has none."""
    return _number(code, year, "cow", 0)


def gleditsch_ward(code: str, year: int) -> int | None:
    """The Gleditsch–Ward state number of a stored code in a year, None where G–W has none."""
    return _number(code, year, "gw", 1)


def _number(code: str, year: int, system: str, column: int) -> int | None:
    for first, last, number in YEAR_RULES.get((code, system), ()):
        if first <= year <= last:
            return number
    numbers = NUMBERS.get(code)
    return numbers[column] if numbers else None
