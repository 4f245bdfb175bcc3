-- A verification keeps two more kinds of evidence (issue 17): the licence picture the store shows, and
-- what OCR read from it (crawlers/ocr). SQLite cannot change a CHECK: the table is rebuilt.
CREATE TABLE verification_evidence_next (
  verification_id TEXT NOT NULL REFERENCES verifications(id),
  sha256 TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('raw', 'rendered', 'screenshot', 'license_image', 'ocr')),
  media_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  PRIMARY KEY (verification_id, kind)
) STRICT, WITHOUT ROWID;
INSERT INTO verification_evidence_next (verification_id, sha256, kind, media_type, size)
  SELECT verification_id, sha256, kind, media_type, size FROM verification_evidence;
DROP TABLE verification_evidence;
ALTER TABLE verification_evidence_next RENAME TO verification_evidence;
