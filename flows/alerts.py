"""Alerts for runs that need a person: failed, empty, dropped, lost pages, held withdrawals.

Every alarm is logged. With ``FAMILIENPUNKT_ALERT_WEBHOOK`` set, a JSON document is POSTed
there (a chat webhook, an incident tool); with ``FAMILIENPUNKT_ALERT_EMAIL`` an e-mail goes out
through ``FAMILIENPUNKT_SMTP_HOST``. A failing alert channel is logged, never fatal: the run's
own result is already in the ledger. On a Prefect server, ``familienpunkt alerts install``
adds an automation that reacts to failed runs as well (see :mod:`flows.automation`).
"""

from __future__ import annotations

import logging
import smtplib
from email.message import EmailMessage
from typing import TYPE_CHECKING, Any

import httpx

from core.settings import get_settings
from warehouse.ledger import SourceStatus

if TYPE_CHECKING:
    from flows.import_sources import ImportSummary

log = logging.getLogger("familienpunkt.alerts")


def alarms(summary: ImportSummary) -> list[dict[str, Any]]:
    """One entry per source run that needs attention (expected failures excluded)."""
    out = []
    for row in summary.reports:
        if row.expected:
            continue
        if row.status != SourceStatus.OK:
            kind = "failed" if row.status == SourceStatus.FAILED else "suspicious"
        elif row.pending:
            kind = "withdrawals_held"
        else:
            continue
        out.append(
            {
                "source": row.source_id,
                "alarm": kind,
                "status": row.status,
                "reason": row.reason,
                "fetched": row.fetched,
                "pending_withdrawals": row.pending,
            }
        )
    return out


def send(summary: ImportSummary) -> list[dict[str, Any]]:
    """Log, POST and mail the run's alarms; returns them."""
    found = alarms(summary)
    if not found:
        return found
    settings = get_settings()
    document = {"run_id": summary.run_id, "status": summary.status, "alarms": found}
    for alarm in found:
        log.warning("alarm %s: %s: %s", alarm["alarm"], alarm["source"], alarm["reason"])
    if settings.alert_webhook:
        try:
            httpx.post(settings.alert_webhook, json=document, timeout=10).raise_for_status()
        except httpx.HTTPError as exc:
            log.error("alert webhook %s failed: %s", settings.alert_webhook, exc)
    if settings.alert_email:
        message = EmailMessage()
        message["Subject"] = (
            f"Familienpunkt: {len(found)} source(s) need attention (run {summary.run_id})"
        )
        message["From"] = settings.smtp_sender
        message["To"] = settings.alert_email
        message.set_content(
            "\n".join(f"{a['source']}: {a['alarm']} – {a['reason']}" for a in found) + "\n"
        )
        try:
            with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=10) as smtp:
                smtp.send_message(message)
        except OSError as exc:
            log.error("alert e-mail to %s failed: %s", settings.alert_email, exc)
    return found
