-- Counts of one merge, read after merge_source.sql inside the same transaction.
SELECT
    count(*) FILTER (WHERE change = 'new')                           AS new,
    count(*) FILTER (WHERE change IN ('changed', 'reinstated'))      AS changed,
    count(*) FILTER (WHERE change = 'unchanged')                     AS unchanged,
    (SELECT count(*) FROM stage_gone)                                AS withdrawn
FROM stage_class;
