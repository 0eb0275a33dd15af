-- The coverage summary (Coverage/StaffYear.cs): one row per staff member and calendar year, so the coverage report
-- (plan 6 art. 39) reads one row per staff member, not the year's records. Kept in the same transaction as every write
-- that changes a record or a hire date.
-- cells: per quarter and topic "quarter,topic,sessions,minutes,scoreTotal,scored" joined by ';' (qualifying sessions and
-- minutes; every score). dated: in the hire year only, every qualifying record "dayOfYear,topic,minutes" (plan 6 art. 12).
-- Topic numbers are pinned in Domain/Enums.cs.
CREATE TABLE staff_year (
    staff_id    TEXT    NOT NULL,
    year        INTEGER NOT NULL,
    cells       TEXT    NOT NULL,
    dated       TEXT    NULL,
    PRIMARY KEY (year, staff_id)
) WITHOUT ROWID;
CREATE INDEX ix_staff_year_staff ON staff_year (staff_id);

-- Backfill from the records stored so far.
INSERT INTO staff_year (staff_id, year, cells, dated)
SELECT c.staff_id, c.year, group_concat(c.cell, ';'),
       (SELECT group_concat(CAST(strftime('%j', r.occurred_on) AS INTEGER) || ',' || (CASE r.topic WHEN 'ConsumerProtectionPolicy' THEN 0 WHEN 'ComplaintHandling' THEN 1 WHEN 'ProductReview' THEN 2 WHEN 'MarketingConduct' THEN 3 WHEN 'InformationProtection' THEN 4 WHEN 'VulnerableCustomers' THEN 5 WHEN 'CaseStudy' THEN 6 WHEN 'WarningEducation' THEN 7 WHEN 'Onboarding' THEN 8 END) || ',' || r.minutes, ';')
        FROM training_record r JOIN staff s ON s.staff_id = r.staff_id
        WHERE r.staff_id = c.staff_id AND r.qualifies = 1 AND CAST(substr(r.occurred_on, 1, 4) AS INTEGER) = c.year
          AND CAST(substr(s.hire_date, 1, 4) AS INTEGER) = c.year)
FROM (
    SELECT staff_id, CAST(substr(occurred_on, 1, 4) AS INTEGER) AS year,
           ((CAST(substr(occurred_on, 6, 2) AS INTEGER) + 2) / 3) || ',' || (CASE topic WHEN 'ConsumerProtectionPolicy' THEN 0 WHEN 'ComplaintHandling' THEN 1 WHEN 'ProductReview' THEN 2 WHEN 'MarketingConduct' THEN 3 WHEN 'InformationProtection' THEN 4 WHEN 'VulnerableCustomers' THEN 5 WHEN 'CaseStudy' THEN 6 WHEN 'WarningEducation' THEN 7 WHEN 'Onboarding' THEN 8 END) || ',' || SUM(qualifies) || ','
           || SUM(CASE WHEN qualifies = 1 THEN minutes ELSE 0 END) || ',' || COALESCE(SUM(score), 0) || ',' || COUNT(score) AS cell
    FROM training_record
    GROUP BY staff_id, substr(occurred_on, 1, 4), (CAST(substr(occurred_on, 6, 2) AS INTEGER) + 2) / 3, topic
) c
GROUP BY c.staff_id, c.year;

-- Attendance corrections (plan 6 art. 39 records must be right): a version for If-Match, and the log of corrections with
-- their reasons (the audit row names the correction, not the reason text).
ALTER TABLE training_record ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
CREATE TABLE record_correction (
    id              TEXT    NOT NULL PRIMARY KEY,
    record_id       TEXT    NOT NULL,
    staff_id        TEXT    NOT NULL,
    session_id      TEXT    NULL,
    action          TEXT    NOT NULL,
    reason          TEXT    NOT NULL,
    before_state    TEXT    NOT NULL,
    after_state     TEXT    NULL,
    corrected_at    TEXT    NOT NULL,
    corrected_by    TEXT    NOT NULL
);
CREATE INDEX ix_correction_staff ON record_correction (staff_id);
