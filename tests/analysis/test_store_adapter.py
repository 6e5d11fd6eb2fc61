"""records_from_store: the analysis reads a store exactly as it reads JSON Lines."""

from __future__ import annotations

from powderkeg.analysis import consolidate, records_from_store
from powderkeg.records import Actor, Article, ArticleResult, Event, Location, Span


def _result(n: int, outlet: str) -> ArticleResult:
    text = [
        "Russian drones struck an apartment block in Kharkiv on Tuesday, killing three people.",
        "Three people died when Russian drones struck a block of flats in Kharkiv on Tuesday.",
    ][n - 1]
    rus, city, hit = text.index("Russian"), text.index("Kharkiv"), text.index("struck")
    article = Article(id=f"s{n}", title="Kharkiv", published="2025-05-13", outlet=outlet, text=text)
    event = Event(
        id=f"s{n}-e0",
        article_id=article.id,
        type="ASSAULT",
        mode="drone",
        quad="material_conflict",
        intensity=-9.0,
        source=(Actor(text="Russian", code="RUS", start=rus, end=rus + 7),),
        target=(Actor(text="Kharkiv", code="UKR", start=city, end=city + 7),),
        date="2025-05-13",
        date_precision="day",
        location=Location(text="Kharkiv", country="UKR"),
        evidence=Span(start=0, end=len(text), text=text),
        trigger=Span(start=hit, end=hit + 6, text="struck"),
    )
    return ArticleResult(article=article, events=[event])


def test_store_and_jsonl_agree(tmp_path):
    from powderkeg.store import Store

    results = [_result(1, "Northwire"), _result(2, "Daily Ledger")]
    with Store(tmp_path / "news.duckdb") as store:
        store.add(results)
        from_store = consolidate(records_from_store(store))
    from_dicts = consolidate([r.to_dict() for res in results for r in res.records()])
    assert [i.to_dict() for i in from_store] == [i.to_dict() for i in from_dicts]
    assert len(from_store) == 1 and from_store[0].n_outlets == 2
