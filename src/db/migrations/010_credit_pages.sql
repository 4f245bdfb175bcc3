-- Kept public credit pages (src/credit/pages.ts): a cache, never a source.
--
-- credit_page_versions counts, per subject, the writes that can change its public page. The triggers
-- below bump it in the same transaction as the write, whichever connection, thread or process makes it,
-- so no code path can change a page without making its kept copy stale. A subject without a row is at
-- version 0.

CREATE TABLE credit_page_versions (
  subject_id TEXT PRIMARY KEY,
  version INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

-- A page counts only while its version is the subject's, its format is the running code's (format
-- version and public URL) and changes_at (a mark expiring, a penalty's publication ending) has not come.
-- No foreign keys: a kept page may be dropped at any time, and the whole table may be emptied.
CREATE TABLE credit_pages (
  subject_id TEXT PRIMARY KEY,
  version INTEGER NOT NULL,
  format TEXT NOT NULL,
  changes_at TEXT,                     -- RFC 3339; NULL: only a write changes the page
  head TEXT NOT NULL,                  -- the page's JSON up to its score: {"subject_id":...,"credit":
  tail TEXT NOT NULL,                  -- and after it: ,"stores":[...],...}
  events TEXT,                         -- JSON of the events the score is computed from; NULL: none
  built_at TEXT NOT NULL
) STRICT;

-- Subjects: name, kind, code.
CREATE TRIGGER credit_page_subject AFTER UPDATE ON subjects BEGIN
  INSERT INTO credit_page_versions (subject_id, version) VALUES (NEW.id, 1)
    ON CONFLICT (subject_id) DO UPDATE SET version = version + 1;
END;

-- Stores: name, URL, status; a store that moves to another subject changes both pages.
CREATE TRIGGER credit_page_seller_insert AFTER INSERT ON sellers BEGIN
  INSERT INTO credit_page_versions (subject_id, version) VALUES (NEW.subject_id, 1)
    ON CONFLICT (subject_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER credit_page_seller_update AFTER UPDATE ON sellers BEGIN
  INSERT INTO credit_page_versions (subject_id, version) VALUES (NEW.subject_id, 1)
    ON CONFLICT (subject_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER credit_page_seller_moved AFTER UPDATE OF subject_id ON sellers
  WHEN OLD.subject_id <> NEW.subject_id BEGIN
  INSERT INTO credit_page_versions (subject_id, version) VALUES (OLD.subject_id, 1)
    ON CONFLICT (subject_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER credit_page_seller_delete AFTER DELETE ON sellers BEGIN
  INSERT INTO credit_page_versions (subject_id, version) VALUES (OLD.subject_id, 1)
    ON CONFLICT (subject_id) DO UPDATE SET version = version + 1;
END;

-- A platform's name shows beside each of its stores.
CREATE TRIGGER credit_page_platform AFTER UPDATE OF name ON platforms BEGIN
  INSERT INTO credit_page_versions (subject_id, version)
    SELECT DISTINCT subject_id, 1 FROM sellers WHERE platform_id = NEW.id
    ON CONFLICT (subject_id) DO UPDATE SET version = version + 1;
END;

-- The ledger is append-only (migration 005): inserts are all there is.
CREATE TRIGGER credit_page_event AFTER INSERT ON credit_events BEGIN
  INSERT INTO credit_page_versions (subject_id, version) VALUES (NEW.subject_id, 1)
    ON CONFLICT (subject_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER credit_page_penalty_insert AFTER INSERT ON penalties BEGIN
  INSERT INTO credit_page_versions (subject_id, version) VALUES (NEW.subject_id, 1)
    ON CONFLICT (subject_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER credit_page_penalty_update AFTER UPDATE ON penalties BEGIN
  INSERT INTO credit_page_versions (subject_id, version) VALUES (NEW.subject_id, 1)
    ON CONFLICT (subject_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER credit_page_penalty_delete AFTER DELETE ON penalties BEGIN
  INSERT INTO credit_page_versions (subject_id, version) VALUES (OLD.subject_id, 1)
    ON CONFLICT (subject_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER credit_page_list_insert AFTER INSERT ON list_entries BEGIN
  INSERT INTO credit_page_versions (subject_id, version) VALUES (NEW.subject_id, 1)
    ON CONFLICT (subject_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER credit_page_list_update AFTER UPDATE ON list_entries BEGIN
  INSERT INTO credit_page_versions (subject_id, version) VALUES (NEW.subject_id, 1)
    ON CONFLICT (subject_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER credit_page_list_delete AFTER DELETE ON list_entries BEGIN
  INSERT INTO credit_page_versions (subject_id, version) VALUES (OLD.subject_id, 1)
    ON CONFLICT (subject_id) DO UPDATE SET version = version + 1;
END;

-- The latest verification.
CREATE TRIGGER credit_page_verification_insert AFTER INSERT ON verifications BEGIN
  INSERT INTO credit_page_versions (subject_id, version) VALUES (NEW.subject_id, 1)
    ON CONFLICT (subject_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER credit_page_verification_update AFTER UPDATE ON verifications BEGIN
  INSERT INTO credit_page_versions (subject_id, version) VALUES (NEW.subject_id, 1)
    ON CONFLICT (subject_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER credit_page_verification_delete AFTER DELETE ON verifications BEGIN
  INSERT INTO credit_page_versions (subject_id, version) VALUES (OLD.subject_id, 1)
    ON CONFLICT (subject_id) DO UPDATE SET version = version + 1;
END;

-- Active marks: issued, revoked.
CREATE TRIGGER credit_page_mark_insert AFTER INSERT ON marks BEGIN
  INSERT INTO credit_page_versions (subject_id, version) VALUES (NEW.subject_id, 1)
    ON CONFLICT (subject_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER credit_page_mark_update AFTER UPDATE ON marks BEGIN
  INSERT INTO credit_page_versions (subject_id, version) VALUES (NEW.subject_id, 1)
    ON CONFLICT (subject_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER credit_page_mark_delete AFTER DELETE ON marks BEGIN
  INSERT INTO credit_page_versions (subject_id, version) VALUES (OLD.subject_id, 1)
    ON CONFLICT (subject_id) DO UPDATE SET version = version + 1;
END;

-- Complaint statistics and published narratives. A complaint about an unfiled store has no subject.
CREATE TRIGGER credit_page_complaint_insert AFTER INSERT ON complaints
  WHEN NEW.subject_id IS NOT NULL BEGIN
  INSERT INTO credit_page_versions (subject_id, version) VALUES (NEW.subject_id, 1)
    ON CONFLICT (subject_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER credit_page_complaint_update AFTER UPDATE ON complaints
  WHEN NEW.subject_id IS NOT NULL BEGIN
  INSERT INTO credit_page_versions (subject_id, version) VALUES (NEW.subject_id, 1)
    ON CONFLICT (subject_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER credit_page_complaint_moved AFTER UPDATE OF subject_id ON complaints
  WHEN OLD.subject_id IS NOT NULL AND OLD.subject_id IS NOT NEW.subject_id BEGIN
  INSERT INTO credit_page_versions (subject_id, version) VALUES (OLD.subject_id, 1)
    ON CONFLICT (subject_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER credit_page_complaint_delete AFTER DELETE ON complaints
  WHEN OLD.subject_id IS NOT NULL BEGIN
  INSERT INTO credit_page_versions (subject_id, version) VALUES (OLD.subject_id, 1)
    ON CONFLICT (subject_id) DO UPDATE SET version = version + 1;
END;

-- Orders filed, for complaints per thousand orders: once per store and month of a published filing.
-- Orders of a store that is not filed change no page.
CREATE TRIGGER credit_page_orders_insert AFTER INSERT ON seller_month_stats BEGIN
  INSERT INTO credit_page_versions (subject_id, version)
    SELECT subject_id, 1 FROM sellers WHERE platform_id = NEW.platform_id AND seller_id = NEW.seller_id
    ON CONFLICT (subject_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER credit_page_orders_update AFTER UPDATE ON seller_month_stats BEGIN
  INSERT INTO credit_page_versions (subject_id, version)
    SELECT subject_id, 1 FROM sellers WHERE platform_id = NEW.platform_id AND seller_id = NEW.seller_id
    ON CONFLICT (subject_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER credit_page_orders_delete AFTER DELETE ON seller_month_stats BEGIN
  INSERT INTO credit_page_versions (subject_id, version)
    SELECT subject_id, 1 FROM sellers WHERE platform_id = OLD.platform_id AND seller_id = OLD.seller_id
    ON CONFLICT (subject_id) DO UPDATE SET version = version + 1;
END;
