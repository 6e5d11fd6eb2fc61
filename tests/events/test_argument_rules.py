"""Argument rules added from the PLOVER dev misses and a real-news review (sentences
written by us; the table resolver of conftest.py codes the country words)."""

from __future__ import annotations


def codes(actors):
    return {a.code for a in actors if a.code}


def of_type(events, etype):
    found = [e for e in events if e.type == etype]
    assert found, [(e.type, e.trigger.text) for e in events]
    return found[0]


def test_stance_participle_keeps_its_subject(code):
    event = of_type(code("Turkey is opposed to new sanctions on Iran."), "REJECT")
    assert codes(event.source) == {"TUR"}
    assert "TUR" not in codes(event.target)


def test_object_control_names_the_target(code):
    event = of_type(code("Egypt allowed Israeli negotiators to travel to Cairo."), "CONCEDE")
    assert codes(event.source) == {"EGY"} and codes(event.target) == {"ISR"}


def test_demand_that_clause_gives_the_target(code):
    event = of_type(code("France repeated its demand that Iran release the detained workers."), "REQUEST")
    assert codes(event.source) == {"FRA"} and codes(event.target) == {"IRN"}


def test_obligation_under_a_reporting_verb_is_the_speakers_demand(code):
    event = of_type(code("The German chancellor said Russia must withdraw its troops."), "REQUEST")
    assert codes(event.source) == {"DEU"} and codes(event.target) == {"RUS"}
    assert event.factuality == "asserted"


def test_negated_obligation_is_no_demand(code):
    assert all(e.type != "REQUEST" for e in code("Germany said Russia must not be humiliated."))


def test_conditional_threat_targets_who_must_comply(code):
    event = of_type(code("Turkey will close its airspace unless Iran stops the flights."), "THREATEN")
    assert codes(event.source) == {"TUR"} and codes(event.target) == {"IRN"}


def test_nested_target_in_the_object(code):
    event = of_type(code("Germany suspended part of an aid programme for Kenya."), "SANCTION")
    assert codes(event.target) == {"KEN"}


def test_nested_target_not_through_a_time_phrase(code):
    events = code("Japan signed the agreement during the visit of the Indian premier.")
    assert all("IND" not in codes(e.target) for e in events if e.type == "AGREE")


def test_relational_noun_is_not_its_possessor(code):
    for e in code("Ukraine called for Kyiv's allies to lift the ban on long-range strikes."):
        assert "UKR" not in codes(e.target), (e.type, e.target)


def test_at_the_request_of_names_who_asked(code):
    events = code("The council met on Monday at the request of France.")
    event = of_type(events, "REQUEST")
    assert codes(event.source) == {"FRA"} and not codes(event.target)


def test_meeting_on_a_topic_is_not_a_party(code):
    events = code("Japan will hold talks with India on the deployment of Chinese ships.")
    for e in events:
        if e.type in ("CONSULT", "AGREE"):
            assert "CHN" not in codes(e.target)
            assert "IND" in codes(e.target)


def test_sent_troops_with_an_intention_are_not_the_target(code):
    event = of_type(code("Iran sent 3,000 soldiers to Russia with the intention of training them."), "MOBILIZE")
    assert codes(event.target) == {"RUS"}


def test_would_allow_is_no_promise(code):
    events = code("The new troops would allow Russia to keep its forces in the east.")
    assert all(e.type != "AGREE" for e in events)


def test_decided_to_allow_is_the_concession_itself(code):
    event = of_type(code("Kenya decided to allow Egyptian observers to monitor the vote."), "CONCEDE")
    assert codes(event.source) == {"KEN"} and codes(event.target) == {"EGY"}


def test_prepared_to_lift_is_a_promise(code):
    event = of_type(code("Turkey said it is prepared to lift the ban on Iranian trucks."), "AGREE")
    assert codes(event.source) == {"TUR"}


def test_transfer_from_names_the_sender_but_withdrawal_from_does_not(code):
    events = [e for e in code("Japan confirmed the transfer of 3,000 troops from Iran to Russia.")
              if e.type in ("MOBILIZE", "AID")]  # the seed annotation accepts either for troops sent
    assert events and codes(events[0].source) == {"IRN"} and codes(events[0].target) == {"RUS"}
    for e in code("Turkey welcomed the withdrawal of Iranian troops from Syria."):
        if e.type == "RETREAT":
            assert "SYR" not in codes(e.source)


def test_troops_shipped_are_mobilized(code):
    event = of_type(code("Iran has shipped 1,500 troops to Russia."), "MOBILIZE")
    assert codes(event.source) == {"IRN"} and codes(event.target) == {"RUS"}


def test_a_partial_twin_of_a_fuller_event_is_dropped(code):
    events = [e for e in code("Japan imposed sanctions, including travel bans and asset freezes, on Iran.")
              if e.type == "SANCTION"]
    assert len(events) == 1
    assert codes(events[0].source) == {"JPN"} and codes(events[0].target) == {"IRN"}


def test_different_dyads_of_one_type_both_stay(code):
    text = "Russia attacked Ukraine on Monday, while Iran attacked Israel on Tuesday."
    events = [e for e in code(text) if e.type == "ASSAULT"]
    assert {(frozenset(codes(e.source)), frozenset(codes(e.target))) for e in events} == {
        (frozenset({"RUS"}), frozenset({"UKR"})), (frozenset({"IRN"}), frozenset({"ISR"}))}


def test_troops_fought_against_are_no_mobilization(pipeline):
    from powderkeg.records import Article

    text = ("Officials are concerned that Russia intends to use these soldiers to support combat "
            "operations against Ukrainian forces in Russia's Kursk region.")
    events = pipeline.process(Article(id="t", text=text, published="2024-10-30")).events
    assert events
    assert all(not (e.type == "MOBILIZE" and "UKR" in codes(e.source)) for e in events)


def test_the_subject_of_a_condemnation_is_not_the_attacker(code):
    events = code("Ukraine condemned the attack on Kenya.")
    assert any(e.type == "ACCUSE" and codes(e.source) == {"UKR"} for e in events)
    assert all(not (e.type == "ASSAULT" and "UKR" in codes(e.source)) for e in events)


def test_the_subject_of_a_launch_is_the_attacker(code):
    event = of_type(code("Russia launched an attack on Ukraine."), "ASSAULT")
    assert codes(event.source) == {"RUS"} and codes(event.target) == {"UKR"}


def test_what_is_demanded_has_not_happened(code):
    events = code("Iranian protesters demanded the resignation of the president.")
    assert [e.type for e in events] == ["REQUEST"]


def test_exchanged_fire_is_an_assault_by_both(code):
    event = of_type(code("India and Pakistan exchanged fire across the border."), "ASSAULT")
    assert codes(event.source) == {"IND", "PAK"}


def test_a_captured_city_is_seized(pipeline):
    from powderkeg.records import Article

    article = Article(id="t", text="M23 rebels captured Goma on Monday.", published="2025-01-28")
    events = pipeline.process(article).events
    event = of_type(events, "COERCE")
    assert event.mode == "seize"


def test_a_noun_named_by_the_verbs_pattern_is_no_event_of_its_own(code):
    events = code("Russia will launch a new offensive against Ukraine.")
    assert [e.type for e in events] == ["THREATEN"]
    events = code("Israel will halt its offensive in Egypt.")
    assert all(e.type != "THREATEN" for e in events)


def test_what_is_called_for_has_not_happened(code):
    events = code("Egypt rejected calls for a ceasefire with Israel.")
    assert [e.type for e in events] == ["REJECT"]


def test_its_in_a_package_of_sanctions_is_the_clause_subject(code):
    event = of_type(code("Japan included two Iranian generals in its new package of sanctions against Russia."),
                    "SANCTION")
    assert codes(event.source) == {"JPN"} and codes(event.target) == {"RUS"}


def test_its_after_a_judging_verb_is_not_the_judge(code):
    events = code("Ukraine condemned its attacks on Kenya.")
    assert all(not (e.type == "ASSAULT" and "UKR" in codes(e.source)) for e in events)


def test_repelled_attack(code):
    events = code("Ukrainian troops repelled a Russian attack near Kharkiv.")
    assert any(e.type == "ASSAULT" and codes(e.source) == {"UKR"} and "RUS" in codes(e.target) for e in events)


def test_its_is_the_nearest_singular_coded_mention(code):
    event = of_type(code("Iran is aiding Moscow in its aggression against Ukraine."), "ASSAULT")
    assert codes(event.source) == {"RUS"}


def test_their_is_the_nearest_group(code):
    events = code("Japan imposed sanctions on Russia and Iran over their military cooperation.")
    event = of_type(events, "COOPERATE")
    assert codes(event.source) == {"RUS", "IRN"}
