"""The actors of international relations that ISO 3166-1 does not list, and the names
people give them all: the project's own table, read by `timeline.countries` (which adds
what pycountry knows) and by shell completion (which must not wait for pycountry).

An event stores one code per actor:

- a country: its ISO 3166-1 alpha-2 code (`KR`), and Kosovo `XK` (the code the EU, the
  IMF and ISO's user-assigned range give it);
- a former state: its ISO 3166-3 four-letter code (`SUHH` the Soviet Union). ISO re-used
  some former two-letter codes (`CS`, twice) and gave others to new countries (`SK` is
  Slovakia, not Sikkim): only the four-letter code never collides with a current one;
- an international organisation: the code below, which collides with no country's code,
  current or former, alpha-2, -3 or -4 (`EU` and `UN` are the two that ISO 3166-1 reserves
  exceptionally for exactly these; the African Union is `AFU`, since `AU` is Australia).

Names are matched in any case and with any spacing; a name that a current country already
has stays that country's.
"""

from __future__ import annotations

from typing import NamedTuple


class Organisation(NamedTuple):
    code: str
    name: str  # as shown: short, how the field writes it
    names: tuple[str, ...]  # the other names and acronyms it goes by, in any language
    cameo: tuple[str, ...] = ()  # its CAMEO organisation codes (IGO + this), if any


# CAMEO codes: the CAMEO manual 1.1b3 (Schrodt, 2012), table 3.4 "International/
# Transnational Actors with Special Codes" (`IGOUNO` the UN, `IGOEEC` the EU, NATO's `NAT`).
ORGANISATIONS: tuple[Organisation, ...] = (
    Organisation(
        "EU",
        "European Union",
        ("E.U.", "유럽연합", "유럽 연합", "欧州連合", "欧盟", "歐盟"),
        ("EEC",),
    ),
    Organisation(
        "UN",
        "United Nations",
        (
            "U.N.",
            "UNO",
            "United Nations Organization",
            "유엔",
            "국제연합",
            "国際連合",
            "国連",
            "联合国",
            "聯合國",
        ),
        ("UNO",),
    ),
    Organisation(
        "NATO",
        "NATO",
        (
            "North Atlantic Treaty Organization",
            "North Atlantic Treaty Organisation",
            "North Atlantic Alliance",
            "나토",
            "북대서양조약기구",
            "北大西洋条約機構",
            "北约",
            "北約",
        ),
        ("NAT",),
    ),
    Organisation(
        "ASEAN",
        "ASEAN",
        (
            "Association of Southeast Asian Nations",
            "Association of South-East Asian Nations",
            "아세안",
            "동남아시아국가연합",
            "東南アジア諸国連合",
            "东盟",
            "東盟",
            "東協",
        ),
        ("ASN",),
    ),
    Organisation(
        "AFU",
        "African Union",
        ("아프리카연합", "아프리카 연합", "アフリカ連合", "非洲联盟", "非洲聯盟", "非盟"),
    ),
    Organisation("G7", "G7", ("G-7", "Group of Seven"), ("GOS",)),
    Organisation("G20", "G20", ("G-20", "Group of Twenty")),
    Organisation(
        "OPEC",
        "OPEC",
        (
            "Organization of the Petroleum Exporting Countries",
            "Organization of Petroleum Exporting Countries",
            "석유수출국기구",
            "石油輸出国機構",
            "石油输出国组织",
        ),
        ("OPC",),
    ),
    Organisation(
        "IAEA",
        "IAEA",
        (
            "International Atomic Energy Agency",
            "국제원자력기구",
            "国際原子力機関",
            "国际原子能机构",
        ),
        ("IAE",),
    ),
    Organisation(
        "WTO",
        "WTO",
        (
            "World Trade Organization",
            "World Trade Organisation",
            "세계무역기구",
            "世界貿易機関",
            "世界贸易组织",
        ),
        ("WTO",),
    ),
    Organisation(
        "IMF",
        "IMF",
        ("International Monetary Fund", "국제통화기금", "国際通貨基金", "国际货币基金组织"),
        ("IMF",),
    ),
    Organisation(
        "WBG",
        "World Bank",
        (
            "World Bank Group",
            "International Bank for Reconstruction and Development",
            "IBRD",
            "세계은행",
            "世界銀行",
            "世界银行",
        ),
        ("WBK",),
    ),
    Organisation(
        "LAS",
        "Arab League",
        ("League of Arab States", "아랍연맹", "アラブ連盟", "阿拉伯国家联盟", "阿盟"),
        ("ARL",),
    ),
    Organisation(
        "GCC",
        "Gulf Cooperation Council",
        (
            "Cooperation Council for the Arab States of the Gulf",
            "걸프협력회의",
            "湾岸協力会議",
            "海湾合作委员会",
        ),
        ("GCC",),
    ),
    Organisation(
        "SCO",
        "Shanghai Cooperation Organisation",
        ("Shanghai Cooperation Organization", "상하이협력기구", "上海協力機構", "上海合作组织"),
    ),
    Organisation("BRICS", "BRICS", ("브릭스", "金砖国家")),
    Organisation(
        "OSCE",
        "OSCE",
        (
            "Organization for Security and Co-operation in Europe",
            "Organization for Security and Cooperation in Europe",
            "Organisation for Security and Co-operation in Europe",
            "유럽안보협력기구",
            "欧州安全保障協力機構",
            "欧洲安全与合作组织",
        ),
        ("SCE",),
    ),
    Organisation(
        "APEC",
        "APEC",
        (
            "Asia-Pacific Economic Cooperation",
            "Asia Pacific Economic Cooperation",
            "아시아태평양경제협력체",
            "アジア太平洋経済協力",
            "亚太经济合作组织",
        ),
    ),
    Organisation(
        "QUAD", "Quad", ("Quadrilateral Security Dialogue", "쿼드", "クアッド", "日米豪印")
    ),
    Organisation(
        "OECD",
        "OECD",
        (
            "Organisation for Economic Co-operation and Development",
            "Organization for Economic Cooperation and Development",
            "경제협력개발기구",
            "経済協力開発機構",
            "经济合作与发展组织",
        ),
    ),
    Organisation("OAS", "Organization of American States", (), ("OAS",)),
    Organisation("ECOWAS", "ECOWAS", ("Economic Community of West African States",), ("WAS",)),
    Organisation("CIS", "CIS", ("Commonwealth of Independent States",), ("CIS",)),
    Organisation(
        "WHO",
        "WHO",
        ("World Health Organization", "세계보건기구", "世界保健機関", "世界卫生组织"),
        ("WHO",),
    ),
)

# Kosovo: not in ISO 3166-1; XK and XKX are the user-assigned codes in general use.
KOSOVO_CODES = ("XK", "XKX")
KOSOVO = "Kosovo"
KOSOVO_NAMES = ("Republic of Kosovo", "코소보", "コソボ", "科索沃")

# Former states (ISO 3166-3, by their four-letter code): the name they are shown by, when
# pycountry's ("USSR, Union of Soviet Socialist Republics") is not how people say it, and
# names it lacks. Every other former state is shown by its name up to the first comma.
FORMER_STATES: dict[str, tuple[str | None, tuple[str, ...]]] = {
    "SUHH": (
        "Soviet Union",
        ("U.S.S.R.", "소련", "소비에트 연방", "ソ連", "ソビエト連邦", "苏联", "蘇聯"),
    ),
    "DDDE": ("East Germany", ("GDR", "동독", "東ドイツ", "东德", "東德")),
    "YUCS": ("Yugoslavia", ("SFRY", "유고슬라비아", "ユーゴスラビア", "南斯拉夫")),
    "CSHH": ("Czechoslovakia", ("체코슬로바키아", "チェコスロバキア", "捷克斯洛伐克")),
    "CSXX": ("Serbia and Montenegro", ("State Union of Serbia and Montenegro",)),
    "BYAA": ("Byelorussian SSR", ("Byelorussian Soviet Socialist Republic",)),
    "VDVN": (
        "North Vietnam",
        ("Democratic Republic of Vietnam", "Democratic Republic of Viet Nam"),
    ),
    "YDYE": ("South Yemen", ("People's Democratic Republic of Yemen", "Democratic Yemen")),
    "FXFR": ("Metropolitan France", ()),
    "PCHH": ("Pacific Islands Trust Territory", ("Trust Territory of the Pacific Islands",)),
}

# Names people use for current countries that pycountry does not list (its own names,
# official and common ones, are read from it, "Korea, Republic of" also as "Republic of
# Korea"), and the everyday Korean, Japanese and Chinese names its translations lack
# (they give the official ones: 대한민국, 大韓民国, 朝鮮民主主義人民共和国).
EXTRA_NAMES: dict[str, str] = {
    "ROK": "KR",
    "DPRK": "KP",
    "PRC": "CN",
    "ROC": "TW",
    "Republic of China": "TW",
    "Chinese Taipei": "TW",
    "Korea, South": "KR",
    "Korea, North": "KP",
    "UK": "GB",
    "U.K.": "GB",
    "Britain": "GB",
    "Great Britain": "GB",
    "England": "GB",
    "USA": "US",
    "U.S.": "US",
    "U.S.A.": "US",
    "America": "US",
    "United States of America": "US",
    "Russia": "RU",
    "West Germany": "DE",
    "FRG": "DE",
    "UAE": "AE",
    "DRC": "CD",
    "Congo-Kinshasa": "CD",
    "Congo-Brazzaville": "CG",
    "Vietnam": "VN",
    "Czech Republic": "CZ",
    "Turkey": "TR",
    "Holland": "NL",
    "Burma": "MM",
    "Ivory Coast": "CI",
    "Cape Verde": "CV",
    "Swaziland": "SZ",
    "Vatican": "VA",
    "Vatican City": "VA",
    "Falklands": "FK",
    "Macau": "MO",
    "East Timor": "TL",
    "한국": "KR",
    "남한": "KR",
    "북한": "KP",
    "韓国": "KR",
    "北朝鮮": "KP",
    "アメリカ": "US",
    "韩国": "KR",
    "南韩": "KR",
    "朝鲜": "KP",
    "北韩": "KP",
    "南韓": "KR",
    "北韓": "KP",
    "중화민국": "TW",
    "中華民國": "TW",
    "中华民国": "TW",
    "中華民国": "TW",
    "서독": "DE",
    "西ドイツ": "DE",
    "西德": "DE",
}


def own_names() -> dict[str, str]:
    """The display name of every actor this table declares (organisations and Kosovo)."""
    return {KOSOVO_CODES[0]: KOSOVO} | {org.code: org.name for org in ORGANISATIONS}


def former_state_name(alpha4: str, name: str) -> str:
    """How a former state is shown: the table's name, else pycountry's up to its first
    comma (`Zaire, Republic of` is `Zaire`)."""
    shown = FORMER_STATES.get(alpha4, (None, ()))[0]
    return shown or name.split(",")[0].strip()
