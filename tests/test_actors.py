"""The actors of international relations: countries by the field's names, Kosovo, former
states (ISO 3166-3) and international organisations, from `timeline add` to the page."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pycountry
import pytest

from test_complete import offered
from timeline.actors import FORMER_STATES, KOSOVO_CODES, ORGANISATIONS
from timeline.cameo import organisation_of
from timeline.countries import (
    alpha3_to_alpha2,
    country_name,
    country_names,
    names_from_data_file,
    organisation_named,
    to_alpha2,
    to_alpha2_list,
)
from timeline.errors import FieldError

DATA = Path(__file__).parent / "data"
ORGANISATION_CODES = [org.code for org in ORGANISATIONS]
FORMER_CODES = [c.alpha_4 for c in pycountry.historic_countries]

# --- countries.py -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("ROK", "KR"),
        ("rok", "KR"),
        ("PRC", "CN"),
        ("DPRK", "KP"),
        ("Republic of Korea", "KR"),  # pycountry's "Korea, Republic of", made natural
        ("Democratic People's Republic of Korea", "KP"),
        ("Democratic People\u2019s Republic of Korea", "KP"),  # a typographic apostrophe
        ("Korea, South", "KR"),
        ("Republic of China", "TW"),
        ("ROC", "TW"),
        ("UK", "GB"),
        ("Britain", "GB"),
        ("USA", "US"),
        ("U.S.", "US"),
        ("Russian Federation", "RU"),
        ("Islamic Republic of Iran", "IR"),
        ("Iran, Islamic Republic of", "IR"),
        ("the Democratic Republic of the Congo", "CD"),
        ("Democratic Republic of the Congo", "CD"),
        ("United Republic of Tanzania", "TZ"),
        ("British Virgin Islands", "VG"),  # "Virgin Islands, British"
        ("Holy See", "VA"),  # "Holy See (Vatican City State)"
        ("State of Palestine", "PS"),  # "the State of Palestine"
        ("the Gambia", "GM"),
        ("Viet-Nam", "VN"),  # punctuation aside
        ("West Germany", "DE"),
        ("Federal Republic of Germany", "DE"),
        ("한국", "KR"),  # Korean, Japanese and Chinese names as before
        ("日本", "JP"),
        ("北朝鮮", "KP"),
        ("中華民國", "TW"),
        ("Kosovo", "XK"),
        ("Republic of Kosovo", "XK"),
        ("XKX", "XK"),
        ("코소보", "XK"),
        ("コソボ", "XK"),
        ("科索沃", "XK"),
    ],
)
def test_countries_by_the_names_of_the_field(text: str, code: str) -> None:
    assert to_alpha2(text) == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("SU", "SUHH"),
        ("SUN", "SUHH"),
        ("SUHH", "SUHH"),
        ("USSR", "SUHH"),
        ("Soviet Union", "SUHH"),
        ("Union of Soviet Socialist Republics", "SUHH"),
        ("소련", "SUHH"),
        ("DDR", "DDDE"),
        ("East Germany", "DDDE"),
        ("German Democratic Republic", "DDDE"),
        ("YUG", "YUCS"),
        ("Yugoslavia", "YUCS"),
        ("Socialist Federal Republic of Yugoslavia", "YUCS"),  # "(Socialist) Federal..."
        ("Federal Republic of Yugoslavia", "YUCS"),
        ("Czechoslovakia", "CSHH"),
        ("CSK", "CSHH"),
        ("Serbia and Montenegro", "CSXX"),
        ("SCG", "CSXX"),
        ("Zaire", "ZRCD"),
        ("Upper Volta", "HVBF"),
        ("Sikkim", "SKIN"),
        ("Metropolitan France", "FXFR"),  # "France, Metropolitan"
    ],
)
def test_former_states_by_their_codes_and_names(text: str, code: str) -> None:
    assert to_alpha2(text) == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("SK", "SK"),  # Slovakia, not Sikkim
        ("BY", "BY"),  # Belarus, not the Byelorussian SSR
        ("GE", "GE"),  # Georgia, not the Gilbert and Ellice Islands
        ("AI", "AI"),  # Anguilla, not the French Afars and Issas
        ("ATF", "TF"),  # the French Southern Territories
        ("Burma", "MM"),
        ("East Timor", "TL"),
        ("Yemen", "YE"),
        ("France", "FR"),
    ],
)
def test_a_former_code_or_name_a_current_country_has_stays_the_countrys(
    text: str, code: str
) -> None:
    assert to_alpha2(text) == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("EU", "EU"),
        ("European Union", "EU"),
        ("유럽연합", "EU"),
        ("欧州連合", "EU"),
        ("UN", "UN"),
        ("United Nations", "UN"),
        ("유엔", "UN"),
        ("국제연합", "UN"),
        ("国際連合", "UN"),
        ("国連", "UN"),
        ("NATO", "NATO"),
        ("nato", "NATO"),
        ("North Atlantic Treaty Organization", "NATO"),
        ("나토", "NATO"),
        ("北大西洋条約機構", "NATO"),
        ("ASEAN", "ASEAN"),
        ("Association of Southeast Asian Nations", "ASEAN"),
        ("아세안", "ASEAN"),
        ("東南アジア諸国連合", "ASEAN"),
        ("African Union", "AFU"),
        ("AFU", "AFU"),
        ("Group of Seven", "G7"),
        ("G-20", "G20"),
        ("OPEC", "OPEC"),
        ("IAEA", "IAEA"),
        ("WTO", "WTO"),
        ("IMF", "IMF"),
        ("World Bank", "WBG"),
        ("Arab League", "LAS"),
        ("League of Arab States", "LAS"),
        ("Gulf Cooperation Council", "GCC"),
        ("Shanghai Cooperation Organisation", "SCO"),
        ("Shanghai Cooperation Organization", "SCO"),
        ("BRICS", "BRICS"),
        ("OSCE", "OSCE"),
        ("APEC", "APEC"),
        ("Quad", "QUAD"),
        ("Quadrilateral Security Dialogue", "QUAD"),
    ],
)
def test_organisations_by_their_codes_and_names(text: str, code: str) -> None:
    assert to_alpha2(text) == code


def test_au_stays_australia() -> None:
    assert to_alpha2("AU") == "AU" and to_alpha2("AUS") == "AU"


def test_korea_and_cs_are_ambiguous() -> None:
    korea = "'Korea' is ambiguous: use one of KP North Korea, KR South Korea"
    with pytest.raises(FieldError, match=korea):
        to_alpha2("Korea")
    cs = "'CS' is ambiguous: use one of CSHH Czechoslovakia, CSXX Serbia and Montenegro"
    with pytest.raises(FieldError, match=cs):
        to_alpha2("CS")


def test_a_list_of_actors() -> None:
    assert to_alpha2_list("KR, NATO, Soviet Union") == ["KR", "NATO", "SUHH"]
    assert to_alpha2_list("Korea, Republic of") == ["KR"]


def test_display_names() -> None:
    expected = {
        "KR": "South Korea",
        "XK": "Kosovo",
        "SUHH": "Soviet Union",
        "DDDE": "East Germany",
        "YUCS": "Yugoslavia",
        "CSHH": "Czechoslovakia",
        "CSXX": "Serbia and Montenegro",
        "ZRCD": "Zaire",
        "NATO": "NATO",
        "EU": "European Union",
        "AFU": "African Union",
        "WBG": "World Bank",
    }
    assert {code: country_name(code) for code in expected} == expected
    assert country_name("ZZZZ") == "ZZZZ"


def test_no_organisation_or_former_state_code_collides() -> None:
    current = {c.alpha_2 for c in pycountry.countries} | {c.alpha_3 for c in pycountry.countries}
    former = {
        code for c in pycountry.historic_countries for code in (c.alpha_2, c.alpha_3, c.alpha_4)
    }
    kosovo = set(KOSOVO_CODES)
    assert not (kosovo & (current | former))
    assert not ({c.alpha_4 for c in pycountry.historic_countries} & current)
    assert len(set(ORGANISATION_CODES)) == len(ORGANISATION_CODES)
    for code in ORGANISATION_CODES:
        assert code == code.upper() and code.isalnum(), code
        assert code not in current | former | kosovo, code
    assert set(FORMER_STATES) <= set(FORMER_CODES)


def test_every_stored_code_resolves_to_itself() -> None:
    """What a store holds reads back as written, in any case (`show -c nato`)."""
    for code in country_names():
        assert to_alpha2(code) == code, code
        assert to_alpha2(code.lower()) == code, code


def test_no_organisation_name_is_a_countrys() -> None:
    for org in ORGANISATIONS:
        for name in (org.code, org.name, *org.names):
            assert to_alpha2(name) == org.code, name


def test_the_page_and_completion_know_every_actor() -> None:
    names = country_names()
    assert names == names_from_data_file()
    for code in ("KR", "XK", "SUHH", "DDDE", "YUCS", "CSHH", "CSXX", *ORGANISATION_CODES):
        assert code in names


def test_completion_names_need_no_pycountry() -> None:
    code = (
        "import sys; from timeline.countries import names_from_data_file; "
        "names = names_from_data_file(); "
        "print(names['NATO'], names['SUHH'], names['XK'], 'pycountry' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout == "NATO Soviet Union Kosovo False\n", result.stderr


def test_alpha3_is_a_current_countrys_only() -> None:
    assert alpha3_to_alpha2("KOR") == "KR" and alpha3_to_alpha2("kor") == "KR"
    assert alpha3_to_alpha2("XKX") == "XK"
    for code in ("SUN", "YUG", "WTO", "IMF", "PRC", "EUR"):
        assert alpha3_to_alpha2(code) is None, code


def test_organisation_named() -> None:
    assert organisation_named("United Nations") == "UN"
    assert organisation_named("north atlantic treaty organization") == "NATO"
    assert organisation_named("Japan") is None
    assert organisation_named("Park Jin") is None
    assert organisation_named("") is None


@pytest.mark.parametrize(
    ("actor", "group", "code"),
    [
        ("IGOUNO", "UNO", "UN"),
        ("IGOEEC", "", "EU"),
        ("IGOWSTNAT", "NAT", "NATO"),  # NATO's code carries WST, "the West"
        ("IGOUNOWBK", "", "WBG"),  # a UN organisation: the most specific one
        ("IGOUNOIAE", "", "IAEA"),
        ("IGOUNOREFHCR", "", "UN"),  # the UNHCR: no organisation of its own here
        ("IGOASN", "", "ASEAN"),
        ("IGOGOS", "", "G7"),
        ("IGOOPC", "", "OPEC"),
        ("IGOWTO", "", "WTO"),
        ("IGOIMF", "", "IMF"),
        ("IGOARL", "", "LAS"),
        ("IGOGCC", "", "GCC"),
        ("IGOSCE", "", "OSCE"),
        ("IGO", "NAT", "NATO"),  # GDELT's known-group column
        ("IGO", "", None),
        ("IGOPKO", "", None),  # peacekeepers
        ("USAGOV", "", None),
        ("NGOHRIAMN", "AMN", None),  # Amnesty International: no IGO
        ("", "", None),
    ],
)
def test_cameo_organisations(actor: str, group: str, code: str | None) -> None:
    assert organisation_of(actor, group) == code


# --- through the CLI --------------------------------------------------------------------

ADD = ["add", "--date", "2026-01-13", "--title", "Talks", "--kind", "meeting"]


def shown(run, *args: str) -> list[dict[str, object]]:
    result = run("show", "-f", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_add_stores_the_code(run) -> None:
    result = run(*ADD, "--country", "ROK", "--country", "Japan")
    assert result.exit_code == 0, result.output
    assert shown(run)[0]["countries"] == ["KR", "JP"]


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("EU", "EU"),
        ("NATO", "NATO"),
        ("USSR", "SUHH"),
        ("Soviet Union", "SUHH"),
        ("East Germany", "DDDE"),
        ("Kosovo", "XK"),
        ("West Germany", "DE"),
        ("DPRK", "KP"),
        ("PRC", "CN"),
        ("Republic of Korea", "KR"),
        ("Republic of China", "TW"),
    ],
)
def test_add_an_actor(run, name: str, code: str) -> None:
    result = run(*ADD, "--country", "US", "--country", name)
    assert result.exit_code == 0, result.output
    assert shown(run)[0]["countries"] == ["US", code]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("Korea", "--country: 'Korea' is ambiguous: use one of KP North Korea, KR South Korea"),
        (
            "CS",
            "--country: 'CS' is ambiguous: use one of CSHH Czechoslovakia, "
            "CSXX Serbia and Montenegro",
        ),
    ],
)
def test_add_refuses_an_ambiguous_actor(run, name: str, message: str) -> None:
    result = run(*ADD, "--country", "US", "--country", name)
    assert result.exit_code == 1
    assert message in result.stderr
    assert shown(run) == []


EVENTS = """\
- {id: nato, date: 2025-06-24, kind: summit, title: NATO summit, countries: [KR, NATO]}
- {id: eu, date: 2025-07-23, kind: summit, title: EU summit, countries: ['Korea, Republic of', EU]}
- {id: ussr, date: 1990-09-30, kind: agreement, title: Relations, countries: [ROK, USSR]}
- {id: detente, date: 1972-05-26, kind: treaty, title: SALT I, countries: [SU, US]}
"""


@pytest.fixture
def loaded(run, write) -> None:
    result = run("load", str(write("actors.yaml", EVENTS)))
    assert result.exit_code == 0, result.output


def ids(run, *args: str) -> list[object]:
    return [e["id"] for e in shown(run, *args)]


def test_show_json_gives_the_codes(run, loaded) -> None:
    countries = {e["id"]: e["countries"] for e in shown(run)}
    assert countries == {
        "nato": ["KR", "NATO"],
        "eu": ["KR", "EU"],
        "ussr": ["KR", "SUHH"],
        "detente": ["SUHH", "US"],
    }


def test_filters_by_organisation_and_former_state(run, loaded) -> None:
    assert ids(run, "-c", "NATO") == ["nato"]
    assert ids(run, "-c", "nato") == ["nato"]
    assert ids(run, "-c", "North Atlantic Treaty Organization") == ["nato"]
    assert ids(run, "--between", "KR", "EU") == ["eu"]
    assert ids(run, "--between", "KR", "NATO") == ["nato"]
    assert ids(run, "-c", "SU") == ["detente", "ussr"]
    assert ids(run, "--between", "Soviet Union", "USA") == ["detente"]
    result = run("show", "-c", "CS")
    assert result.exit_code == 2 and "'CS' is ambiguous" in result.stderr


@pytest.mark.parametrize("width", ["100", "140"])  # the where under the title; in a column
def test_the_timeline_view_shows_long_codes(run, loaded, monkeypatch, width: str) -> None:
    monkeypatch.setenv("COLUMNS", width)
    result = run("show")
    assert result.exit_code == 0, result.output
    assert "KR NATO" in result.stdout and "SUHH US" in result.stdout


def test_stats_count_organisations_and_former_states(run, loaded) -> None:
    result = run("stats", "-f", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert dict(map(tuple, data["countries"])) == {"KR": 3, "SUHH": 2, "NATO": 1, "EU": 1, "US": 1}
    assert ["KR", "NATO", 1] in data["pairs"] and ["SUHH", "US", 1] in data["pairs"]
    table = run("stats")
    assert table.exit_code == 0 and "NATO 1" in table.stdout and "SUHH 2" in table.stdout


def test_the_page_names_the_actors(run, loaded) -> None:
    result = run("export", "-f", "html")
    assert result.exit_code == 0, result.output
    data = json.loads(
        result.stdout.split('<script type="application/json" id="data">')[1].split("</script>")[0]
    )
    assert {"KR", "NATO", "EU", "SUHH", "US"} <= {c for e in data["events"] for c in e[6]}
    assert data["names"]["NATO"] == "NATO" and data["names"]["SUHH"] == "Soviet Union"


def test_yaml_export_loads_back(run, loaded, tmp_path: Path, monkeypatch) -> None:
    exported = tmp_path / "out.yaml"
    assert run("export", "-f", "yaml", "-o", str(exported)).exit_code == 0
    before = shown(run)
    monkeypatch.setenv("TIMELINE_DB", str(tmp_path / "other.db"))
    assert run("load", str(exported)).exit_code == 0
    assert shown(run) == before


def test_completion_offers_the_actors(run, loaded) -> None:
    assert offered("show --country NA") == ["NATO"]
    assert offered("show --country SU") == ["SUHH"]
    assert offered("show --between KR E") == ["EU"]
    assert offered("show --country sov") == ["soviet\\ union"]  # by name


# --- importers --------------------------------------------------------------------------


def _gdelt_row(event_id: str, actor1: tuple[str, str, str, str], actor2: tuple[str, ...]) -> str:
    """A GDELT 2.0 row of the sample with other actors: (code, name, country, group)."""
    row = (DATA / "gdelt2-sample.export.CSV").read_text(encoding="utf-8").splitlines()[0]
    columns = row.split("\t")
    columns[0] = event_id
    columns[5:9] = actor1
    columns[15:19] = actor2
    columns[26] = "040"
    return "\t".join(columns)


def test_gdelt_keeps_an_organisation(run, write) -> None:
    rows = [
        _gdelt_row("1", ("IGOUNO", "UNITED NATIONS", "", "UNO"), ("JPN", "JAPAN", "JPN", "")),
        _gdelt_row("2", ("KOR", "SOUTH KOREA", "KOR", ""), ("IGOWSTNAT", "NATO", "", "NAT")),
        _gdelt_row("3", ("IGOPKO", "PEACEKEEPER", "", ""), ("JPN", "JAPAN", "JPN", "")),
        _gdelt_row("4", ("IGO", "UNITED NATIONS", "", "UNO"), ("", "", "", "")),
    ]
    path = write("igo.export.CSV", "\n".join(rows) + "\n")
    result = run("import", "gdelt", str(path))
    assert result.exit_code == 0, result.output
    assert "2 skipped (one side unknown)" in result.stdout  # peacekeepers; the UN alone
    assert {e["id"] for e in shown(run)} == {"gdelt-1", "gdelt-2"}
    run("import", "gdelt", str(path), "--include-domestic")
    events = {e["id"]: e for e in shown(run)}
    assert events["gdelt-1"]["countries"] == ["UN", "JP"]
    assert events["gdelt-1"]["title"] == "United Nations and Japan hold talks"
    assert events["gdelt-2"]["countries"] == ["KR", "NATO"]
    assert events["gdelt-2"]["title"] == "South Korea and NATO hold talks"
    assert events["gdelt-3"]["countries"] == ["JP"]  # peacekeepers: no one organisation
    assert events["gdelt-4"]["countries"] == ["UN"]
    assert ids(run, "--between", "KR", "NATO") == ["gdelt-2"]


def test_icews_keeps_an_organisation_without_a_country(run, write) -> None:
    header = (DATA / "icews-sample.tab").read_text(encoding="utf-8").splitlines()[0]
    columns = header.split("\t")

    def row(event_id: str, source: str, source_country: str) -> str:
        values = dict.fromkeys(columns, "")
        values.update(
            {
                "Event ID": event_id,
                "Event Date": "2016-01-13",
                "Source Name": source,
                "Source Country": source_country,
                "CAMEO Code": "040",
                "Target Name": "Government (Japan)",
                "Target Country": "Japan",
            }
        )
        return "\t".join(values[c] for c in columns)

    rows = [row("1", "United Nations", ""), row("2", "European Union", ""), row("3", "X", "")]
    path = write("igo.tab", "\n".join([header, *rows]) + "\n")
    result = run("import", "icews", str(path))
    assert result.exit_code == 0, result.output
    events = {e["id"]: e["countries"] for e in shown(run)}
    assert events == {"icews-1": ["UN", "JP"], "icews-2": ["EU", "JP"]}  # `X`: one side
    run("import", "icews", str(path), "--include-domestic")
    assert {e["id"]: e["countries"] for e in shown(run)}["icews-3"] == ["JP"]
