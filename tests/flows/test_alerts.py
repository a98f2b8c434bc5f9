"""Alarms reach people: a JSON POST to the webhook and an e-mail for every failed, suspicious
or withdrawal-holding source run — never for the sources the registry expects to fail."""

from __future__ import annotations

import json
import socketserver
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from core.settings import get_settings
from flows import alerts
from flows.import_sources import ImportSummary
from tests.conftest import FROZEN_NOW
from warehouse.ledger import SourceRunReport


def row(source_id: str, status: str, **extra) -> SourceRunReport:
    return SourceRunReport(run_id="r1", source_id=source_id, status=status,
                           started_at=FROZEN_NOW, finished_at=FROZEN_NOW + timedelta(seconds=2),
                           **extra)


SUMMARY = ImportSummary("r1", "partial", [
    row("vhs", "failed", reason="HTTP 500 (after 3 attempts)"),
    row("kitas", "ok", pending=41, reason="41 withdrawal(s) held"),
    row("bibliothek", "suspicious", reason="3 page(s) could not be fetched"),
    row("naturstation", "failed", reason="cut off", expected=True),
    row("theater", "ok"),
], "")


class _Smtp(socketserver.StreamRequestHandler):
    """Just enough SMTP to take one message."""

    def handle(self) -> None:
        self.wfile.write(b"220 test ESMTP\r\n")
        data, in_data = [], False
        for raw in self.rfile:
            line = raw.decode().rstrip("\r\n")
            if in_data:
                if line == ".":
                    in_data = False
                    self.server.messages.append("\n".join(data))
                    self.wfile.write(b"250 queued\r\n")
                else:
                    data.append(line)
                continue
            verb = line.split(" ", 1)[0].upper()
            if verb == "DATA":
                in_data = True
                self.wfile.write(b"354 go on\r\n")
            elif verb == "QUIT":
                self.wfile.write(b"221 bye\r\n")
                return
            else:
                self.wfile.write(b"250 ok\r\n")


@pytest.fixture
def receivers(monkeypatch):
    posted: list[dict] = []

    class Hook(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            posted.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args) -> None:
            pass

    web = ThreadingHTTPServer(("127.0.0.1", 0), Hook)
    mail = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _Smtp)
    mail.messages = []
    for server in (web, mail):
        threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setenv("FAMILIENPUNKT_ALERT_WEBHOOK", f"http://127.0.0.1:{web.server_port}/hook")
    monkeypatch.setenv("FAMILIENPUNKT_ALERT_EMAIL", "datenteam@stadt.example")
    monkeypatch.setenv("FAMILIENPUNKT_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("FAMILIENPUNKT_SMTP_PORT", str(mail.server_address[1]))
    get_settings.cache_clear()
    yield posted, mail.messages
    get_settings.cache_clear()
    web.shutdown()
    mail.shutdown()


def test_alarms_go_to_the_webhook_and_by_mail(receivers):
    posted, mails = receivers
    sent = alerts.send(SUMMARY)
    assert [(a["source"], a["alarm"]) for a in sent] == [
        ("vhs", "failed"), ("kitas", "withdrawals_held"), ("bibliothek", "suspicious")]
    (document,) = posted
    assert document["run_id"] == "r1" and len(document["alarms"]) == 3
    assert document["alarms"][1]["pending_withdrawals"] == 41
    (message,) = mails
    assert "To: datenteam@stadt.example" in message and "3 source(s) need attention" in message
    assert "vhs: failed" in message and "naturstation" not in message


def test_a_broken_alert_channel_is_logged_never_fatal(monkeypatch, caplog):
    monkeypatch.setenv("FAMILIENPUNKT_ALERT_WEBHOOK", "http://127.0.0.1:9/nowhere")
    get_settings.cache_clear()
    try:
        assert len(alerts.send(SUMMARY)) == 3
    finally:
        get_settings.cache_clear()
    assert "alert webhook http://127.0.0.1:9/nowhere failed" in caplog.text


def test_no_alarm_no_message(receivers):
    posted, mails = receivers
    assert alerts.send(ImportSummary("r2", "ok", [row("theater", "ok")], "")) == []
    assert posted == [] and mails == []
