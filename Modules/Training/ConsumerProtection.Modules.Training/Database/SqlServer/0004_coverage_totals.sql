-- Year totals of the coverage summary (Coverage/StaffYear.cs): one narrow row of numbers per staff member and calendar
-- year, so the annual coverage report (plan 6 art. 39) reads no per-quarter text. Kept in the same transactions as
-- staff_year. s<N>/m<N>: qualifying sessions and minutes of the year on topic N (numbers pinned in Domain/Enums.cs);
-- score_total/scored: every score of the year; dated: as staff_year.dated (hire year only, plan 6 art. 12).
CREATE TABLE [training].[staff_year_total] (
    [staff_id]     NVARCHAR(50)   NOT NULL,
    [year]         INT            NOT NULL,
    [s0]          INT            NOT NULL,
    [m0]          INT            NOT NULL,
    [s1]          INT            NOT NULL,
    [m1]          INT            NOT NULL,
    [s2]          INT            NOT NULL,
    [m2]          INT            NOT NULL,
    [s3]          INT            NOT NULL,
    [m3]          INT            NOT NULL,
    [s4]          INT            NOT NULL,
    [m4]          INT            NOT NULL,
    [s5]          INT            NOT NULL,
    [m5]          INT            NOT NULL,
    [s6]          INT            NOT NULL,
    [m6]          INT            NOT NULL,
    [s7]          INT            NOT NULL,
    [m7]          INT            NOT NULL,
    [s8]          INT            NOT NULL,
    [m8]          INT            NOT NULL,
    [score_total]  BIGINT         NOT NULL,
    [scored]       INT            NOT NULL,
    [dated]        NVARCHAR(MAX)  NULL,
    CONSTRAINT [PK_staff_year_total] PRIMARY KEY ([year], [staff_id])
);
GO
CREATE INDEX [ix_staff_year_total_staff] ON [training].[staff_year_total] ([staff_id]);
GO

-- Backfill from the records stored so far (dated as already kept in staff_year).
INSERT INTO [training].[staff_year_total] ([staff_id], [year], [s0], [m0], [s1], [m1], [s2], [m2], [s3], [m3], [s4], [m4], [s5], [m5], [s6], [m6], [s7], [m7], [s8], [m8], [score_total], [scored], [dated])
SELECT r.[staff_id], YEAR(r.[occurred_on]),
       SUM(CASE WHEN r.[topic] = N'ConsumerProtectionPolicy' AND r.[qualifies] = 1 THEN 1 ELSE 0 END), SUM(CASE WHEN r.[topic] = N'ConsumerProtectionPolicy' AND r.[qualifies] = 1 THEN r.[minutes] ELSE 0 END),
       SUM(CASE WHEN r.[topic] = N'ComplaintHandling' AND r.[qualifies] = 1 THEN 1 ELSE 0 END), SUM(CASE WHEN r.[topic] = N'ComplaintHandling' AND r.[qualifies] = 1 THEN r.[minutes] ELSE 0 END),
       SUM(CASE WHEN r.[topic] = N'ProductReview' AND r.[qualifies] = 1 THEN 1 ELSE 0 END), SUM(CASE WHEN r.[topic] = N'ProductReview' AND r.[qualifies] = 1 THEN r.[minutes] ELSE 0 END),
       SUM(CASE WHEN r.[topic] = N'MarketingConduct' AND r.[qualifies] = 1 THEN 1 ELSE 0 END), SUM(CASE WHEN r.[topic] = N'MarketingConduct' AND r.[qualifies] = 1 THEN r.[minutes] ELSE 0 END),
       SUM(CASE WHEN r.[topic] = N'InformationProtection' AND r.[qualifies] = 1 THEN 1 ELSE 0 END), SUM(CASE WHEN r.[topic] = N'InformationProtection' AND r.[qualifies] = 1 THEN r.[minutes] ELSE 0 END),
       SUM(CASE WHEN r.[topic] = N'VulnerableCustomers' AND r.[qualifies] = 1 THEN 1 ELSE 0 END), SUM(CASE WHEN r.[topic] = N'VulnerableCustomers' AND r.[qualifies] = 1 THEN r.[minutes] ELSE 0 END),
       SUM(CASE WHEN r.[topic] = N'CaseStudy' AND r.[qualifies] = 1 THEN 1 ELSE 0 END), SUM(CASE WHEN r.[topic] = N'CaseStudy' AND r.[qualifies] = 1 THEN r.[minutes] ELSE 0 END),
       SUM(CASE WHEN r.[topic] = N'WarningEducation' AND r.[qualifies] = 1 THEN 1 ELSE 0 END), SUM(CASE WHEN r.[topic] = N'WarningEducation' AND r.[qualifies] = 1 THEN r.[minutes] ELSE 0 END),
       SUM(CASE WHEN r.[topic] = N'Onboarding' AND r.[qualifies] = 1 THEN 1 ELSE 0 END), SUM(CASE WHEN r.[topic] = N'Onboarding' AND r.[qualifies] = 1 THEN r.[minutes] ELSE 0 END),
       COALESCE(SUM(CAST(r.[score] AS BIGINT)), 0), COUNT(r.[score]),
       (SELECT y.[dated] FROM [training].[staff_year] y WHERE y.[staff_id] = r.[staff_id] AND y.[year] = YEAR(r.[occurred_on]))
FROM [training].[training_record] r
GROUP BY r.[staff_id], YEAR(r.[occurred_on]);
GO

-- The report's staff columns in one covering index (Coverage/CoverageQuery.cs).
CREATE INDEX [ix_staff_coverage] ON [training].[staff] ([hire_date], [leave_date], [branch_id], [staff_id]) INCLUDE ([department], [role_category], [position]);
GO
