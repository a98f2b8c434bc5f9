-- The quarantine of each source's last run that quarantined anything.
SELECT q.*
FROM quarantine q
WHERE q.run_id = (SELECT max(run_id) FROM source_runs s WHERE s.source_id = q.source_id)
