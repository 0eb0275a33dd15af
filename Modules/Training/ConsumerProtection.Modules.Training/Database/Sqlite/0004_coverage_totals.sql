-- Year totals of the coverage summary (Coverage/StaffYear.cs): one narrow row of numbers per staff member and calendar
-- year, so the annual coverage report (plan 6 art. 39) reads no per-quarter text. Kept in the same transactions as
-- staff_year. s<N>/m<N>: qualifying sessions and minutes of the year on topic N (numbers pinned in Domain/Enums.cs);
-- score_total/scored: every score of the year; dated: as staff_year.dated (hire year only, plan 6 art. 12).
CREATE TABLE staff_year_total (
    staff_id    TEXT    NOT NULL,
    year        INTEGER NOT NULL,
    s0          INTEGER NOT NULL,
    m0          INTEGER NOT NULL,
    s1          INTEGER NOT NULL,
    m1          INTEGER NOT NULL,
    s2          INTEGER NOT NULL,
    m2          INTEGER NOT NULL,
    s3          INTEGER NOT NULL,
    m3          INTEGER NOT NULL,
    s4          INTEGER NOT NULL,
    m4          INTEGER NOT NULL,
    s5          INTEGER NOT NULL,
    m5          INTEGER NOT NULL,
    s6          INTEGER NOT NULL,
    m6          INTEGER NOT NULL,
    s7          INTEGER NOT NULL,
    m7          INTEGER NOT NULL,
    s8          INTEGER NOT NULL,
    m8          INTEGER NOT NULL,
    score_total INTEGER NOT NULL,
    scored      INTEGER NOT NULL,
    dated       TEXT    NULL,
    PRIMARY KEY (year, staff_id)
) WITHOUT ROWID;
CREATE INDEX ix_staff_year_total_staff ON staff_year_total (staff_id);

-- Backfill from the records stored so far (dated as already kept in staff_year).
INSERT INTO staff_year_total (staff_id, year, s0, m0, s1, m1, s2, m2, s3, m3, s4, m4, s5, m5, s6, m6, s7, m7, s8, m8, score_total, scored, dated)
SELECT r.staff_id, CAST(substr(r.occurred_on, 1, 4) AS INTEGER),
       SUM(CASE WHEN r.topic = 'ConsumerProtectionPolicy' AND r.qualifies = 1 THEN 1 ELSE 0 END), SUM(CASE WHEN r.topic = 'ConsumerProtectionPolicy' AND r.qualifies = 1 THEN r.minutes ELSE 0 END),
       SUM(CASE WHEN r.topic = 'ComplaintHandling' AND r.qualifies = 1 THEN 1 ELSE 0 END), SUM(CASE WHEN r.topic = 'ComplaintHandling' AND r.qualifies = 1 THEN r.minutes ELSE 0 END),
       SUM(CASE WHEN r.topic = 'ProductReview' AND r.qualifies = 1 THEN 1 ELSE 0 END), SUM(CASE WHEN r.topic = 'ProductReview' AND r.qualifies = 1 THEN r.minutes ELSE 0 END),
       SUM(CASE WHEN r.topic = 'MarketingConduct' AND r.qualifies = 1 THEN 1 ELSE 0 END), SUM(CASE WHEN r.topic = 'MarketingConduct' AND r.qualifies = 1 THEN r.minutes ELSE 0 END),
       SUM(CASE WHEN r.topic = 'InformationProtection' AND r.qualifies = 1 THEN 1 ELSE 0 END), SUM(CASE WHEN r.topic = 'InformationProtection' AND r.qualifies = 1 THEN r.minutes ELSE 0 END),
       SUM(CASE WHEN r.topic = 'VulnerableCustomers' AND r.qualifies = 1 THEN 1 ELSE 0 END), SUM(CASE WHEN r.topic = 'VulnerableCustomers' AND r.qualifies = 1 THEN r.minutes ELSE 0 END),
       SUM(CASE WHEN r.topic = 'CaseStudy' AND r.qualifies = 1 THEN 1 ELSE 0 END), SUM(CASE WHEN r.topic = 'CaseStudy' AND r.qualifies = 1 THEN r.minutes ELSE 0 END),
       SUM(CASE WHEN r.topic = 'WarningEducation' AND r.qualifies = 1 THEN 1 ELSE 0 END), SUM(CASE WHEN r.topic = 'WarningEducation' AND r.qualifies = 1 THEN r.minutes ELSE 0 END),
       SUM(CASE WHEN r.topic = 'Onboarding' AND r.qualifies = 1 THEN 1 ELSE 0 END), SUM(CASE WHEN r.topic = 'Onboarding' AND r.qualifies = 1 THEN r.minutes ELSE 0 END),
       COALESCE(SUM(r.score), 0), COUNT(r.score),
       (SELECT y.dated FROM staff_year y WHERE y.staff_id = r.staff_id AND y.year = CAST(substr(r.occurred_on, 1, 4) AS INTEGER))
FROM training_record r
GROUP BY r.staff_id, substr(r.occurred_on, 1, 4);

-- The report's staff columns in one covering index (Coverage/CoverageQuery.cs).
CREATE INDEX ix_staff_coverage ON staff (hire_date, leave_date, branch_id, staff_id, department, role_category, position);
