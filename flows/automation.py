"""A Prefect automation that calls a webhook whenever an import or publication run fails.

Import runs end Failed when a source failed or is suspicious (see :mod:`flows.import_sources`),
so this fires for scheduled runs on any worker, independent of the process that ran them.
"""

from __future__ import annotations

import contextlib

AUTOMATION_NAME = "familienpunkt-failed-runs"
BLOCK_NAME = "familienpunkt-alert-webhook"
FLOWS = ("import-sources", "publish", "familienpunkt-run")
PAYLOAD = (
    '{"alarm": "flow run failed", "flow_run": "{{ flow_run.name }}", '
    '"flow_run_id": "{{ flow_run.id }}", "state": "{{ flow_run.state.name }}", '
    '"message": {{ flow_run.state.message | tojson }}}'
)


def install(webhook_url: str) -> str:
    """Create (or replace) the automation and its webhook block; returns the automation id."""
    from prefect.automations import Automation, CallWebhook, EventTrigger, Posture
    from prefect.blocks.webhook import Webhook
    from pydantic import SecretStr

    block = Webhook(method="POST", url=SecretStr(webhook_url), allow_private_urls=True)
    block_id = block.save(BLOCK_NAME, overwrite=True)
    with contextlib.suppress(ValueError):  # ValueError: there is none yet
        Automation.read(name=AUTOMATION_NAME).delete()
    automation = Automation(
        name=AUTOMATION_NAME,
        description="Familienpunkt: a run failed (a source failed, is suspicious or held "
        "withdrawals back, or publishing failed)",
        trigger=EventTrigger(
            match={"prefect.resource.id": "prefect.flow-run.*"},
            match_related={"prefect.resource.role": "flow",
                           "prefect.resource.name": list(FLOWS)},
            expect={"prefect.flow-run.Failed", "prefect.flow-run.Crashed"},
            posture=Posture.Reactive,
            threshold=1,
        ),
        actions=[CallWebhook(block_document_id=block_id, payload=PAYLOAD)],
    ).create()
    return str(automation.id)
