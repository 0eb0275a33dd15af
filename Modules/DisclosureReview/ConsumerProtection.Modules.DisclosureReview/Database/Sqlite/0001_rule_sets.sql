-- Rule sets of the automatic disclosure checks (plan 6 arts. 27, 32; Advertising Law arts. 9, 25; CBRC 2011 No. 5):
-- versioned data, never edited in place. An edit by a compliance officer inserts the next version; a review records
-- the version it was checked with, so the same document and version always give the same findings.
-- content: the rule set as JSON; content_hash: SHA-256 (hex) of content.
CREATE TABLE rule_set (
    version                 INTEGER NOT NULL PRIMARY KEY,
    created_at              TEXT    NOT NULL,
    created_by              TEXT    NOT NULL,
    note                    TEXT    NULL,
    rule_count              INTEGER NOT NULL,
    content                 TEXT    NOT NULL,
    content_hash            TEXT    NOT NULL
);

CREATE TRIGGER rule_set_no_update BEFORE UPDATE ON rule_set
BEGIN SELECT RAISE(ABORT, 'rule_set versions are immutable'); END;
