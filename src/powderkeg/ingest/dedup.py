"""Exact and near-duplicate detection for article texts: word-shingle MinHash with LSH.

    index = DuplicateIndex(threshold=settings.near_duplicate_threshold)
    sig = index.signature(article.text)
    match = index.check(sig)        # None, or DuplicateMatch(article_id, kind, similarity)
    index.add(article.id, sig)

An *exact* duplicate has the same text hash (SHA-256 of the text exactly as given). A *near*
duplicate is one whose estimated Jaccard similarity of word shingles (lower-cased words,
punctuation dropped, ``shingle`` words each) reaches ``threshold``: the same wire story on
two sites with different boilerplate or light edits. Everything is deterministic: the
same texts give the same signatures and answers on every machine and run.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

_WORD = re.compile(r"\w+", re.UNICODE)
_PRIME = np.uint64((1 << 61) - 1)
_MASK32 = np.uint64(0xFFFFFFFF)
_SEED = 20240611  # fixed: signatures stored in a database must stay comparable


def text_hash(text: str) -> str:
    """SHA-256 of the text exactly as given (hex): the key of an exact duplicate."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def shingles(text: str, size: int = 3) -> set[str]:
    """The text's word shingles: ``size`` consecutive lower-cased words, punctuation dropped.

    A text shorter than ``size`` words is one shingle (or none when it has no words)."""
    words = [w.casefold() for w in _WORD.findall(text)]
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def jaccard(a: set[str], b: set[str]) -> float:
    """Exact Jaccard similarity of two shingle sets (1.0 for two empty sets)."""
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


@dataclass(frozen=True, slots=True)
class Signature:
    """What the index keeps of one text: its exact hash and its MinHash values."""

    text_hash: str
    minhash: np.ndarray  # uint32, one value per permutation

    def to_bytes(self) -> bytes:
        return self.minhash.astype("<u4").tobytes()

    @classmethod
    def from_bytes(cls, text_hash_: str, data: bytes) -> Signature:
        return cls(text_hash_, np.frombuffer(data, dtype="<u4").astype(np.uint32))


@dataclass(frozen=True, slots=True)
class DuplicateMatch:
    """A new text duplicates ``article_id``: ``kind`` exact or near, with its similarity."""

    article_id: str
    kind: Literal["exact", "near"]
    similarity: float


@dataclass(slots=True)
class _Entry:
    article_id: str
    signature: Signature


@dataclass(slots=True)
class DuplicateIndex:
    """An in-memory index of signatures answering "is this text a copy of an earlier one?".

    ``bands`` x ``rows`` must equal ``num_perm``; 32 bands of 4 rows find pairs down to a
    Jaccard of about 0.5 as candidates, which are then kept only when their estimated
    similarity reaches ``threshold``. The earliest added article wins among equals.
    """

    threshold: float = 0.8
    num_perm: int = 128
    bands: int = 32
    shingle: int = 3
    _a: np.ndarray = field(init=False, repr=False)
    _b: np.ndarray = field(init=False, repr=False)
    _entries: dict[str, _Entry] = field(init=False, repr=False, default_factory=dict)
    _by_hash: dict[str, str] = field(init=False, repr=False, default_factory=dict)
    _buckets: list[dict[bytes, list[str]]] = field(init=False, repr=False)
    _order: dict[str, int] = field(init=False, repr=False, default_factory=dict)
    _added: int = field(init=False, repr=False, default=0)

    def __post_init__(self) -> None:
        if not 0.0 < self.threshold <= 1.0:
            raise ValueError(f"near-duplicate threshold must be in (0, 1], got {self.threshold}")
        if self.num_perm % self.bands:
            raise ValueError(f"num_perm ({self.num_perm}) must be a multiple of bands ({self.bands})")
        rng = np.random.default_rng(_SEED)
        self._a = rng.integers(1, 1 << 31, size=self.num_perm, dtype=np.uint64)
        self._b = rng.integers(0, 1 << 31, size=self.num_perm, dtype=np.uint64)
        self._buckets = [{} for _ in range(self.bands)]

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._entries

    def signature(self, text: str) -> Signature:
        """The text's hash and MinHash signature (all-max values for a text with no words)."""
        grams = shingles(text, self.shingle)
        if not grams:
            return Signature(text_hash(text), np.full(self.num_perm, 0xFFFFFFFF, dtype=np.uint32))
        hashes = np.fromiter(
            (int.from_bytes(hashlib.blake2b(g.encode("utf-8", "surrogatepass"), digest_size=4).digest(),
                            "little") for g in grams),
            dtype=np.uint64, count=len(grams),
        )
        # (a*h + b) mod p stays below 2**64: a, b < 2**31 and h < 2**32.
        permuted = (np.outer(hashes, self._a) + self._b) % _PRIME & _MASK32
        return Signature(text_hash(text), permuted.min(axis=0).astype(np.uint32))

    def similarity(self, a: Signature, b: Signature) -> float:
        """Estimated Jaccard similarity of the two texts' shingle sets."""
        return float(np.mean(a.minhash == b.minhash))

    def check(self, text_or_signature: str | Signature) -> DuplicateMatch | None:
        """The earliest indexed article this text duplicates, exactly or nearly, or None."""
        sig = self._as_signature(text_or_signature)
        exact = self._by_hash.get(sig.text_hash)
        if exact is not None:
            return DuplicateMatch(exact, "exact", 1.0)
        candidates = sorted(self._candidates(sig), key=self._order.__getitem__)
        if not candidates:
            return None
        # one vectorised comparison against every candidate (a corpus of near-alike texts can
        # put thousands in the same LSH buckets)
        matrix = np.stack([self._entries[c].signature.minhash for c in candidates])
        scores = (matrix == sig.minhash).mean(axis=1)
        hits = np.flatnonzero(scores >= self.threshold)
        if hits.size == 0:
            return None
        first = int(hits[0])  # candidates are in insertion order: the earliest article wins
        return DuplicateMatch(candidates[first], "near", float(scores[first]))

    def add(self, article_id: str, text_or_signature: str | Signature) -> Signature:
        """Index one article (re-adding an id replaces its signature); returns the signature."""
        sig = self._as_signature(text_or_signature)
        if article_id in self._entries:
            self.remove(article_id)
        self._entries[article_id] = _Entry(article_id, sig)
        self._added += 1
        self._order[article_id] = self._added
        self._by_hash.setdefault(sig.text_hash, article_id)
        for band, key in enumerate(self._band_keys(sig)):
            self._buckets[band].setdefault(key, []).append(article_id)
        return sig

    def remove(self, article_id: str) -> None:
        """Forget one article (used when a store transaction is rolled back)."""
        entry = self._entries.pop(article_id, None)
        if entry is None:
            return
        self._order.pop(article_id, None)
        if self._by_hash.get(entry.signature.text_hash) == article_id:
            del self._by_hash[entry.signature.text_hash]
            for other in self._entries.values():  # another copy of the same text takes over
                if other.signature.text_hash == entry.signature.text_hash:
                    self._by_hash[entry.signature.text_hash] = other.article_id
                    break
        for band, key in enumerate(self._band_keys(entry.signature)):
            bucket = self._buckets[band].get(key, [])
            if article_id in bucket:
                bucket.remove(article_id)
            if not bucket:
                self._buckets[band].pop(key, None)

    def _as_signature(self, value: str | Signature) -> Signature:
        if isinstance(value, Signature):
            if len(value.minhash) != self.num_perm:
                raise ValueError(
                    f"signature has {len(value.minhash)} values, this index uses {self.num_perm}"
                )
            return value
        return self.signature(value)

    def _band_keys(self, sig: Signature) -> list[bytes]:
        rows = self.num_perm // self.bands
        data = sig.minhash.astype("<u4")
        return [data[i * rows : (i + 1) * rows].tobytes() for i in range(self.bands)]

    def _candidates(self, sig: Signature) -> set[str]:
        found: set[str] = set()
        for band, key in enumerate(self._band_keys(sig)):
            found.update(self._buckets[band].get(key, ()))
        return found
