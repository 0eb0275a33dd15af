-- The personal-information access log (plan 6 arts. 30-31): one row per access, append-only,
-- hash-chained. seq is the chain position, assigned by the single writer; payload_hash covers every field of the
-- event, row_hash = H(seq, recorded_at, payload_hash, prev_hash). Retention purges the personal fields (and sets
-- purged_at) but never the hashes, so the chain still verifies.
CREATE TABLE access_event (
    seq                     INTEGER NOT NULL PRIMARY KEY,
    event_id                TEXT    NOT NULL,
    occurred_at             TEXT    NOT NULL,
    recorded_at             TEXT    NOT NULL,
    staff_id                TEXT    NULL,
    staff_role              TEXT    NULL,
    staff_branch            TEXT    NULL,
    staff_department        TEXT    NULL,
    source_system           TEXT    NOT NULL,
    customer_ref            TEXT    NULL,
    categories              TEXT    NOT NULL,
    max_tier                INTEGER NOT NULL,
    action                  TEXT    NOT NULL,
    purpose                 TEXT    NOT NULL,
    purpose_text            TEXT    NULL,
    legal_basis             TEXT    NOT NULL,
    business_ref            TEXT    NULL,
    consent_ref             TEXT    NULL,
    authorization_ref       TEXT    NULL,
    channel                 TEXT    NULL,
    outcome                 TEXT    NOT NULL,
    payload_hash            BLOB    NOT NULL,
    prev_hash               BLOB    NOT NULL,
    row_hash                BLOB    NOT NULL,
    purged_at               TEXT    NULL
);

CREATE UNIQUE INDEX ux_access_event_event_id ON access_event (event_id);
-- Data-subject reports (PIPL art. 45) and the per-staff misuse window.
CREATE INDEX ix_access_event_customer ON access_event (customer_ref, occurred_at);
CREATE INDEX ix_access_event_staff ON access_event (staff_id, occurred_at);
-- Time-range queries (with source system / purpose filters applied on the range) and retention.
CREATE INDEX ix_access_event_occurred ON access_event (occurred_at);

-- Append-only: no delete, and the only update allowed is the retention purge of the personal fields.
CREATE TRIGGER tr_access_event_no_delete BEFORE DELETE ON access_event
BEGIN
    SELECT RAISE(ABORT, 'access_event is append-only');
END;

CREATE TRIGGER tr_access_event_purge_only BEFORE UPDATE ON access_event
WHEN NOT (
    OLD.purged_at IS NULL AND NEW.purged_at IS NOT NULL
    AND NEW.seq = OLD.seq AND NEW.event_id = OLD.event_id AND NEW.occurred_at = OLD.occurred_at
    AND NEW.recorded_at = OLD.recorded_at AND NEW.source_system = OLD.source_system
    AND NEW.categories = OLD.categories AND NEW.max_tier = OLD.max_tier AND NEW.action = OLD.action
    AND NEW.purpose = OLD.purpose AND NEW.legal_basis = OLD.legal_basis AND NEW.outcome = OLD.outcome
    AND NEW.staff_role IS OLD.staff_role AND NEW.staff_branch IS OLD.staff_branch
    AND NEW.staff_department IS OLD.staff_department AND NEW.channel IS OLD.channel
    AND NEW.payload_hash = OLD.payload_hash AND NEW.prev_hash = OLD.prev_hash AND NEW.row_hash = OLD.row_hash
    AND NEW.staff_id IS NULL AND NEW.customer_ref IS NULL AND NEW.purpose_text IS NULL AND NEW.business_ref IS NULL
    AND NEW.consent_ref IS NULL AND NEW.authorization_ref IS NULL)
BEGIN
    SELECT RAISE(ABORT, 'access_event is append-only; only the retention purge may clear personal fields');
END;
