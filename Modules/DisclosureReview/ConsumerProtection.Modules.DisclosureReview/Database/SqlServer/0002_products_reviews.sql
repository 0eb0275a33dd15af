-- Products, documents, versions, reviews and approvals; see the SQLite script for the design.
CREATE TABLE [disclosure].[product] (
    [id]                    UNIQUEIDENTIFIER  NOT NULL CONSTRAINT [PK_product] PRIMARY KEY NONCLUSTERED,
    [code]                  NVARCHAR(32)      NOT NULL CONSTRAINT [UQ_product_code] UNIQUE,
    [name]                  NVARCHAR(200)     NOT NULL,
    [product_type]          NVARCHAR(30)      NOT NULL,
    [principal_protected]   BIT               NOT NULL,
    [risk_grade]            NVARCHAR(2)       NOT NULL,
    [target_customers]      NVARCHAR(500)     NOT NULL,
    [sales_channels]        NVARCHAR(100)     NOT NULL,
    [department_id]         NVARCHAR(50)      NOT NULL,
    [status]                NVARCHAR(20)      NOT NULL,
    [version]               BIGINT            NOT NULL,
    [created_at]            DATETIMEOFFSET(7) NOT NULL,
    [created_by]            NVARCHAR(200)     NOT NULL,
    [updated_at]            DATETIMEOFFSET(7) NOT NULL,
    [launched_at]           DATETIMEOFFSET(7) NULL,
    [retired_at]            DATETIMEOFFSET(7) NULL
);
GO

CREATE INDEX [ix_product_department] ON [disclosure].[product] ([department_id], [code]);
GO

CREATE INDEX [ix_product_retired] ON [disclosure].[product] ([retired_at]);
GO

CREATE TABLE [disclosure].[product_document] (
    [id]                    UNIQUEIDENTIFIER  NOT NULL CONSTRAINT [PK_product_document] PRIMARY KEY NONCLUSTERED,
    [product_id]            UNIQUEIDENTIFIER  NOT NULL CONSTRAINT [FK_product_document_product] REFERENCES [disclosure].[product] ([id]),
    [document_type]         NVARCHAR(30)      NOT NULL,
    [language]              NVARCHAR(2)       NOT NULL,
    [title]                 NVARCHAR(200)     NOT NULL,
    [latest_version]        INT               NOT NULL,
    [created_at]            DATETIMEOFFSET(7) NOT NULL,
    [created_by]            NVARCHAR(200)     NOT NULL
);
GO

CREATE INDEX [ix_product_document_product] ON [disclosure].[product_document] ([product_id]);
GO

CREATE TABLE [disclosure].[document_version] (
    [document_id]           UNIQUEIDENTIFIER  NOT NULL CONSTRAINT [FK_document_version_document] REFERENCES [disclosure].[product_document] ([id]),
    [number]                INT               NOT NULL,
    [file_name]             NVARCHAR(255)     NULL,
    [format]                NVARCHAR(10)      NOT NULL,
    [byte_length]           BIGINT            NOT NULL,
    [sha256]                CHAR(64)          NOT NULL,
    [original]              VARBINARY(MAX)    NOT NULL,
    [extracted_text]        NVARCHAR(MAX)     NOT NULL,
    [paragraphs]            INT               NOT NULL,
    [rule_set_version]      INT               NOT NULL,
    [findings]              NVARCHAR(MAX)     NOT NULL,
    [blockers]              INT               NOT NULL,
    [uploaded_at]           DATETIMEOFFSET(7) NOT NULL,
    [uploaded_by]           NVARCHAR(200)     NOT NULL,
    CONSTRAINT [PK_document_version] PRIMARY KEY ([document_id], [number])
);
GO

CREATE TABLE [disclosure].[review] (
    [id]                    UNIQUEIDENTIFIER  NOT NULL CONSTRAINT [PK_review] PRIMARY KEY NONCLUSTERED,
    [product_id]            UNIQUEIDENTIFIER  NOT NULL CONSTRAINT [FK_review_product] REFERENCES [disclosure].[product] ([id]),
    [department_id]         NVARCHAR(50)      NOT NULL,
    [round]                 INT               NOT NULL,
    [status]                NVARCHAR(20)      NOT NULL,
    [version]               BIGINT            NOT NULL,
    [submitted_at]          DATETIMEOFFSET(7) NOT NULL,
    [submitted_by]          NVARCHAR(200)     NOT NULL,
    [due_at]                DATETIMEOFFSET(7) NOT NULL,
    [reviewer_id]           NVARCHAR(200)     NULL,
    [assigned_at]           DATETIMEOFFSET(7) NULL,
    [decided_at]            DATETIMEOFFSET(7) NULL,
    [decided_by]            NVARCHAR(200)     NULL,
    [decision_reason]       NVARCHAR(2000)    NULL,
    [review_working_days]   INT               NULL,
    [voided_at]             DATETIMEOFFSET(7) NULL,
    [void_reason]           NVARCHAR(500)     NULL
);
GO

CREATE INDEX [ix_review_product] ON [disclosure].[review] ([product_id], [round]);
GO

CREATE INDEX [ix_review_queue] ON [disclosure].[review] ([status], [due_at], [submitted_at]);
GO

CREATE INDEX [ix_review_submitted] ON [disclosure].[review] ([submitted_at]);
GO

CREATE TABLE [disclosure].[approval_item] (
    [review_id]             UNIQUEIDENTIFIER  NOT NULL CONSTRAINT [FK_approval_item_review] REFERENCES [disclosure].[review] ([id]),
    [document_id]           UNIQUEIDENTIFIER  NOT NULL,
    [version_number]        INT               NOT NULL,
    [sha256]                CHAR(64)          NOT NULL,
    [document_type]         NVARCHAR(30)      NOT NULL,
    [expires_at]            DATETIMEOFFSET(7) NULL,
    CONSTRAINT [PK_approval_item] PRIMARY KEY ([review_id], [document_id])
);
GO

CREATE TABLE [disclosure].[review_comment] (
    [id]                    UNIQUEIDENTIFIER  NOT NULL CONSTRAINT [PK_review_comment] PRIMARY KEY NONCLUSTERED,
    [review_id]             UNIQUEIDENTIFIER  NOT NULL CONSTRAINT [FK_review_comment_review] REFERENCES [disclosure].[review] ([id]),
    [document_id]           UNIQUEIDENTIFIER  NOT NULL,
    [version_number]        INT               NOT NULL,
    [page]                  INT               NULL,
    [paragraph]             INT               NULL,
    [line]                  INT               NULL,
    [col]                   INT               NULL,
    [body]                  NVARCHAR(4000)    NOT NULL,
    [author_id]             NVARCHAR(200)     NOT NULL,
    [created_at]            DATETIMEOFFSET(7) NOT NULL
);
GO

CREATE INDEX [ix_review_comment_review] ON [disclosure].[review_comment] ([review_id], [created_at]);
GO

CREATE TABLE [disclosure].[finding_waiver] (
    [id]                    UNIQUEIDENTIFIER  NOT NULL CONSTRAINT [PK_finding_waiver] PRIMARY KEY NONCLUSTERED,
    [review_id]             UNIQUEIDENTIFIER  NOT NULL CONSTRAINT [FK_finding_waiver_review] REFERENCES [disclosure].[review] ([id]),
    [document_id]           UNIQUEIDENTIFIER  NOT NULL,
    [version_number]        INT               NOT NULL,
    [finding_index]         INT               NOT NULL,
    [rule_id]               NVARCHAR(64)      NOT NULL,
    [reason]                NVARCHAR(2000)    NOT NULL,
    [waived_by]             NVARCHAR(200)     NOT NULL,
    [waived_at]             DATETIMEOFFSET(7) NOT NULL,
    CONSTRAINT [UQ_finding_waiver] UNIQUE ([document_id], [version_number], [finding_index])
);
GO
