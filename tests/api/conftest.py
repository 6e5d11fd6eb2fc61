"""Fixtures of the API tests: a sample store (see sample_store.py) and clients over it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sample_store import TOKEN, FakePipeline, build_store, settings

from powderkeg.api import create_app


@pytest.fixture(scope="session")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("api") / "test.duckdb")


@pytest.fixture(scope="session")
def client(store_path: Path) -> Iterator[TestClient]:
    app = create_app(store_path, settings())
    with TestClient(app) as c:
        yield c


@pytest.fixture()
def write_client(tmp_path: Path) -> Iterator[TestClient]:
    path = build_store(tmp_path / "write.duckdb")
    app = create_app(path, settings(api_token=TOKEN), max_body=10_000, pipeline_factory=FakePipeline)
    with TestClient(app) as c:
        yield c
