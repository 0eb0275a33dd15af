-- Staff training (plan 6 art. 39: at least one consumer-protection training a year covering senior and middle
-- management and all front-line staff; onboarding, warning education and complaint case studies; plans 4 and 7:
-- knowledge tests in the annual plan). Dates are bank-local days (yyyy-MM-dd); instants are UTC text.
-- staff.name is personal data, stored only as an envelope (ADR 0005) bound to the staff id.
CREATE TABLE staff (
    staff_id        TEXT    NOT NULL PRIMARY KEY,
    name            TEXT    NULL,
    key_id          TEXT    NULL,
    branch_id       TEXT    NOT NULL,
    department      TEXT    NULL,
    role_category   TEXT    NOT NULL,
    position        TEXT    NULL,
    hire_date       TEXT    NOT NULL,
    leave_date      TEXT    NULL,
    active          INTEGER NOT NULL,
    version         INTEGER NOT NULL,
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL,
    anonymised_at   TEXT    NULL
);
CREATE INDEX ix_staff_branch ON staff (branch_id, staff_id);
CREATE INDEX ix_staff_leave ON staff (leave_date) WHERE leave_date IS NOT NULL;

CREATE TABLE course (
    code            TEXT    NOT NULL PRIMARY KEY,
    title_zh        TEXT    NOT NULL,
    title_en        TEXT    NULL,
    topic           TEXT    NOT NULL,
    minutes         INTEGER NOT NULL,
    mode            TEXT    NOT NULL,
    mandatory_for   TEXT    NOT NULL,
    pass_mark       INTEGER NULL,
    version         INTEGER NOT NULL,
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL
);

CREATE TABLE session (
    id              TEXT    NOT NULL PRIMARY KEY,
    course_code     TEXT    NOT NULL,
    starts_at       TEXT    NOT NULL,
    local_date      TEXT    NOT NULL,
    trainer         TEXT    NOT NULL,
    location        TEXT    NOT NULL,
    branch_id       TEXT    NOT NULL,
    created_at      TEXT    NOT NULL
);
CREATE INDEX ix_session_date ON session (local_date);

-- One row per attendance at a session (session_id set) or per external training (session_id NULL, evidence set).
-- qualifies: attended (Present, Late or External) and passed the course's test where it has one.
CREATE TABLE training_record (
    id                  TEXT    NOT NULL PRIMARY KEY,
    staff_id            TEXT    NOT NULL,
    session_id          TEXT    NULL,
    course_code         TEXT    NULL,
    topic               TEXT    NOT NULL,
    occurred_on         TEXT    NOT NULL,
    status              TEXT    NOT NULL,
    minutes             INTEGER NOT NULL,
    score               INTEGER NULL,
    qualifies           INTEGER NOT NULL,
    title               TEXT    NULL,
    provider            TEXT    NULL,
    evidence_reference  TEXT    NULL,
    recorded_at         TEXT    NOT NULL,
    recorded_by         TEXT    NOT NULL
);
CREATE UNIQUE INDEX ux_record_session_staff ON training_record (session_id, staff_id) WHERE session_id IS NOT NULL;
CREATE INDEX ix_record_coverage ON training_record (occurred_on, staff_id, topic, qualifies, minutes, score);
CREATE INDEX ix_record_staff ON training_record (staff_id, occurred_on);

-- Requirements as data (plan 6 art. 39). kind: Annual (per calendar year) or NewHire (within within_days of hire).
-- role_categories, positions, topics: JSON arrays, empty = any.
CREATE TABLE requirement (
    code            TEXT    NOT NULL PRIMARY KEY,
    title           TEXT    NOT NULL,
    kind            TEXT    NOT NULL,
    role_categories TEXT    NOT NULL,
    positions       TEXT    NOT NULL,
    topics          TEXT    NOT NULL,
    min_sessions    INTEGER NOT NULL,
    min_minutes     INTEGER NOT NULL,
    within_days     INTEGER NULL,
    source          TEXT    NOT NULL,
    version         INTEGER NOT NULL
);

INSERT INTO requirement VALUES ('ANNUAL', 'Annual consumer-protection training', 'Annual', '[]', '[]', '[]', 1, 120, NULL, 'plan 6 art. 39', 1);
INSERT INTO requirement VALUES ('NEW-HIRE', 'Consumer protection in onboarding', 'NewHire', '[]', '[]', '[]', 1, 0, 90, 'plan 6 arts. 12, 39', 1);
INSERT INTO requirement VALUES ('COMPLAINT-HANDLER', 'Complaint handlers twice a year', 'Annual', '[]', '["ComplaintHandler"]', '["ComplaintHandling","CaseStudy"]', 2, 0, NULL, 'plan 4 (complaint-prone roles trained more often)', 1);
