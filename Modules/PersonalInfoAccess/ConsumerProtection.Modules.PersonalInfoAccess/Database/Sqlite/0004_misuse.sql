-- Misuse detection: customers flagged VIP or employee, alerts raised by the rules over the access log,
-- their review notes, the major events a confirmed leak opens (plan 6 art. 41(5)), and the rules' read cursor.
CREATE TABLE customer_flag (
    customer_ref            TEXT    NOT NULL PRIMARY KEY,
    flag                    TEXT    NOT NULL,
    note                    TEXT    NULL,
    set_by                  TEXT    NOT NULL,
    set_at                  TEXT    NOT NULL
);

-- group_key: SHA-256 (hex) of the rule and what groups its hits (staff, hour or day, customer, system); one active
-- (Open or Acknowledged) alert per group_key. dedupe_key is unique: the group key, or group key + ':' + first seq for a
-- later alert of a group whose earlier one is closed. details: JSON of rule figures, references only.
CREATE TABLE alert (
    id                      TEXT    NOT NULL PRIMARY KEY,
    rule                    TEXT    NOT NULL,
    group_key               TEXT    NOT NULL,
    dedupe_key              TEXT    NOT NULL,
    status                  TEXT    NOT NULL,
    severity                TEXT    NOT NULL,
    staff_id                TEXT    NULL,
    customer_ref            TEXT    NULL,
    source_system           TEXT    NULL,
    first_seq               INTEGER NOT NULL,
    last_seq                INTEGER NOT NULL,
    event_count             INTEGER NOT NULL,
    window_start            TEXT    NOT NULL,
    window_end              TEXT    NOT NULL,
    detected_at             TEXT    NOT NULL,
    updated_at              TEXT    NOT NULL,
    details                 TEXT    NOT NULL,
    version                 INTEGER NOT NULL,
    acknowledged_by         TEXT    NULL,
    acknowledged_at         TEXT    NULL,
    closed_by               TEXT    NULL,
    closed_at               TEXT    NULL,
    resolution              TEXT    NULL,
    major_event_id          TEXT    NULL
);

CREATE UNIQUE INDEX ux_alert_dedupe ON alert (dedupe_key);
CREATE INDEX ix_alert_group ON alert (group_key, status);
CREATE INDEX ix_alert_detected ON alert (detected_at);
CREATE INDEX ix_alert_status ON alert (status, detected_at);
CREATE INDEX ix_alert_rule ON alert (rule, detected_at);
CREATE INDEX ix_alert_staff ON alert (staff_id, detected_at);

CREATE TABLE alert_note (
    id                      TEXT    NOT NULL PRIMARY KEY,
    alert_id                TEXT    NOT NULL REFERENCES alert (id),
    noted_at                TEXT    NOT NULL,
    author                  TEXT    NOT NULL,
    from_status             TEXT    NOT NULL,
    to_status               TEXT    NOT NULL,
    note                    TEXT    NULL
);

CREATE INDEX ix_alert_note_alert ON alert_note (alert_id, noted_at);

CREATE TABLE major_event (
    id                      TEXT    NOT NULL PRIMARY KEY,
    alert_id                TEXT    NOT NULL REFERENCES alert (id),
    opened_at               TEXT    NOT NULL,
    opened_by               TEXT    NOT NULL,
    summary                 TEXT    NOT NULL,
    reported_at             TEXT    NULL,
    reported_by             TEXT    NULL,
    reported_to             TEXT    NULL,
    report_reference        TEXT    NULL,
    report_recorded_at      TEXT    NULL
);

CREATE UNIQUE INDEX ux_major_event_alert ON major_event (alert_id);
CREATE INDEX ix_major_event_opened ON major_event (opened_at);

CREATE TABLE misuse_cursor (
    name                    TEXT    NOT NULL PRIMARY KEY,
    last_seq                INTEGER NOT NULL
);

INSERT INTO misuse_cursor (name, last_seq) VALUES ('misuse', 0);
