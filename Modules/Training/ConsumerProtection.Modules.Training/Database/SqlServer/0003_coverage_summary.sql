-- The coverage summary (Coverage/StaffYear.cs): one row per staff member and calendar year, so the coverage report
-- (plan 6 art. 39) reads one row per staff member, not the year's records. Kept in the same transaction as every write
-- that changes a record or a hire date.
-- cells: per quarter and topic "quarter,topic,sessions,minutes,scoreTotal,scored" joined by ';' (qualifying sessions and
-- minutes; every score). dated: in the hire year only, every qualifying record "dayOfYear,topic,minutes" (plan 6 art. 12).
-- Topic numbers are pinned in Domain/Enums.cs.
CREATE TABLE [training].[staff_year] (
    [staff_id]  NVARCHAR(50)   NOT NULL,
    [year]      INT            NOT NULL,
    [cells]     NVARCHAR(MAX)  NOT NULL,
    [dated]     NVARCHAR(MAX)  NULL,
    CONSTRAINT [PK_staff_year] PRIMARY KEY ([year], [staff_id])
);
GO
CREATE INDEX [ix_staff_year_staff] ON [training].[staff_year] ([staff_id]);
GO

-- Backfill from the records stored so far.
INSERT INTO [training].[staff_year] ([staff_id], [year], [cells], [dated])
SELECT c.[staff_id], c.[year], STRING_AGG(CAST(c.[cell] AS NVARCHAR(MAX)), ';'),
       (SELECT STRING_AGG(CAST(CONCAT(DATEPART(dayofyear, r.[occurred_on]), ',', CASE r.[topic] WHEN N'ConsumerProtectionPolicy' THEN 0 WHEN N'ComplaintHandling' THEN 1 WHEN N'ProductReview' THEN 2 WHEN N'MarketingConduct' THEN 3 WHEN N'InformationProtection' THEN 4 WHEN N'VulnerableCustomers' THEN 5 WHEN N'CaseStudy' THEN 6 WHEN N'WarningEducation' THEN 7 WHEN N'Onboarding' THEN 8 END, ',', r.[minutes]) AS NVARCHAR(MAX)), ';')
        FROM [training].[training_record] r JOIN [training].[staff] s ON s.[staff_id] = r.[staff_id]
        WHERE r.[staff_id] = c.[staff_id] AND r.[qualifies] = 1 AND YEAR(r.[occurred_on]) = c.[year] AND YEAR(s.[hire_date]) = c.[year])
FROM (
    SELECT [staff_id], YEAR([occurred_on]) AS [year],
           CONCAT(DATEPART(quarter, [occurred_on]), ',', CASE [topic] WHEN N'ConsumerProtectionPolicy' THEN 0 WHEN N'ComplaintHandling' THEN 1 WHEN N'ProductReview' THEN 2 WHEN N'MarketingConduct' THEN 3 WHEN N'InformationProtection' THEN 4 WHEN N'VulnerableCustomers' THEN 5 WHEN N'CaseStudy' THEN 6 WHEN N'WarningEducation' THEN 7 WHEN N'Onboarding' THEN 8 END, ',', SUM(CAST([qualifies] AS INT)), ',',
                  SUM(CASE WHEN [qualifies] = 1 THEN [minutes] ELSE 0 END), ',', COALESCE(SUM([score]), 0), ',', COUNT([score])) AS [cell]
    FROM [training].[training_record]
    GROUP BY [staff_id], YEAR([occurred_on]), DATEPART(quarter, [occurred_on]), [topic]
) c
GROUP BY c.[staff_id], c.[year];
GO

-- Attendance corrections (plan 6 art. 39 records must be right): a version for If-Match, and the log of corrections with
-- their reasons (the audit row names the correction, not the reason text).
ALTER TABLE [training].[training_record] ADD [version] BIGINT NOT NULL CONSTRAINT [DF_training_record_version] DEFAULT 1;
GO
CREATE TABLE [training].[record_correction] (
    [id]            UNIQUEIDENTIFIER  NOT NULL CONSTRAINT [PK_record_correction] PRIMARY KEY,
    [record_id]     UNIQUEIDENTIFIER  NOT NULL,
    [staff_id]      NVARCHAR(50)      NOT NULL,
    [session_id]    UNIQUEIDENTIFIER  NULL,
    [action]        NVARCHAR(20)      NOT NULL,
    [reason]        NVARCHAR(500)     NOT NULL,
    [before_state]  NVARCHAR(1000)    NOT NULL,
    [after_state]   NVARCHAR(1000)    NULL,
    [corrected_at]  DATETIMEOFFSET(7) NOT NULL,
    [corrected_by]  NVARCHAR(200)     NOT NULL
);
GO
CREATE INDEX [ix_correction_staff] ON [training].[record_correction] ([staff_id]);
