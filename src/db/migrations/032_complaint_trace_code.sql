-- The product trace code a complaint names (issue 23, docs/trace-codes.md): the unit the consumer complains
-- about, as its package carries it, so that a consumer whom the public trace check told that a code was sold
-- more than once can lodge a complaint linked to that code. Both or neither. The scheme is not checked
-- against a list here: src/trace/codes.ts holds the schemes and checks the code when the complaint is
-- lodged (src/complaints/trace-code.ts), and a new scheme should not need the table rebuilt.
ALTER TABLE complaints ADD COLUMN trace_scheme TEXT;
ALTER TABLE complaints ADD COLUMN trace_code TEXT CHECK ((trace_code IS NULL) = (trace_scheme IS NULL));
