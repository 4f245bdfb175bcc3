-- A verification that found a trust mark not genuine (forged, copied, lookalike, self-hosted, expired,
-- revoked) is a violation whatever its identity verdict (issue 18: such crawls showed as all compliant).
-- The flag was only inside the record's JSON; a column lets a crawl count them without reading records.
ALTER TABLE verifications ADD COLUMN marks_violation INTEGER NOT NULL DEFAULT 0 CHECK (marks_violation IN (0, 1));
UPDATE verifications SET marks_violation = 1 WHERE json_extract(record, '$.marks_violation') = 1;
