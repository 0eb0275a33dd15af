-- Evidence that survives a purge (README: "Tamper evidence"). Payload v2: personal_hash = H(salt, the six personal
-- fields) and payload_hash = H(the other fields, personal_hash), so a purge clears the personal fields and the salt
-- but the kept fields stay verifiable. Rows written before this migration keep payload v1 (both columns null); the
-- cut-over is the first seq with a personal_hash, signed into the purge ledger's first entry on an upgraded database.
ALTER TABLE access_event ADD COLUMN personal_salt BLOB NULL;
ALTER TABLE access_event ADD COLUMN personal_hash BLOB NULL;

-- The purge may now also clear the salt, and must keep personal_hash (the triggers are a guard rail, not the proof:
-- whoever can write the file can drop them; verification is the proof).
DROP TRIGGER tr_access_event_purge_only;

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
    AND NEW.personal_hash IS OLD.personal_hash
    AND NEW.staff_id IS NULL AND NEW.customer_ref IS NULL AND NEW.purpose_text IS NULL AND NEW.business_ref IS NULL
    AND NEW.consent_ref IS NULL AND NEW.authorization_ref IS NULL AND NEW.personal_salt IS NULL)
BEGIN
    SELECT RAISE(ABORT, 'access_event is append-only; only the retention purge may clear personal fields');
END;

-- The purge ledger: one entry per purge transaction, naming the purged seqs (ranges "a-b,c"), when, under which
-- retention period; hash-chained (prev_hash, entry_hash) and signed with the checkpoint key, so an entry cannot be
-- forged, edited or dropped from the middle without verification noticing. Kind 'cutover' (entry 1 of an upgraded
-- database only) signs the first payload-v2 seq and the rows already purged before the upgrade.
CREATE TABLE purge_ledger (
    entry_no                INTEGER NOT NULL PRIMARY KEY,
    kind                    TEXT    NOT NULL,
    purged_at               TEXT    NOT NULL,
    record_type             TEXT    NOT NULL,
    retention_years         INTEGER NOT NULL,
    first_v2_seq            INTEGER NULL,
    event_seqs              TEXT    NOT NULL,
    prev_hash               BLOB    NOT NULL,
    entry_hash              BLOB    NOT NULL,
    key_id                  TEXT    NOT NULL,
    signature               BLOB    NOT NULL
);

CREATE TRIGGER tr_purge_ledger_no_delete BEFORE DELETE ON purge_ledger
BEGIN
    SELECT RAISE(ABORT, 'purge_ledger is append-only');
END;

CREATE TRIGGER tr_purge_ledger_no_update BEFORE UPDATE ON purge_ledger
BEGIN
    SELECT RAISE(ABORT, 'purge_ledger is append-only');
END;
