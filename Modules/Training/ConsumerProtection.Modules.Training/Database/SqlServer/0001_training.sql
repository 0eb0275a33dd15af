-- Staff training; see the SQLite script for the design.
CREATE TABLE [training].[staff] (
    [staff_id]        NVARCHAR(50)      NOT NULL CONSTRAINT [PK_staff] PRIMARY KEY,
    [name]            NVARCHAR(400)     NULL,
    [key_id]          NVARCHAR(50)      NULL,
    [branch_id]       NVARCHAR(50)      NOT NULL,
    [department]      NVARCHAR(100)     NULL,
    [role_category]   NVARCHAR(30)      NOT NULL,
    [position]        NVARCHAR(100)     NULL,
    [hire_date]       DATE              NOT NULL,
    [leave_date]      DATE              NULL,
    [active]          BIT               NOT NULL,
    [version]         BIGINT            NOT NULL,
    [created_at]      DATETIMEOFFSET(7) NOT NULL,
    [updated_at]      DATETIMEOFFSET(7) NOT NULL,
    [anonymised_at]   DATETIMEOFFSET(7) NULL
);
GO
CREATE INDEX [ix_staff_branch] ON [training].[staff] ([branch_id], [staff_id]);
GO
CREATE INDEX [ix_staff_leave] ON [training].[staff] ([leave_date]) WHERE [leave_date] IS NOT NULL;
GO

CREATE TABLE [training].[course] (
    [code]            NVARCHAR(50)      NOT NULL CONSTRAINT [PK_course] PRIMARY KEY,
    [title_zh]        NVARCHAR(200)     NOT NULL,
    [title_en]        NVARCHAR(200)     NULL,
    [topic]           NVARCHAR(40)      NOT NULL,
    [minutes]         INT               NOT NULL,
    [mode]            NVARCHAR(20)      NOT NULL,
    [mandatory_for]   NVARCHAR(200)     NOT NULL,
    [pass_mark]       INT               NULL,
    [version]         BIGINT            NOT NULL,
    [created_at]      DATETIMEOFFSET(7) NOT NULL,
    [updated_at]      DATETIMEOFFSET(7) NOT NULL
);
GO

CREATE TABLE [training].[session] (
    [id]              UNIQUEIDENTIFIER  NOT NULL CONSTRAINT [PK_session] PRIMARY KEY,
    [course_code]     NVARCHAR(50)      NOT NULL,
    [starts_at]       DATETIMEOFFSET(7) NOT NULL,
    [local_date]      DATE              NOT NULL,
    [trainer]         NVARCHAR(200)     NOT NULL,
    [location]        NVARCHAR(500)     NOT NULL,
    [branch_id]       NVARCHAR(50)      NOT NULL,
    [created_at]      DATETIMEOFFSET(7) NOT NULL
);
GO
CREATE INDEX [ix_session_date] ON [training].[session] ([local_date]);
GO

CREATE TABLE [training].[training_record] (
    [id]                  UNIQUEIDENTIFIER  NOT NULL CONSTRAINT [PK_training_record] PRIMARY KEY,
    [staff_id]            NVARCHAR(50)      NOT NULL,
    [session_id]          UNIQUEIDENTIFIER  NULL,
    [course_code]         NVARCHAR(50)      NULL,
    [topic]               NVARCHAR(40)      NOT NULL,
    [occurred_on]         DATE              NOT NULL,
    [status]              NVARCHAR(20)      NOT NULL,
    [minutes]             INT               NOT NULL,
    [score]               INT               NULL,
    [qualifies]           BIT               NOT NULL,
    [title]               NVARCHAR(200)     NULL,
    [provider]            NVARCHAR(200)     NULL,
    [evidence_reference]  NVARCHAR(200)     NULL,
    [recorded_at]         DATETIMEOFFSET(7) NOT NULL,
    [recorded_by]         NVARCHAR(200)     NOT NULL
);
GO
CREATE UNIQUE INDEX [ux_record_session_staff] ON [training].[training_record] ([session_id], [staff_id]) WHERE [session_id] IS NOT NULL;
GO
CREATE INDEX [ix_record_coverage] ON [training].[training_record] ([occurred_on], [staff_id], [topic], [qualifies]) INCLUDE ([minutes], [score]);
GO
CREATE INDEX [ix_record_staff] ON [training].[training_record] ([staff_id], [occurred_on]);
GO

CREATE TABLE [training].[requirement] (
    [code]            NVARCHAR(50)      NOT NULL CONSTRAINT [PK_requirement] PRIMARY KEY,
    [title]           NVARCHAR(200)     NOT NULL,
    [kind]            NVARCHAR(20)      NOT NULL,
    [role_categories] NVARCHAR(400)     NOT NULL,
    [positions]       NVARCHAR(2000)    NOT NULL,
    [topics]          NVARCHAR(400)     NOT NULL,
    [min_sessions]    INT               NOT NULL,
    [min_minutes]     INT               NOT NULL,
    [within_days]     INT               NULL,
    [source]          NVARCHAR(200)     NOT NULL,
    [version]         BIGINT            NOT NULL
);
GO
INSERT INTO [training].[requirement] VALUES (N'ANNUAL', N'Annual consumer-protection training', N'Annual', N'[]', N'[]', N'[]', 1, 120, NULL, N'plan 6 art. 39', 1);
INSERT INTO [training].[requirement] VALUES (N'NEW-HIRE', N'Consumer protection in onboarding', N'NewHire', N'[]', N'[]', N'[]', 1, 0, 90, N'plan 6 arts. 12, 39', 1);
INSERT INTO [training].[requirement] VALUES (N'COMPLAINT-HANDLER', N'Complaint handlers twice a year', N'Annual', N'[]', N'["ComplaintHandler"]', N'["ComplaintHandling","CaseStudy"]', 2, 0, NULL, N'plan 4 (complaint-prone roles trained more often)', 1);
GO
