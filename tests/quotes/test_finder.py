"""Direct and indirect quotes and their speakers, on texts written for these tests."""

from __future__ import annotations


def _by_text(result, words: str):
    hits = [q for q in result.quotes if words in q.text]
    assert hits, f"no quote with {words!r} in {[q.text for q in result.quotes]}"
    return hits[0]


def test_offsets_are_exact(run_text) -> None:
    text = "“We will rebuild every town,” said Maria Lopez, the mayor of Springfield.\n\nShe added more."
    result = run_text(text)
    for q in result.quotes:
        assert result.article.text[q.start : q.end] == q.text


def test_said_name_with_title_after(run_text) -> None:
    text = ("“We will rebuild every town,” said Maria Lopez, the mayor of Springfield, "
            "on Tuesday.\n\nOther news followed.")
    q = _by_text(run_text(text), "rebuild every town")
    assert q.direct and q.speaker is not None
    assert q.speaker.name == "Maria Lopez"
    assert q.speaker_title is not None and q.speaker_title.startswith("the mayor of Springfield")
    assert q.cue == "say"
    assert q.text == "We will rebuild every town"


def test_title_before_name(run_text) -> None:
    text = "Defense ministry spokesperson Peter Brandt told reporters: “The bridge is closed.”"
    q = _by_text(run_text(text), "bridge is closed")
    assert q.speaker is not None and q.speaker.name == "Peter Brandt"
    assert q.speaker_title and "spokesperson" in q.speaker_title


def test_he_said_resolves_to_previous_person_and_surname_to_full_name(run_text) -> None:
    text = ("Senator Alan Whitford spoke to voters in Ohio on Monday.\n\n"
            "“The plan is dead,” he said.\n\n"
            "“Nobody wants it,” Whitford said.")
    result = run_text(text)
    assert _by_text(result, "plan is dead").speaker.name == "Alan Whitford"
    assert _by_text(result, "Nobody wants it").speaker.name == "Alan Whitford"


def test_floating_quote_takes_previous_speaker(run_text) -> None:
    text = ("“The talks failed,” said Sofia Marin, a negotiator, on Friday.\n\n"
            "“We will try again next month, and we will not give up.”")
    result = run_text(text)
    floating = _by_text(result, "try again")
    assert floating.speaker is not None and floating.speaker.name == "Sofia Marin"
    assert floating.date == _by_text(result, "talks failed").date == "2024-10-25"


def test_partial_quote_takes_sentence_speaker(run_text) -> None:
    text = "Prime Minister Dana Holt told reporters that her country would not “sit idle” for long."
    q = _by_text(run_text(text), "sit idle")
    assert q.speaker is not None and q.speaker.name == "Dana Holt"


def test_scare_quotes_are_not_quotes(run_text) -> None:
    text = "The so-called “peace plan” was published on a website with a “roadmap” attached."
    assert [q for q in run_text(text).quotes if q.direct] == []


def test_quote_without_any_speaker(run_text) -> None:
    text = "“Long live the republic and all who defend it from harm.”"
    result = run_text(text)
    assert len(result.quotes) == 1 and result.quotes[0].speaker is None


def test_colon_quote(run_text) -> None:
    text = "The foreign minister, Ivan Petrov, wrote on Telegram: “Our patience has limits.”"
    q = _by_text(run_text(text), "patience has limits")
    assert q.speaker is not None and q.speaker.name == "Ivan Petrov"


def test_indirect_quote_with_content_span(run_text) -> None:
    text = "Military spokesperson Omar Haddad said the convoy reached the border on Sunday."
    result = run_text(text)
    q = next(q for q in result.quotes if not q.direct)
    assert q.text.startswith("the convoy reached the border")
    assert q.speaker is not None and q.speaker.name == "Omar Haddad"
    assert q.cue == "say"


def test_according_to(run_text) -> None:
    text = "According to the United Nations, the camp now holds refugees from three provinces."
    q = next(q for q in run_text(text).quotes if not q.direct)
    assert q.cue == "according to"
    assert q.speaker is not None and "United Nations" in q.speaker.text
    assert "the camp now holds" in q.text


def test_unbalanced_marks_do_not_swallow_the_article(run_text) -> None:
    text = "He said “this opens and never closes.\n\nSecond paragraph.\n\nThird paragraph with “a quote,” she said."
    result = run_text(text)
    for q in result.quotes:
        assert "\n\n" not in q.text
        assert result.article.text[q.start : q.end] == q.text
