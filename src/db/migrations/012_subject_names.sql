-- Subject names (docs/decisions/0013-subject-names.md). A subject's shown name used to be the name of
-- whichever platform filed it last, so one platform could rename another platform's seller in public.
-- Now each seller keeps its platform's filed name, and the subject shows the name a regulator confirmed,
-- else the name (normalised) that the most platforms with a seller of it that is not closed file, ties
-- going to the name filed first. src/sellers/subject-names.ts applies the rule whenever a filing publishes;
-- src/credit/subject-name.ts records a regulator's confirmation. Names that platforms disagree on raise
-- a `name_conflict` alert.
--
-- Kept public pages (decision 0011): only subjects.legal_name reaches the public page, and every UPDATE of
-- subjects already bumps the page's version (credit_page_subject, migration 010). The tables added here
-- are not on the public page and need no trigger.

-- The normalised name (crawlers/extract/names.ts normalizeCompanyName: full-width folded, brackets
-- unified, spaces removed, lower case), computed by the check workers for every version filed from now
-- on, and by this migration (below) for the names filed before.
ALTER TABLE seller_versions ADD COLUMN name_key TEXT;
ALTER TABLE sellers ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
-- Since when this seller has filed its current name (normalised) for its subject: ties go to the name
-- filed first, so that an established name is not displaced by a newcomer that ties it.
ALTER TABLE sellers ADD COLUMN name_since TEXT NOT NULL DEFAULT '';

-- Why the subject shows its name: a regulator confirmed it, the most platforms file it, or it ties for
-- the most and was filed first.
ALTER TABLE subjects ADD COLUMN name_basis TEXT NOT NULL DEFAULT 'majority'
  CHECK (name_basis IN ('confirmed', 'majority', 'first_filed'));
-- A regulator's confirmation (POST /v1/regulator/subjects/{id}/name, audited): it wins until replaced.
ALTER TABLE subjects ADD COLUMN confirmed_name TEXT;
ALTER TABLE subjects ADD COLUMN confirmed_by TEXT;
ALTER TABLE subjects ADD COLUMN confirmed_at TEXT;
ALTER TABLE subjects ADD COLUMN confirmed_reason TEXT;

-- Subjects whose shown name a filing may change, noted while it stages (and when it publishes) and
-- worked through, then emptied, in its publishing transaction. Rows of a cut-off filing are discarded
-- with its staged versions.
CREATE TABLE subject_names_due (
  filing_id TEXT NOT NULL,
  subject_id TEXT NOT NULL,
  PRIMARY KEY (filing_id, subject_id) -- serves: the subjects of one filing, at publishing and discarding
) STRICT, WITHOUT ROWID;

-- A disagreement that stands: the normalised names it has seen since it began. A `name_conflict` alert
-- is raised when one begins and when a name it has not seen appears; none while it stands unchanged.
-- The row goes when the platforms agree again.
CREATE TABLE subject_name_conflicts (
  subject_id TEXT PRIMARY KEY REFERENCES subjects(id),
  name_keys TEXT NOT NULL,  -- JSON array of normalised names
  since TEXT NOT NULL,
  raised_in TEXT NOT NULL   -- the filing (or '012', this migration) that raised its latest alert
) STRICT;
-- serves: the alerts a filing raises, inserted from the conflicts it raised
CREATE INDEX subject_name_conflicts_raised ON subject_name_conflicts (raised_in);

-- Alerts get a second kind. A name conflict is about a subject, not one seller of one filing: its store
-- columns may be empty and `detail` lists every seller of the subject by the version it had (the names
-- are read from those versions when shown, a natural person's masked). SQLite cannot change a CHECK
-- constraint in place: the table is rebuilt.
CREATE TABLE alerts_012 (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('subject_on_blacklist', 'name_conflict')),
  subject_id TEXT NOT NULL REFERENCES subjects(id),
  platform_id INTEGER,       -- the platform whose filing raised it (none: raised by a migration)
  seller_id TEXT,
  filing_id TEXT,
  list_entry_id TEXT REFERENCES list_entries(id),
  created_at TEXT NOT NULL,
  acknowledged_at TEXT,
  acknowledged_by TEXT,
  detail TEXT,               -- name_conflict: JSON {"sellers":[{"platform_id","seller_id","version"}]}
  CHECK (kind <> 'subject_on_blacklist' OR
         (platform_id IS NOT NULL AND seller_id IS NOT NULL AND filing_id IS NOT NULL AND list_entry_id IS NOT NULL))
) STRICT;
INSERT INTO alerts_012 (id, kind, subject_id, platform_id, seller_id, filing_id, list_entry_id, created_at,
    acknowledged_at, acknowledged_by)
  SELECT id, kind, subject_id, platform_id, seller_id, filing_id, list_entry_id, created_at,
    acknowledged_at, acknowledged_by
  FROM alerts;
DROP TABLE alerts;
ALTER TABLE alerts_012 RENAME TO alerts;
CREATE INDEX alerts_open ON alerts (created_at) WHERE acknowledged_at IS NULL; -- serves: the open alerts
CREATE INDEX alerts_subject ON alerts (subject_id);                            -- serves: a subject's record

-- The names filed so far, normalised. This is normalizeCompanyName written out in SQL for this one
-- migration (SQL cannot call the code's function): full-width forms folded (U+FF01–U+FF5E, U+3000), the
-- white space and invisible characters of its pattern removed, its brackets made ( and ), its middle dots
-- made ·, then lower case for the capitals of ASCII, Latin-1, Latin Extended-A, pinyin, Greek, Cyrillic,
-- Roman numerals and circled letters. JavaScript lower-cases a few more (Armenian, Georgian...; a
-- word-final Σ becomes ς): a name with those keeps this key until its seller's next changed filing.
-- test/credit/subject-names.test.ts compares both on the spellings that matter.
CREATE TEMP TABLE name_keys_012 (legal_name TEXT PRIMARY KEY, name_key TEXT NOT NULL);
WITH RECURSIVE
  names (name) AS (SELECT legal_name FROM seller_versions UNION SELECT legal_name FROM sellers),
  steps (name, i, out) AS (
    SELECT name, 1, '' FROM names
    UNION ALL
    SELECT name, i + 1, out || (
      SELECT CASE
        WHEN u IN (9, 10, 11, 12, 13, 32, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200,
                   8201, 8202, 8203, 8204, 8205, 8232, 8233, 8239, 8287, 8288, 65279) THEN ''
        WHEN u IN (40, 60, 91, 123, 10629, 12296, 12298, 12300, 12302, 12304, 12308, 12310, 12312, 12314, 65375)
          THEN '('
        WHEN u IN (41, 62, 93, 125, 10630, 12297, 12299, 12301, 12303, 12305, 12309, 12311, 12313, 12315, 65376)
          THEN ')'
        WHEN u IN (183, 8226, 8231, 12539, 65381) THEN '·'
        WHEN u BETWEEN 65 AND 90 OR (u BETWEEN 192 AND 222 AND u <> 215) OR (u BETWEEN 913 AND 937 AND u <> 930)
             OR u BETWEEN 1040 AND 1071 THEN char(u + 32)
        WHEN u BETWEEN 1024 AND 1039 THEN char(u + 80)
        -- Latin Extended-A and pinyin's Ǎ Ě Ǐ Ǒ Ǔ Ǖ Ǘ Ǚ Ǜ: capital and small letter side by side
        WHEN (u BETWEEN 256 AND 311 OR u BETWEEN 330 AND 375) AND u % 2 = 0 AND u <> 304 THEN char(u + 1)
        WHEN (u BETWEEN 313 AND 328 OR u BETWEEN 377 AND 382 OR u BETWEEN 461 AND 476) AND u % 2 = 1 THEN char(u + 1)
        WHEN u BETWEEN 8544 AND 8559 THEN char(u + 16)  -- Roman numerals Ⅰ–Ⅿ
        WHEN u BETWEEN 9398 AND 9423 THEN char(u + 26)  -- circled letters Ⓐ–Ⓩ
        ELSE char(u)
      END
      FROM (SELECT CASE WHEN c BETWEEN 65281 AND 65374 THEN c - 65248 WHEN c = 12288 THEN 32 ELSE c END AS u
            FROM (SELECT unicode(substr(name, i, 1)) AS c))
    )
    FROM steps WHERE i <= length(name)
  )
INSERT INTO name_keys_012 (legal_name, name_key)
  SELECT name, out FROM steps WHERE i = length(name) + 1;

UPDATE seller_versions SET name_key = (SELECT k.name_key FROM name_keys_012 k WHERE k.legal_name = seller_versions.legal_name);
UPDATE sellers SET name_key = (SELECT k.name_key FROM name_keys_012 k WHERE k.legal_name = sellers.legal_name);
-- Since the first of the seller's latest versions that file this name for this subject without a break.
UPDATE sellers SET name_since = coalesce((
  SELECT min(v.filed_at) FROM seller_versions v
  WHERE v.platform_id = sellers.platform_id AND v.seller_id = sellers.seller_id AND v.version <= sellers.version
    AND v.version > coalesce((
      SELECT max(w.version) FROM seller_versions w
      WHERE w.platform_id = sellers.platform_id AND w.seller_id = sellers.seller_id AND w.version <= sellers.version
        AND (w.name_key IS NOT sellers.name_key OR w.subject_id <> sellers.subject_id)), 0)
), sellers.first_filed_at);
DROP TABLE name_keys_012;

-- Every subject's shown name by the rule: the statements of src/sellers/subject-names.ts (SHOWN_NAME and the
-- conflict statements), as they were when this was written, with every subject due.
INSERT INTO subject_names_due (filing_id, subject_id) SELECT '012', id FROM subjects;

WITH
  voters AS (
    SELECT s.subject_id, s.platform_id, s.seller_id, s.name_key, s.name_since, s.legal_name
    FROM subject_names_due d CROSS JOIN sellers s ON s.subject_id = d.subject_id
    WHERE d.filing_id = '012'
      AND (s.status <> 'closed'
           OR NOT EXISTS (SELECT 1 FROM sellers a WHERE a.subject_id = s.subject_id AND a.status <> 'closed'))
  ),
  tally AS (
    SELECT subject_id, name_key, count(DISTINCT platform_id) AS platforms,
      min(name_since || char(9) || printf('%012d', platform_id) || char(9) || seller_id) AS first, legal_name
    FROM voters GROUP BY subject_id, name_key
  ),
  ranked AS (
    SELECT subject_id, legal_name, platforms, row_number() OVER w AS place, lead(platforms) OVER w AS runner_up
    FROM tally WINDOW w AS (PARTITION BY subject_id ORDER BY platforms DESC, first, name_key)
  ),
  chosen AS (
    SELECT subject_id, legal_name,
      CASE WHEN runner_up = platforms THEN 'first_filed' ELSE 'majority' END AS basis
    FROM ranked WHERE place = 1
  )
UPDATE subjects
SET legal_name = coalesce(subjects.confirmed_name, c.legal_name),
  name_basis = CASE WHEN subjects.confirmed_name IS NULL THEN c.basis ELSE 'confirmed' END,
  updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
FROM chosen c
WHERE subjects.id = c.subject_id
  AND (subjects.legal_name <> coalesce(subjects.confirmed_name, c.legal_name)
       OR subjects.name_basis <> CASE WHEN subjects.confirmed_name IS NULL THEN c.basis ELSE 'confirmed' END);

WITH
  voters AS (
    SELECT s.subject_id, s.platform_id, s.seller_id, s.name_key, s.name_since, s.legal_name
    FROM subject_names_due d CROSS JOIN sellers s ON s.subject_id = d.subject_id
    WHERE d.filing_id = '012'
      AND (s.status <> 'closed'
           OR NOT EXISTS (SELECT 1 FROM sellers a WHERE a.subject_id = s.subject_id AND a.status <> 'closed'))
  ),
  disagreeing AS (
    SELECT subject_id, json_group_array(name_key) AS name_keys
    FROM (SELECT DISTINCT subject_id, name_key FROM voters ORDER BY subject_id, name_key)
    GROUP BY subject_id HAVING count(*) > 1
  )
INSERT INTO subject_name_conflicts (subject_id, name_keys, since, raised_in)
  SELECT subject_id, name_keys, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), '012' FROM disagreeing WHERE true
  ON CONFLICT (subject_id) DO NOTHING;

-- Alert ids are ULIDs: this moment in Crockford base 32, then '012' and a counter in place of randomness.
INSERT INTO alerts (id, kind, subject_id, platform_id, seller_id, filing_id, list_entry_id, created_at, detail)
  SELECT
    (SELECT group_concat(substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((ms >> (5 * (9 - digit))) & 31) + 1, 1), ''
                         ORDER BY digit)
     FROM (SELECT CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) AS ms),
          (SELECT column1 AS digit FROM (VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9))))
      || '012000' || printf('%010d', row_number() OVER (ORDER BY c.subject_id)),
    'name_conflict', c.subject_id, NULL, NULL, NULL, NULL, c.since,
    json_object('sellers', json((
      SELECT json_group_array(json_object('platform_id', s.platform_id, 'seller_id', s.seller_id, 'version', s.version))
      FROM sellers s WHERE s.subject_id = c.subject_id)))
  FROM subject_name_conflicts c WHERE c.raised_in = '012';

DELETE FROM subject_names_due WHERE filing_id = '012';
