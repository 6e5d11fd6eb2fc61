"""The HTTP API in-process: every route, filter, sort, pagination, CSV and error."""

from __future__ import annotations

import csv
import io
import json

import pytest
from fastapi.testclient import TestClient
from sample_store import EVENTS, HOSTILE

V1 = "/api/v1"
LISTS = ["articles", "events", "quotes", "claims", "actors", "dyads", "incidents", "alerts", "claims/groups"]


def get(client: TestClient, path: str, **params) -> dict:
    r = client.get(f"{V1}/{path}", params=params)
    assert r.status_code == 200, r.text
    return r.json()


def walk(client: TestClient, path: str, **params) -> list[dict]:
    """Every item of a list, page by page through the `next` links."""
    page = get(client, path, **params)
    items = list(page["data"])
    seen = 0
    while page["next"]:
        seen += 1
        assert seen < 100
        r = client.get(page["next"])
        assert r.status_code == 200, r.text
        page = r.json()
        items.extend(page["data"])
    return items


def key(item: dict) -> str:
    return json.dumps(item, sort_keys=True)


@pytest.mark.parametrize("path", LISTS)
def test_every_list_route_answers_json_with_data_and_next(client: TestClient, path: str) -> None:
    body = get(client, path)
    assert isinstance(body["data"], list) and body["data"]
    assert "next" in body


def test_records_have_the_contract_shape(client: TestClient) -> None:
    event = get(client, "events", limit=1)["data"][0]
    assert set(event) >= {
        "kind",
        "id",
        "article_id",
        "type",
        "mode",
        "context",
        "quad",
        "intensity",
        "source",
        "target",
        "date",
        "date_precision",
        "location",
        "factuality",
        "attributed_to",
        "evidence",
        "trigger",
        "confidence",
    }
    article = get(client, "articles", limit=1)["data"][0]
    assert set(article) >= {
        "kind",
        "id",
        "title",
        "published",
        "url",
        "outlet",
        "language",
        "text",
        "duplicate_of",
    }
    quote = get(client, "quotes", limit=1)["data"][0]
    assert quote["kind"] == "quote" and quote["speaker"]["code"] in ("RUS", "UKR")
    claim = get(client, "claims", limit=1)["data"][0]
    assert claim["kind"] == "claim" and claim["evidence"]["text"].startswith("Officials said")


def test_article_detail_has_its_records_and_offsets_line_up(client: TestClient) -> None:
    body = get(client, "articles/art-02")
    text = body["data"]["text"]
    assert [e["id"] for e in body["events"]] == ["ev-02-0", "ev-02-1"]
    for e in body["events"]:
        assert text[e["evidence"]["start"] : e["evidence"]["end"]] == e["evidence"]["text"]
    assert body["quotes"][0]["id"] == "q-02" and body["claims"][0]["id"] == "c-02"


def test_event_detail(client: TestClient) -> None:
    assert get(client, "events/ev-03-0")["data"]["type"] == "AID"
    assert get(client, "events/ev-03-0", article_id="art-03")["data"]["article_id"] == "art-03"


@pytest.mark.parametrize("path", ["articles/nope", "events/nope", "events/ev-03-0?article_id=art-04"])
def test_missing_record_is_404(client: TestClient, path: str) -> None:
    r = client.get(f"{V1}/{path}")
    assert r.status_code == 404
    assert r.json()["error"]["code"] == "not_found"


# -- filters --------------------------------------------------------------------------


def ids(items: list[dict]) -> set[str]:
    return {i["id"] for i in items}


def expected_events(pred) -> set[str]:
    out, counter = set(), {}
    for art, day, kind, src, tgt, fact in EVENTS:
        i = counter.get(art, 0)
        counter[art] = i + 1
        if pred(art=art, day=day, kind=kind, src=src, tgt=tgt, fact=fact):
            out.add(f"ev-{art:02d}-{i}")
    return out


@pytest.mark.parametrize(
    ("params", "pred"),
    [
        ({"since": "2025-03-20"}, lambda day, **_: day >= 20),
        ({"until": "2025-03-05"}, lambda day, **_: day <= 5),
        ({"since": "2025-03-10", "until": "2025-03-14"}, lambda day, **_: 10 <= day <= 14),
        ({"until": "2025-03"}, lambda **_: True),
        ({"since": "2025-04"}, lambda **_: False),
        ({"country": "PRK"}, lambda src, tgt, **_: "PRK" in (src, tgt)),
        ({"country": ["PRK", "KOR"]}, lambda src, tgt, **_: {"PRK", "KOR"} & {src, tgt}),
        ({"country": "prk,kor"}, lambda src, tgt, **_: {"PRK", "KOR"} & {src, tgt}),
        ({"actor": "north korea"}, lambda src, tgt, **_: "PRK" in (src, tgt)),
        (
            {"actor": "Ukraine", "type": "ASSAULT"},
            lambda src, tgt, kind, **_: "UKR" in (src, tgt) and kind == "ASSAULT",
        ),
        ({"type": ["agree", "AID"]}, lambda kind, **_: kind in ("AGREE", "AID")),
        ({"quad": "verbal_conflict"}, lambda kind, **_: kind in ("THREATEN", "ACCUSE")),
        ({"factuality": "reported"}, lambda fact, **_: fact == "reported"),
        ({"factuality": ["negated", "hypothetical"]}, lambda fact, **_: fact in ("negated", "hypothetical")),
        ({"q": "AGREEED"}, lambda kind, **_: kind == "AGREE"),
        ({"q": "march 2"}, lambda day, **_: 20 <= day <= 29 or day == 2),
        ({"article_id": "art-06"}, lambda art, **_: art == 6),
        ({"q": "100%_"}, lambda **_: False),
    ],
)
def test_event_filters(client: TestClient, params: dict, pred) -> None:
    assert ids(walk(client, "events", limit=4, **params)) == expected_events(pred)


def test_article_filters(client: TestClient) -> None:
    assert ids(walk(client, "articles", country="KOR")) == {"art-01", "art-05"}
    assert ids(walk(client, "articles", type="AID")) == {"art-03"}
    assert ids(walk(client, "articles", since="2025-03-20")) == {"art-10", "art-11"}
    assert ids(walk(client, "articles", q="script")) == {"art-06"}
    assert ids(walk(client, "articles", actor="south korea", quad="verbal_conflict")) == {"art-05"}


def test_quote_and_claim_filters(client: TestClient) -> None:
    assert ids(walk(client, "quotes", country="UKR")) == {f"q-{n:02d}" for n in range(1, 12, 2)}
    assert ids(walk(client, "quotes", q="inch", actor="Russia")) == {
        f"q-{n:02d}" for n in range(0, 12, 2) if n != 6
    }
    assert ids(walk(client, "claims", since="2025-03-21")) == {"c-10", "c-11"}
    assert ids(walk(client, "claims", q="600 soldiers")) == {"c-10"}


def test_filter_that_does_not_apply_is_422(client: TestClient) -> None:
    r = client.get(f"{V1}/quotes", params={"quad": "verbal_conflict"})
    assert r.status_code == 422
    assert r.json()["error"]["detail"] == {"parameter": "quad"}


def test_actors_and_dyads(client: TestClient) -> None:
    actors = get(client, "actors")["data"]
    assert actors[0]["name"] == "Russia" and actors[0]["events"] == 11
    assert [a["code"] for a in get(client, "actors", country="KOR")["data"]] == ["KOR"]
    dyads = get(client, "dyads")["data"]
    assert (dyads[0]["source"], dyads[0]["target"], dyads[0]["events"]) == ("RUS", "UKR", 7)
    assert all("PRK" in (d["source"], d["target"]) for d in get(client, "dyads", country="PRK")["data"])
    by_name = [a["name"] for a in walk(client, "actors", sort="name", limit=2)]
    assert by_name == sorted(by_name, key=str.lower)


def test_dyad_detail_series_escalation_and_incidents(client: TestClient) -> None:
    data = get(client, "dyads/rus/UKR")["data"]
    assert data["dyad"] == ["RUS", "UKR"] and data["events"] == 9
    assert data["net_conflict"] > 0
    assert any(p["alert"] for p in data["series"]) and max(p["index"] for p in data["series"]) > 0
    assert [p["period"] for p in data["series"]][:2] == ["2025-02-24", "2025-03-03"]
    assert sum(p["events"] for p in data["series"]) == 9
    assert data["incidents"] and all(
        {*i["source"], *i["target"]} == {"RUS", "UKR"} for i in data["incidents"]
    )
    directed = get(client, "dyads/UKR/RUS", directed="true", interval="month")["data"]
    assert directed["events"] == 2 and directed["series"][0]["period"] == "2025-03-01"
    assert get(client, "dyads/KOR/USA")["data"]["net_conflict"] < 0


def test_incidents_alerts_and_claim_groups(client: TestClient) -> None:
    incidents = walk(client, "incidents", limit=2)
    assert len(ids(incidents)) == len(incidents)
    ev_ids = [e["id"] for i in incidents for e in i["events"]]
    assert sorted(ev_ids) == sorted(expected_events(lambda **_: True))
    alerts = get(client, "alerts")["data"]
    assert alerts[0]["dyad"] == ["RUS", "UKR"] and alerts[0]["kind"] == "escalation"
    assert set(alerts[0]["incidents"]) <= ids(incidents)
    groups = get(client, "claims/groups", disagreements="true")["data"]
    assert groups[0]["id"] == "g-soldiers" and groups[0]["disagreement"] is True
    assert groups[0]["claims"] == 12 and groups[0]["holders"] == ["Russia", "Ukraine"]


# -- sorting and pagination ------------------------------------------------------------------


@pytest.mark.parametrize(
    "sort",
    ["date", "-date", "intensity", "-intensity", "type", "-confidence", "added", "published", "-published"],
)
def test_walking_every_page_gives_each_event_once(client: TestClient, sort: str) -> None:
    items = walk(client, "events", limit=4, sort=sort)
    keys = [(i["article_id"], i["id"]) for i in items]
    assert len(keys) == len(set(keys)) == len(EVENTS)


def test_sort_orders(client: TestClient) -> None:
    dates = [e["date"] for e in walk(client, "events", limit=3, sort="date")]
    assert dates == sorted(dates)
    values = [e["intensity"] for e in walk(client, "events", limit=5, sort="-intensity")]
    assert values == sorted(values, reverse=True)
    published = [a["published"] for a in walk(client, "articles", limit=5)]
    assert published == sorted(published, reverse=True)


@pytest.mark.parametrize(
    "path", ["articles", "quotes", "claims", "actors", "dyads", "incidents", "claims/groups"]
)
def test_pagination_without_gaps_or_duplicates(client: TestClient, path: str) -> None:
    everything = get(client, path, limit=1000)["data"]
    paged = walk(client, path, limit=2)
    assert [key(i) for i in paged] == [key(i) for i in everything]


def test_next_link_keeps_filters(client: TestClient) -> None:
    body = get(client, "events", limit=1, country="RUS", sort="intensity")
    assert "country=RUS" in body["next"] and "sort=intensity" in body["next"] and "cursor=" in body["next"]


@pytest.mark.parametrize("cursor", ["garbage", "eyJ4Ijox", "W10", "!!!"])
def test_bad_cursor_is_422(client: TestClient, cursor: str) -> None:
    r = client.get(f"{V1}/events", params={"cursor": cursor})
    assert r.status_code == 422 and r.json()["error"]["code"] == "bad_cursor"


def test_cursor_of_another_sort_or_list_is_refused(client: TestClient) -> None:
    cursor = get(client, "events", limit=1)["next"].split("cursor=")[1]
    for path, params in (("events", {"sort": "intensity"}), ("articles", {})):
        r = client.get(f"{V1}/{path}", params={"cursor": cursor, **params})
        assert r.status_code == 422 and r.json()["error"]["code"] == "bad_cursor"


# -- CSV -----------------------------------------------------------------------------


def test_csv_output(client: TestClient) -> None:
    r = client.get(f"{V1}/events", params={"format": "csv", "limit": 3, "country": "KOR"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert {row["id"] for row in rows} == expected_events(lambda src, tgt, **_: "KOR" in (src, tgt))
    assert rows[0]["kind"] == "event" and rows[0]["source"].startswith("[{")


def test_csv_pages_carry_a_link_header(client: TestClient) -> None:
    r = client.get(f"{V1}/articles", params={"format": "csv", "limit": 5})
    assert 'rel="next"' in r.headers["link"] and "format=csv" in r.headers["link"]
    assert len(list(csv.DictReader(io.StringIO(r.text)))) == 5


@pytest.mark.parametrize("path", ["incidents", "alerts", "claims/groups", "actors", "dyads"])
def test_csv_for_derived_lists(client: TestClient, path: str) -> None:
    r = client.get(f"{V1}/{path}", params={"format": "csv"})
    assert r.status_code == 200 and len(r.text.splitlines()) >= 2


def test_hostile_text_is_data_in_json(client: TestClient) -> None:
    article = get(client, "articles/art-06")["data"]
    assert HOSTILE in article["title"] and HOSTILE in article["text"]
