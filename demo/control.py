"""Driving a separately started demo world over HTTP (``POST /_control/…``)."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any


class ControlError(RuntimeError):
    """A control request was refused; the message is the server's error text."""


class RemoteWorld:
    """The test controls of :class:`demo.world.DemoWorld` for a world at ``base_url``."""

    def __init__(self, base_url: str, *, timeout_s: float = 5.0) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout_s = timeout_s

    def _post(self, action: str, payload: dict[str, Any]) -> dict[str, Any]:
        request = urllib.request.Request(
            f"{self.base_url}/_control/{action}",
            data=json.dumps(payload).encode("utf-8"),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout_s) as response:
                return json.loads(response.read())
        except urllib.error.HTTPError as exc:
            detail = json.loads(exc.read() or b"{}").get("error", exc.reason)
            raise ControlError(f"{action}: HTTP {exc.code}: {detail}") from None

    def set_fault(self, provider_id: str, mode: str | None) -> None:
        self._post("fault", {"provider": provider_id, "mode": mode})

    def book(self, provider_id: str, offer_key: str, n: int = 1) -> int:
        return int(
            self._post("book", {"provider": provider_id, "offer_key": offer_key, "n": n})[
                "free_places"
            ]
        )

    def remove_offer(self, provider_id: str, offer_key: str) -> None:
        self._post("remove", {"provider": provider_id, "offer_key": offer_key})

    def reset(self) -> None:
        self._post("reset", {})

    def state(self) -> dict[str, Any]:
        with urllib.request.urlopen(
            f"{self.base_url}/_control/state", timeout=self.timeout_s
        ) as response:
            return json.loads(response.read())
