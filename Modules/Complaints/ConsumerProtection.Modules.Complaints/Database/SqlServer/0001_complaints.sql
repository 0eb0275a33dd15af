CREATE TABLE [complaints].[complaint] (
    [id]                         UNIQUEIDENTIFIER  NOT NULL CONSTRAINT [PK_complaint] PRIMARY KEY NONCLUSTERED,
    [reference]                  NVARCHAR(20)      NOT NULL CONSTRAINT [UQ_complaint_reference] UNIQUE,
    [version]                    BIGINT            NOT NULL,
    [status]                     NVARCHAR(20)      NOT NULL,
    [received_at]                DATETIMEOFFSET(7) NOT NULL,
    [received_date]              DATE              NOT NULL,
    [created_at]                 DATETIMEOFFSET(7) NOT NULL,
    [updated_at]                 DATETIMEOFFSET(7) NOT NULL,
    [intake_channel]             NVARCHAR(30)      NOT NULL,
    [branch_id]                  NVARCHAR(50)      NOT NULL,
    [first_responder_id]         NVARCHAR(200)     NOT NULL,
    [first_responder_name]       NVARCHAR(200)     NOT NULL,
    [consumer_name]              NVARCHAR(100)     NULL,
    [consumer_phone]             NVARCHAR(30)      NULL,
    [consumer_email]             NVARCHAR(254)     NULL,
    [consumer_id_type]           NVARCHAR(30)      NULL,
    [consumer_id_number]         NVARCHAR(50)      NULL,
    [anonymised_at]              DATETIMEOFFSET(7) NULL,
    [business_channel]           NVARCHAR(10)      NOT NULL,
    [business_type]              NVARCHAR(10)      NOT NULL,
    [reason]                     NVARCHAR(10)      NOT NULL,
    [product_code]               NVARCHAR(50)      NOT NULL,
    [product_name]               NVARCHAR(200)     NOT NULL,
    [description]                NVARCHAR(4000)    NULL,
    [amount_minor]               BIGINT            NULL,
    [currency]                   CHAR(3)           NOT NULL,
    [vulnerable_elderly]         BIT               NOT NULL,
    [vulnerable_disability]      BIT               NOT NULL,
    [vulnerable_other]           BIT               NOT NULL,
    [vulnerable_note]            NVARCHAR(500)     NULL,
    [recordings]                 NVARCHAR(2000)    NULL,
    [staff_complained_about]     NVARCHAR(200)     NULL,
    [related_complaint_id]       UNIQUEIDENTIFIER  NULL,
    [repeat_of_id]               UNIQUEIDENTIFIER  NULL,
    [group_complaint]            BIT               NOT NULL,
    [misappropriated_funds]      BIT               NOT NULL,
    [pi_leak]                    BIT               NOT NULL,
    [regulator_case_id]          NVARCHAR(100)     NULL,
    [department_id]              NVARCHAR(50)      NULL,
    [handler_id]                 NVARCHAR(200)     NULL,
    [assigned_at]                DATETIMEOFFSET(7) NULL,
    [policy_name]                NVARCHAR(50)      NOT NULL,
    [internal_days]              INT               NOT NULL,
    [internal_ext_days]          INT               NOT NULL,
    [regulatory_days]            INT               NOT NULL,
    [reg_ext1_days]              INT               NOT NULL,
    [reg_ext2_days]              INT               NOT NULL,
    [internal_due_at]            DATETIMEOFFSET(7) NOT NULL,
    [regulatory_due_at]          DATETIMEOFFSET(7) NOT NULL,
    [internal_extended]          BIT               NOT NULL,
    [reg_extension_level]        INT               NOT NULL,
    [consumer_notified]          BIT               NOT NULL,
    [due_state]                  NVARCHAR(10)      NOT NULL,
    [responded_at]               DATETIMEOFFSET(7) NULL,
    [outcome]                    NVARCHAR(30)      NULL,
    [response_text]              NVARCHAR(4000)    NULL,
    [answered_within_internal]   BIT               NULL,
    [answered_within_regulatory] BIT               NULL,
    [followed_up_at]             DATETIMEOFFSET(7) NULL,
    [satisfied]                  BIT               NULL,
    [satisfaction_score]         INT               NULL,
    [closed_at]                  DATETIMEOFFSET(7) NULL,
    [closed_date]                DATE              NULL,
    [root_cause]                 NVARCHAR(2000)    NULL,
    [remediation]                NVARCHAR(2000)    NULL,
    [accountability]             NVARCHAR(2000)    NULL,
    [upheld]                     NVARCHAR(10)      NULL,
    [redress_minor]              BIGINT            NULL,
    [handling_working_days]      INT               NULL,
    [withdrawn_at]               DATETIMEOFFSET(7) NULL,
    [withdraw_reason]            NVARCHAR(1000)    NULL,
    [reopened_count]             INT               NOT NULL,
    [escalated_at]               DATETIMEOFFSET(7) NULL,
    [escalated_by]               NVARCHAR(200)     NULL,
    [escalation_reason]          NVARCHAR(1000)    NULL,
    [escalation_respond_by]      DATETIMEOFFSET(7) NULL,
    [referral_route]             NVARCHAR(20)      NULL,
    [referred_at]                DATETIMEOFFSET(7) NULL,
    [referral_outcome]           NVARCHAR(2000)    NULL
);
CREATE CLUSTERED INDEX [cx_complaint_received] ON [complaints].[complaint] ([received_at]);
CREATE UNIQUE INDEX [ux_complaint_regulator_case] ON [complaints].[complaint] ([regulator_case_id]) WHERE [regulator_case_id] IS NOT NULL;
CREATE INDEX [ix_complaint_branch_received] ON [complaints].[complaint] ([branch_id], [received_at]);
CREATE INDEX [ix_complaint_received_date] ON [complaints].[complaint] ([received_date]);
CREATE INDEX [ix_complaint_closed_date] ON [complaints].[complaint] ([closed_date]);
CREATE INDEX [ix_complaint_status_due] ON [complaints].[complaint] ([status], [internal_due_at]);
CREATE INDEX [ix_complaint_product_received] ON [complaints].[complaint] ([product_code], [received_at]);
CREATE INDEX [ix_complaint_handler] ON [complaints].[complaint] ([handler_id]);
CREATE INDEX [ix_complaint_department] ON [complaints].[complaint] ([department_id]);
CREATE INDEX [ix_complaint_phone] ON [complaints].[complaint] ([consumer_phone]);
CREATE INDEX [ix_complaint_id_number] ON [complaints].[complaint] ([consumer_id_number]);

CREATE TABLE [complaints].[reference_counter] (
    [day]  DATE   NOT NULL CONSTRAINT [PK_reference_counter] PRIMARY KEY,
    [last] BIGINT NOT NULL
);

CREATE TABLE [complaints].[code] (
    [axis]    CHAR(1)       NOT NULL,
    [code]    NVARCHAR(10)  NOT NULL,
    [name_zh] NVARCHAR(100) NOT NULL,
    [name_en] NVARCHAR(200) NOT NULL,
    [active]  BIT           NOT NULL,
    CONSTRAINT [PK_code] PRIMARY KEY ([axis], [code])
);

CREATE TABLE [complaints].[incident] (
    [id]               UNIQUEIDENTIFIER  NOT NULL CONSTRAINT [PK_incident] PRIMARY KEY,
    [version]          BIGINT            NOT NULL,
    [kind]             NVARCHAR(30)      NOT NULL,
    [status]           NVARCHAR(20)      NOT NULL,
    [product_code]     NVARCHAR(50)      NULL,
    [complaint_id]     UNIQUEIDENTIFIER  NOT NULL,
    [complaint_count]  INT               NOT NULL,
    [window_from]      DATETIMEOFFSET(7) NULL,
    [opened_at]        DATETIMEOFFSET(7) NOT NULL,
    [acknowledged_at]  DATETIMEOFFSET(7) NULL,
    [acknowledged_by]  NVARCHAR(200)     NULL,
    [reported_to]      NVARCHAR(200)     NULL,
    [reported_at]      DATETIMEOFFSET(7) NULL,
    [report_reference] NVARCHAR(100)     NULL,
    [reported_by]      NVARCHAR(200)     NULL
);
CREATE INDEX [ix_incident_product] ON [complaints].[incident] ([product_code], [opened_at]);
CREATE INDEX [ix_incident_opened] ON [complaints].[incident] ([opened_at]);

CREATE TABLE [complaints].[deadline_alert] (
    [complaint_id] UNIQUEIDENTIFIER  NOT NULL,
    [clock]        NVARCHAR(20)      NOT NULL,
    [state]        NVARCHAR(10)      NOT NULL,
    [raised_at]    DATETIMEOFFSET(7) NOT NULL,
    CONSTRAINT [PK_deadline_alert] PRIMARY KEY ([complaint_id], [clock], [state])
);
