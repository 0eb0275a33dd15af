-- Signed checkpoints of the access-event chain: seq is the chain position signed (so one checkpoint per position),
-- row_hash that row's hash, signature an ECDSA P-256 SHA-256 signature (DER) over the canonical content
-- (README: "Tamper evidence"). The signing key never lives in the database. Append-only, like access_event.
CREATE TABLE checkpoint (
    seq         INTEGER NOT NULL PRIMARY KEY,
    row_hash    BLOB    NOT NULL,
    created_at  TEXT    NOT NULL,
    key_id      TEXT    NOT NULL,
    signature   BLOB    NOT NULL
);

CREATE TRIGGER tr_checkpoint_no_delete BEFORE DELETE ON checkpoint
BEGIN
    SELECT RAISE(ABORT, 'checkpoint is append-only');
END;

CREATE TRIGGER tr_checkpoint_no_update BEFORE UPDATE ON checkpoint
BEGIN
    SELECT RAISE(ABORT, 'checkpoint is append-only');
END;
