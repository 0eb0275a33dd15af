CREATE TABLE complaint (
    id                        TEXT    NOT NULL PRIMARY KEY,
    reference                 TEXT    NOT NULL UNIQUE,
    version                   INTEGER NOT NULL,
    status                    TEXT    NOT NULL,
    received_at               TEXT    NOT NULL,
    received_date             TEXT    NOT NULL,
    created_at                TEXT    NOT NULL,
    updated_at                TEXT    NOT NULL,
    intake_channel            TEXT    NOT NULL,
    branch_id                 TEXT    NOT NULL,
    first_responder_id        TEXT    NOT NULL,
    first_responder_name      TEXT    NOT NULL,
    consumer_name             TEXT    NULL,
    consumer_phone            TEXT    NULL,
    consumer_email            TEXT    NULL,
    consumer_id_type          TEXT    NULL,
    consumer_id_number        TEXT    NULL,
    anonymised_at             TEXT    NULL,
    business_channel          TEXT    NOT NULL,
    business_type             TEXT    NOT NULL,
    reason                    TEXT    NOT NULL,
    product_code              TEXT    NOT NULL,
    product_name              TEXT    NOT NULL,
    description               TEXT    NULL,
    amount_minor              INTEGER NULL,
    currency                  TEXT    NOT NULL,
    vulnerable_elderly        INTEGER NOT NULL,
    vulnerable_disability     INTEGER NOT NULL,
    vulnerable_other          INTEGER NOT NULL,
    vulnerable_note           TEXT    NULL,
    recordings                TEXT    NULL,
    staff_complained_about    TEXT    NULL,
    related_complaint_id      TEXT    NULL,
    repeat_of_id              TEXT    NULL,
    group_complaint           INTEGER NOT NULL,
    misappropriated_funds     INTEGER NOT NULL,
    pi_leak                   INTEGER NOT NULL,
    regulator_case_id         TEXT    NULL UNIQUE,
    department_id             TEXT    NULL,
    handler_id                TEXT    NULL,
    assigned_at               TEXT    NULL,
    policy_name               TEXT    NOT NULL,
    internal_days             INTEGER NOT NULL,
    internal_ext_days         INTEGER NOT NULL,
    regulatory_days           INTEGER NOT NULL,
    reg_ext1_days             INTEGER NOT NULL,
    reg_ext2_days             INTEGER NOT NULL,
    internal_due_at           TEXT    NOT NULL,
    regulatory_due_at         TEXT    NOT NULL,
    internal_extended         INTEGER NOT NULL,
    reg_extension_level       INTEGER NOT NULL,
    consumer_notified         INTEGER NOT NULL,
    due_state                 TEXT    NOT NULL,
    responded_at              TEXT    NULL,
    outcome                   TEXT    NULL,
    response_text             TEXT    NULL,
    answered_within_internal  INTEGER NULL,
    answered_within_regulatory INTEGER NULL,
    followed_up_at            TEXT    NULL,
    satisfied                 INTEGER NULL,
    satisfaction_score        INTEGER NULL,
    closed_at                 TEXT    NULL,
    closed_date               TEXT    NULL,
    root_cause                TEXT    NULL,
    remediation               TEXT    NULL,
    accountability            TEXT    NULL,
    upheld                    TEXT    NULL,
    redress_minor             INTEGER NULL,
    handling_working_days     INTEGER NULL,
    withdrawn_at              TEXT    NULL,
    withdraw_reason           TEXT    NULL,
    reopened_count            INTEGER NOT NULL,
    escalated_at              TEXT    NULL,
    escalated_by              TEXT    NULL,
    escalation_reason         TEXT    NULL,
    escalation_respond_by     TEXT    NULL,
    referral_route            TEXT    NULL,
    referred_at               TEXT    NULL,
    referral_outcome          TEXT    NULL
);
CREATE INDEX ix_complaint_branch_received ON complaint (branch_id, received_at);
CREATE INDEX ix_complaint_received ON complaint (received_at);
CREATE INDEX ix_complaint_received_date ON complaint (received_date);
CREATE INDEX ix_complaint_closed_date ON complaint (closed_date);
CREATE INDEX ix_complaint_status_due ON complaint (status, internal_due_at);
CREATE INDEX ix_complaint_product_received ON complaint (product_code, received_at);
CREATE INDEX ix_complaint_handler ON complaint (handler_id);
CREATE INDEX ix_complaint_department ON complaint (department_id);
CREATE INDEX ix_complaint_phone ON complaint (consumer_phone);
CREATE INDEX ix_complaint_id_number ON complaint (consumer_id_number);

CREATE TABLE reference_counter (
    day  TEXT    NOT NULL PRIMARY KEY,
    last INTEGER NOT NULL
);

CREATE TABLE code (
    axis    TEXT    NOT NULL,
    code    TEXT    NOT NULL,
    name_zh TEXT    NOT NULL,
    name_en TEXT    NOT NULL,
    active  INTEGER NOT NULL,
    PRIMARY KEY (axis, code)
);

CREATE TABLE incident (
    id                TEXT    NOT NULL PRIMARY KEY,
    version           INTEGER NOT NULL,
    kind              TEXT    NOT NULL,
    status            TEXT    NOT NULL,
    product_code      TEXT    NULL,
    complaint_id      TEXT    NOT NULL,
    complaint_count   INTEGER NOT NULL,
    window_from       TEXT    NULL,
    opened_at         TEXT    NOT NULL,
    acknowledged_at   TEXT    NULL,
    acknowledged_by   TEXT    NULL,
    reported_to       TEXT    NULL,
    reported_at       TEXT    NULL,
    report_reference  TEXT    NULL,
    reported_by       TEXT    NULL
);
CREATE INDEX ix_incident_product ON incident (product_code, opened_at);
CREATE INDEX ix_incident_opened ON incident (opened_at);

CREATE TABLE deadline_alert (
    complaint_id TEXT NOT NULL,
    clock        TEXT NOT NULL,
    state        TEXT NOT NULL,
    raised_at    TEXT NOT NULL,
    PRIMARY KEY (complaint_id, clock, state)
);
