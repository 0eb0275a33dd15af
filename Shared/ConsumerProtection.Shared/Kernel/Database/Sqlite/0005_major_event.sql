-- The office's one major-event register (plan 6 art. 41, ADR 0007): one row per (source module, source reference),
-- written by the kernel's handler of the raiser's MajorEventRaised integration event; acknowledged, then reported upward.
CREATE TABLE major_event (
    id               TEXT    NOT NULL PRIMARY KEY,
    version          INTEGER NOT NULL,
    source_module    TEXT    NOT NULL,
    source_reference TEXT    NOT NULL,
    kind             TEXT    NOT NULL,
    severity         TEXT    NOT NULL,
    status           TEXT    NOT NULL,
    summary          TEXT    NOT NULL,
    occurred_at      TEXT    NOT NULL,
    detected_at      TEXT    NOT NULL,
    registered_at    TEXT    NOT NULL,
    report_due_at    TEXT    NOT NULL,
    acknowledged_at  TEXT    NULL,
    acknowledged_by  TEXT    NULL,
    reported_to      TEXT    NULL,
    reported_at      TEXT    NULL,
    report_reference TEXT    NULL,
    reported_by      TEXT    NULL
);
CREATE UNIQUE INDEX ux_major_event_source ON major_event (source_module, source_reference);
CREATE INDEX ix_major_event_detected ON major_event (detected_at);
