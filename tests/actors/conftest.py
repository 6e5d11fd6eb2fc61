"""One resolver for the actor tests (its index is cached per process anyway)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def resolver():
    from powderkeg.actors import ActorResolver

    return ActorResolver()
