"""The event coder on short sentences we wrote: types, arguments, factuality, offsets."""

from __future__ import annotations

import pytest

from powderkeg.records import FACTUALITIES, PLOVER_TYPES, QUADS


def codes(actors):
    return {a.code for a in actors if a.code}


def only(events, etype):
    found = [e for e in events if e.type == etype]
    assert found, f"no {etype} in {[(e.type, e.trigger.text) for e in events]}"
    return found[0]


TYPES = [
    ("France and Germany agreed to a new border treaty on Monday.", "AGREE", {"FRA", "DEU"}, None),
    ("Kenya signed a trade agreement with Nigeria.", "AGREE", {"KEN"}, {"NGA"}),
    ("The Indian foreign minister met with Pakistan's envoy in Geneva.", "CONSULT", {"IND"}, {"PAK"}),
    ("Japan's prime minister visited Brazil last month.", "CONSULT", {"JPN"}, {"BRA"}),
    ("Canada praised Mexico for its handling of the crisis.", "SUPPORT", {"CAN"}, {"MEX"}),
    ("Peru eased sanctions on Chile after months of talks.", "CONCEDE", {"PER"}, {"CHL"}),
    ("Norway cooperated with Kenya on maritime security.", "COOPERATE", {"NOR"}, {"KEN"}),
    ("Germany sent tons of medical supplies to Ukraine.", "AID", {"DEU"}, {"UKR"}),
    ("Israel withdrew its troops from the disputed area.", "RETREAT", {"ISR"}, None),
    ("Egypt released dozens of prisoners held by Israel.", "RETREAT", {"EGY"}, None),
    ("Brazil urged Peru to reopen the border crossing.", "REQUEST", {"BRA"}, {"PER"}),
    ("Turkey accused Iran of sheltering militants.", "ACCUSE", {"TUR"}, {"IRN"}),
    ("China condemned Japan over the naval exercise.", "ACCUSE", {"CHN"}, {"JPN"}),
    ("Tehran rejected the proposal from Paris.", "REJECT", {"IRN"}, None),
    ("Beijing threatened Taiwan with a blockade.", "THREATEN", {"CHN"}, {"TWN"}),
    ("Thousands of farmers protested in Paris against the new tax.", "PROTEST", None, None),
    ("Canada imposed sanctions on Iran's oil exports.", "SANCTION", {"CAN"}, {"IRN"}),
    ("Russia deployed thousands of soldiers to Ukraine's border.", "MOBILIZE", {"RUS"}, {"UKR"}),
    ("Iranian police arrested three French citizens in Tehran.", "COERCE", {"IRN"}, {"FRA"}),
    ("Russian forces shelled Kyiv overnight.", "ASSAULT", {"RUS"}, {"UKR"}),
]


@pytest.mark.parametrize(("text", "etype", "source", "target"), TYPES)
def test_types_and_arguments(code, text, etype, source, target):
    event = only(code(text), etype)
    if source is not None:
        assert codes(event.source) == source
    if target is not None:
        assert target <= codes(event.target)
    assert event.quad in QUADS
    assert -10 <= event.intensity <= 10


def test_every_type_is_covered_by_a_test():
    assert {t[1] for t in TYPES} == set(PLOVER_TYPES)


def test_modes_and_intensity(code):
    event = only(code("Russian jets bombed the Ukrainian city of Kharkiv."), "ASSAULT")
    assert event.mode == "aerial"
    assert event.intensity == -9.5
    assert event.quad == "material_conflict"


def test_reporting_verb_is_not_coded_the_embedded_event_is(code):
    events = code("A Ukrainian spokesman said Russia plans to deploy more troops near Kharkiv.")
    assert [e.type for e in events] == ["MOBILIZE"]
    event = events[0]
    assert codes(event.source) == {"RUS"}
    assert event.factuality == "future"
    assert event.attributed_to is not None and "Ukrainian" in event.attributed_to.text


def test_reported_event_is_attributed(code):
    event = only(code("Kenya said Nigeria had sent weapons to the rebels."), "AID")
    assert event.factuality == "reported"
    assert event.attributed_to.code == "KEN"
    assert codes(event.source) == {"NGA"}


def test_according_to_is_reported(code):
    event = only(code("Iran attacked a tanker near the strait, according to Israel."), "ASSAULT")
    assert event.factuality == "reported"
    assert event.attributed_to.code == "ISR"


@pytest.mark.parametrize(("text", "etype", "expected"), [
    ("Russia attacked the city of Kharkiv.", "ASSAULT", "asserted"),
    ("Russia will impose new sanctions on Ukraine.", "SANCTION", "future"),
    ("Russia is set to deploy troops to the border with Ukraine.", "MOBILIZE", "future"),
    ("Russia might attack Ukraine again.", "ASSAULT", "hypothetical"),
    ("If Iran attacks Israel, the region could burn.", "ASSAULT", "hypothetical"),
    ("Russia did not attack Ukraine on Friday.", "ASSAULT", "negated"),
    ("Turkey never sent troops to Egypt.", "MOBILIZE", "negated"),
])
def test_factuality(code, text, etype, expected):
    assert expected in FACTUALITIES
    assert only(code(text), etype).factuality == expected


def test_denial_is_reject_and_negates_the_denied_event(code):
    events = code("Iran denied that it had attacked the ships from Norway.")
    reject = only(events, "REJECT")
    assert codes(reject.source) == {"IRN"}
    assert reject.factuality == "asserted"
    assault = only(events, "ASSAULT")
    assert assault.factuality == "negated"


def test_passive_agent_is_source(code):
    event = only(code("Kyiv was attacked by Russia on Tuesday."), "ASSAULT")
    assert codes(event.source) == {"RUS"}
    assert codes(event.target) == {"UKR"}


def test_coordinated_actors_make_one_event(code):
    events = code("France and Germany attacked the rebel positions near the border.")
    assaults = [e for e in events if e.type == "ASSAULT"]
    assert len(assaults) == 1
    assert codes(assaults[0].source) == {"FRA", "DEU"}


def test_controller_subject_of_xcomp(code):
    event = only(code("China has continued to threaten Taiwan with military drills."), "THREATEN")
    assert codes(event.source) == {"CHN"}
    assert codes(event.target) == {"TWN"}


def test_nominal_event_with_possessor(code):
    event = only(code("Russia's invasion of Ukraine shocked the world."), "ASSAULT")
    assert codes(event.source) == {"RUS"}
    assert codes(event.target) == {"UKR"}


def test_several_events_in_one_sentence(code):
    events = code("Kenya condemned the attack and sent aid to Nigeria.")
    assert {"ACCUSE", "AID"} <= {e.type for e in events}


def test_no_actor_no_event(code):
    assert code("The company sent its quarterly results to shareholders.") == []
    assert code("It rained heavily in the afternoon.") == []


def test_content_of_request_is_not_a_separate_event(code):
    events = code("Brazil urged Peru to release the detained journalists.")
    assert [e.type for e in events] == ["REQUEST"]


def test_offsets_are_exact(code):
    text = "Some context first. Then Russia attacked Kyiv on Wednesday, officials said."
    event = only(code(text), "ASSAULT")
    assert text[event.trigger.start:event.trigger.end] == event.trigger.text == "attacked"
    assert text[event.evidence.start:event.evidence.end] == event.evidence.text
    assert event.evidence.text.startswith("Then Russia")


def test_ids_are_deterministic(code):
    text = "Russia attacked Kyiv."
    assert [e.id for e in code(text)] == [e.id for e in code(text)]
    assert code(text)[0].id.startswith("e")


def test_dates_resolve_against_publication(code):
    past = only(code("Russia attacked Kyiv on Wednesday."), "ASSAULT")
    assert (past.date, past.date_precision) == ("2024-10-23", "day")
    future = only(code("Russia will deploy troops to Kyiv as soon as Sunday."), "MOBILIZE")
    assert (future.date, future.date_precision) == ("2024-10-27", "day")
    none = only(code("Russia attacked Kyiv."), "ASSAULT")
    assert (none.date, none.date_precision) == (None, None)


def test_date_of_the_report_dates_the_embedded_event(code):
    event = only(code("Kenya on Thursday said Nigeria had sent troops to the border."), "MOBILIZE")
    assert event.date == "2024-10-24"


def test_location_from_in_phrase(code):
    event = only(code("Russia attacked a convoy in Ukraine."), "ASSAULT")
    assert event.location is not None
    assert event.location.text == "Ukraine"
    assert event.location.country == "UKR"


def test_confidence_in_range_and_higher_with_both_sides(code):
    both = only(code("Russia attacked Ukraine."), "ASSAULT")
    one = only(code("Russia attacked the convoy."), "ASSAULT")
    assert 0 < one.confidence < both.confidence <= 1


def test_to_dict_round_trip(code):
    record = only(code("Russia attacked Ukraine."), "ASSAULT").to_dict()
    assert record["kind"] == "event"
    assert record["source"][0]["code"] == "RUS"


# PLOVER manual: future cooperation is a promise (AGREE), a future conflictual action a
# threat (THREATEN); "might" and negation are neither, and a promise needs its maker.
FUTURE = [
    ("Norway will provide humanitarian aid to Kenya.", "AGREE", {"NOR"}, {"KEN"}),
    ("Japan's prime minister will visit Brazil next month.", "AGREE", {"JPN"}, {"BRA"}),
    ("Pakistan said it would attack India.", "THREATEN", {"PAK"}, {"IND"}),
    ("Iranian officials said they would boycott the talks with France.", "THREATEN", {"IRN"}, None),
]


@pytest.mark.parametrize(("text", "etype", "source", "target"), FUTURE)
def test_future_actions_become_promises_and_threats(code, text, etype, source, target):
    event = only(code(text), etype)
    assert codes(event.source) == source
    if target is not None:
        assert target <= codes(event.target)
    assert event.factuality not in ("future", "hypothetical")


def test_possible_or_negated_actions_keep_their_type(code):
    assert any(e.type == "AID" for e in code("Norway might provide aid to Kenya."))
    assert not any(e.type == "THREATEN" for e in code("Pakistan will not attack India."))


def test_place_is_the_target_when_none_is_named(code):
    event = only(code("Thousands of farmers demonstrated in Kenya on Monday."), "PROTEST")
    assert codes(event.target) == {"KEN"}
    event = only(code("Egypt imposed a curfew in Cairo."), "COERCE")
    assert "EGY" in codes(event.source)


def test_uncoded_group_takes_its_place(code):
    event = only(code("Security forces in Kenya arrested dozens of students."), "COERCE")
    assert codes(event.source) == {"KEN"}


def test_rejected_request_targets_its_maker(code):
    event = only(code("Israel rejected a proposal by Egypt."), "REJECT")
    assert codes(event.source) == {"ISR"} and codes(event.target) == {"EGY"}


def test_mediation_between_names_targets(code):
    event = only(code("Norway launched a mediation effort between Kenya and Egypt."), "CONSULT")
    assert codes(event.source) == {"NOR"} and codes(event.target) == {"KEN", "EGY"}


def test_protest_target_from_its_purpose(code):
    event = only(code("Thousands of Kenyan students staged demonstrations to demand the "
                      "resignation of Egypt's ambassador."), "PROTEST")
    assert "EGY" in codes(event.target)


def test_diplomatic_protest_is_an_accusation(code):
    assert any(e.type == "ACCUSE" for e in code("Norway lodged an official protest with Kenya."))
