import datetime as dt
from typing import Any

import pytest

from timeline.countries import to_alpha2
from timeline.dates import PartialDate
from timeline.errors import FieldError
from timeline.ids import derive_id
from timeline.kinds import resolve_kind
from timeline.model import EventInvalid, validate

TODAY = dt.date(2026, 11, 25)
GOOD = {"date": "2026-01-13", "kind": "summit", "title": "Nara summit", "countries": ["KR", "JP"]}


def problems(raw: dict[str, Any]) -> dict[str | None, str]:
    with pytest.raises(EventInvalid) as caught:
        validate(raw, today=TODAY)
    return dict(caught.value.problems)


def test_a_good_event() -> None:
    event = validate(GOOD | {"participants": "Lee Jae-myung"}, today=TODAY)
    assert event.countries == ("KR", "JP")
    assert event.participants == ("Lee Jae-myung",)
    assert event.id == "2026-01-13-jp-kr-nara-summit"
    assert event.date == PartialDate(2026, 1, 13)


@pytest.mark.parametrize("field", ["date", "kind", "title", "countries"])
def test_required_fields(field: str) -> None:
    raw = {k: v for k, v in GOOD.items() if k != field}
    assert problems(raw)[field] == "is required"


def test_every_problem_is_reported_at_once() -> None:
    found = problems({"date": "nope", "kind": "party", "title": " ", "countries": [], "colour": 1})
    assert set(found) == {"date", "kind", "title", "countries", "colour"}
    assert "unknown field" in found["colour"]


def test_unknown_field_suggests_the_near_miss() -> None:
    assert "did you mean 'countries'" in problems(GOOD | {"countrys": ["JP"]})["countrys"]


def test_kinds_and_aliases_case_insensitive() -> None:
    assert resolve_kind("Summit") == "summit"
    assert resolve_kind("State Visit") == "visit"
    assert resolve_kind("pact") == "agreement"
    with pytest.raises(FieldError, match="did you mean 'summit'"):
        resolve_kind("sumit")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("JP", "JP"),
        ("jpn", "JP"),
        ("Japan", "JP"),
        ("South Korea", "KR"),
        ("USA", "US"),
        ("Russia", "RU"),
        ("north korea", "KP"),
        ("일본", "JP"),  # names in other languages, from pycountry's translations
        ("日本", "JP"),
        ("대한민국", "KR"),
        ("大韓民国", "KR"),  # the Japanese catalogue says "大韓民国 (韓国)"
        ("Corée du Sud", "KR"),
        ("한국", "KR"),  # everyday names the translations lack
        ("북한", "KP"),
        ("北朝鮮", "KP"),
    ],
)
def test_countries_by_code_or_name(text: str, code: str) -> None:
    assert to_alpha2(text) == code


def test_a_translated_name_goes_to_the_country_most_catalogues_give_it() -> None:
    assert to_alpha2("Paraguai") == "PY"  # 7 catalogues; Occitan also names Nicaragua so
    with pytest.raises(FieldError, match="unknown country 'Sámoa'"):
        to_alpha2("Sámoa")  # Faroese names Samoa and American Samoa so: neither


def test_ambiguous_country_lists_candidates() -> None:
    with pytest.raises(FieldError) as caught:
        to_alpha2("Korea")
    assert "KR South Korea" in str(caught.value) and "KP North Korea" in str(caught.value)


def test_near_miss_country_suggests() -> None:
    with pytest.raises(FieldError, match=r"did you mean JP \(Japan\)"):
        to_alpha2("Japna")


def test_a_single_country_string_and_repeats() -> None:
    assert validate(GOOD | {"countries": "Japan"}, today=TODAY).countries == ("JP",)
    assert validate(GOOD | {"countries": ["JP", "Japan", "KR"]}, today=TODAY).countries == (
        "JP",
        "KR",
    )


def test_end_not_before_date() -> None:
    assert "before the date" in problems(GOOD | {"end": "2026-01-12"})["end"]
    event = validate(GOOD | {"end": "2026-01-14"}, today=TODAY)
    assert event.last_day == dt.date(2026, 1, 14)


def test_status_and_wrong_types() -> None:
    assert "unknown status" in problems(GOOD | {"status": "done"})["status"]
    assert "expected text" in problems(GOOD | {"title": 12})["title"]
    assert "expected a list" in problems(GOOD | {"tags": {"a": 1}})["tags"]


def test_bad_id() -> None:
    assert "not a valid id" in problems(GOOD | {"id": "Bad Id"})["id"]


def test_summary_kept_exactly() -> None:
    text = "line one\n  indented line\n"
    assert validate(GOOD | {"summary": text}, today=TODAY).summary == text


def test_derived_ids_are_deterministic_also_for_korean_and_japanese() -> None:
    day = PartialDate(2026, 1, 13)
    korean = derive_id(day, ("KR", "JP"), "한일 정상회담")
    assert korean == derive_id(day, ("KR", "JP"), "한일 정상회담")
    assert korean != derive_id(day, ("KR", "JP"), "日韓首脳会談")
    assert korean.startswith("2026-01-13-jp-kr-")
    assert derive_id(PartialDate(2026, 1), ("JP",), "Talks") == "2026-01-jp-talks"


def test_every_field_has_a_reader() -> None:
    from timeline.model import _CONVERTERS, _DATE_FIELDS, CODE_FIELDS, FIELDS

    assert set(_CONVERTERS) | _DATE_FIELDS == {*FIELDS, *CODE_FIELDS}
