"""A stage that hangs on one article fails that article with a reason; the batch goes on."""

from __future__ import annotations

import time

from powderkeg.config import Settings
from powderkeg.pipeline import Pipeline
from powderkeg.records import Article


class SlowOnMarker:
    def __init__(self, inner) -> None:
        self.inner = inner

    def find(self, ctx, quotes=None):
        if "HANG" in ctx.article.text:
            while True:
                time.sleep(0.01)
        return self.inner.find(ctx, quotes)


def test_hanging_article_fails_and_the_rest_go_on() -> None:
    pipe = Pipeline(Settings(doc_time_budget=1.0))
    pipe.claims = SlowOnMarker(pipe.claims)
    articles = [
        Article(id="ok-1", text="Police in Lagos arrested 12 protesters on Monday."),
        Article(id="bad", text="HANG forever."),
        Article(id="ok-2", text="Chad closed its border with Sudan."),
    ]
    failed: list[tuple[str, str]] = []
    done = [r.article.id for r in pipe.process_many_safe(articles, on_error=lambda a, e: failed.append((a.id, str(e))))]
    assert done == ["ok-1", "ok-2"]
    assert failed and failed[0][0] == "bad"
    assert "budget" in failed[0][1]
