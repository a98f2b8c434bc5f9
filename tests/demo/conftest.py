"""A demo world shared by the tests of this folder; every test starts from the canonical world."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from demo import DemoWorld


@pytest.fixture(scope="session")
def world() -> Iterator[DemoWorld]:
    with DemoWorld() as running:
        yield running


@pytest.fixture(autouse=True)
def _canonical(request: pytest.FixtureRequest) -> Iterator[None]:
    """Reset faults, bookings and removals after each test; fail on provider exceptions."""
    yield
    if "world" in request.fixturenames:
        shared: DemoWorld = request.getfixturevalue("world")
        shared.reset()
        errors, shared.errors[:] = list(shared.errors), []
        assert not errors, "a provider raised:\n" + "\n".join(errors)


@pytest.fixture
def client(world: DemoWorld) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=world.base_url, timeout=5.0) as http:
        yield http
