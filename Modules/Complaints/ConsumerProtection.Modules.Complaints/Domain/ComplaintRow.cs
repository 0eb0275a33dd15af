namespace ConsumerProtection.Modules.Complaints.Domain;

/// <summary>One row of <c>[complaints].[complaint]</c>. Enum-valued columns are text; see <see cref="ComplaintStatus"/> etc.</summary>
internal sealed class ComplaintRow
{
    public Guid Id { get; set; }
    public string Reference { get; set; } = "";
    public long Version { get; set; }
    public string Status { get; set; } = "";
    public DateTimeOffset ReceivedAt { get; set; }
    public DateOnly ReceivedDate { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string IntakeChannel { get; set; } = "";
    public string BranchId { get; set; } = "";
    public string FirstResponderId { get; set; } = "";
    public string FirstResponderName { get; set; } = "";
    public string? ConsumerName { get; set; }
    public string? ConsumerPhone { get; set; }
    public string? ConsumerEmail { get; set; }
    public string? ConsumerIdType { get; set; }
    public string? ConsumerIdNumber { get; set; }
    public DateTimeOffset? AnonymisedAt { get; set; }
    public string BusinessChannel { get; set; } = "";
    public string BusinessType { get; set; } = "";
    public string Reason { get; set; } = "";
    public string ProductCode { get; set; } = "";
    public string ProductName { get; set; } = "";
    public string? Description { get; set; }
    public long? AmountMinor { get; set; }
    public string Currency { get; set; } = "";
    public bool VulnerableElderly { get; set; }
    public bool VulnerableDisability { get; set; }
    public bool VulnerableOther { get; set; }
    public string? VulnerableNote { get; set; }
    public string? Recordings { get; set; }
    public string? StaffComplainedAbout { get; set; }
    public Guid? RelatedComplaintId { get; set; }
    public Guid? RepeatOfId { get; set; }
    public bool GroupComplaint { get; set; }
    public bool MisappropriatedFunds { get; set; }
    public bool PiLeak { get; set; }
    public string? RegulatorCaseId { get; set; }
    public string? DepartmentId { get; set; }
    public string? HandlerId { get; set; }
    public DateTimeOffset? AssignedAt { get; set; }
    public string PolicyName { get; set; } = "";
    public int InternalDays { get; set; }
    public int InternalExtDays { get; set; }
    public int RegulatoryDays { get; set; }
    public int RegExt1Days { get; set; }
    public int RegExt2Days { get; set; }
    public DateTimeOffset InternalDueAt { get; set; }
    public DateTimeOffset RegulatoryDueAt { get; set; }
    public bool InternalExtended { get; set; }
    public int RegExtensionLevel { get; set; }
    public bool ConsumerNotified { get; set; }
    public string DueState { get; set; } = "";
    public DateTimeOffset? RespondedAt { get; set; }
    public string? Outcome { get; set; }
    public string? ResponseText { get; set; }
    public bool? AnsweredWithinInternal { get; set; }
    public bool? AnsweredWithinRegulatory { get; set; }
    public DateTimeOffset? FollowedUpAt { get; set; }
    public bool? Satisfied { get; set; }
    public int? SatisfactionScore { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public DateOnly? ClosedDate { get; set; }
    public string? RootCause { get; set; }
    public string? Remediation { get; set; }
    public string? Accountability { get; set; }
    public string? Upheld { get; set; }
    public long? RedressMinor { get; set; }
    public int? HandlingWorkingDays { get; set; }
    public DateTimeOffset? WithdrawnAt { get; set; }
    public string? WithdrawReason { get; set; }
    public int ReopenedCount { get; set; }
    public DateTimeOffset? EscalatedAt { get; set; }
    public string? EscalatedBy { get; set; }
    public string? EscalationReason { get; set; }
    public DateTimeOffset? EscalationRespondBy { get; set; }
    public string? ReferralRoute { get; set; }
    public DateTimeOffset? ReferredAt { get; set; }
    public string? ReferralOutcome { get; set; }
    public string? CalendarStamp { get; set; }
    public bool CalendarMaintained { get; set; } = true;

    // Personal-data protection (Infrastructure/ConsumerData): the key the consumer fields and the vulnerability note
    // are sealed under (null: plaintext from before encryption), and the blind indexes repeat detection looks up.
    public string? ConsumerKeyId { get; set; }
    public string? ConsumerPhoneBidx { get; set; }
    public string? ConsumerEmailBidx { get; set; }
    public string? ConsumerIdNumberBidx { get; set; }

    // History imported from another system (POST /api/v1/complaints/import): when, and the source system's id.
    public DateTimeOffset? ImportedAt { get; set; }
    public string? ImportSourceId { get; set; }

    public ComplaintStatus StatusValue => Shared.Http.StrictEnum.FromStored<ComplaintStatus>(Status, "status");

    /// <summary>A shallow copy (every property is a value or an immutable string).</summary>
    public ComplaintRow Copy() => (ComplaintRow)MemberwiseClone();

    /// <summary>All columns, in table order.</summary>
    public const string Columns = "id, reference, version, status, received_at, received_date, created_at, updated_at, intake_channel, branch_id, first_responder_id, first_responder_name, consumer_name, consumer_phone, consumer_email, consumer_id_type, consumer_id_number, anonymised_at, business_channel, business_type, reason, product_code, product_name, description, amount_minor, currency, vulnerable_elderly, vulnerable_disability, vulnerable_other, vulnerable_note, recordings, staff_complained_about, related_complaint_id, repeat_of_id, group_complaint, misappropriated_funds, pi_leak, regulator_case_id, department_id, handler_id, assigned_at, policy_name, internal_days, internal_ext_days, regulatory_days, reg_ext1_days, reg_ext2_days, internal_due_at, regulatory_due_at, internal_extended, reg_extension_level, consumer_notified, due_state, responded_at, outcome, response_text, answered_within_internal, answered_within_regulatory, followed_up_at, satisfied, satisfaction_score, closed_at, closed_date, root_cause, remediation, accountability, upheld, redress_minor, handling_working_days, withdrawn_at, withdraw_reason, reopened_count, escalated_at, escalated_by, escalation_reason, escalation_respond_by, referral_route, referred_at, referral_outcome, calendar_stamp, calendar_maintained, consumer_key_id, consumer_phone_bidx, consumer_email_bidx, consumer_id_number_bidx, imported_at, import_source_id";

    /// <summary>The parameter list matching <see cref="Columns"/>.</summary>
    public const string Parameters = "@Id, @Reference, @Version, @Status, @ReceivedAt, @ReceivedDate, @CreatedAt, @UpdatedAt, @IntakeChannel, @BranchId, @FirstResponderId, @FirstResponderName, @ConsumerName, @ConsumerPhone, @ConsumerEmail, @ConsumerIdType, @ConsumerIdNumber, @AnonymisedAt, @BusinessChannel, @BusinessType, @Reason, @ProductCode, @ProductName, @Description, @AmountMinor, @Currency, @VulnerableElderly, @VulnerableDisability, @VulnerableOther, @VulnerableNote, @Recordings, @StaffComplainedAbout, @RelatedComplaintId, @RepeatOfId, @GroupComplaint, @MisappropriatedFunds, @PiLeak, @RegulatorCaseId, @DepartmentId, @HandlerId, @AssignedAt, @PolicyName, @InternalDays, @InternalExtDays, @RegulatoryDays, @RegExt1Days, @RegExt2Days, @InternalDueAt, @RegulatoryDueAt, @InternalExtended, @RegExtensionLevel, @ConsumerNotified, @DueState, @RespondedAt, @Outcome, @ResponseText, @AnsweredWithinInternal, @AnsweredWithinRegulatory, @FollowedUpAt, @Satisfied, @SatisfactionScore, @ClosedAt, @ClosedDate, @RootCause, @Remediation, @Accountability, @Upheld, @RedressMinor, @HandlingWorkingDays, @WithdrawnAt, @WithdrawReason, @ReopenedCount, @EscalatedAt, @EscalatedBy, @EscalationReason, @EscalationRespondBy, @ReferralRoute, @ReferredAt, @ReferralOutcome, @CalendarStamp, @CalendarMaintained, @ConsumerKeyId, @ConsumerPhoneBidx, @ConsumerEmailBidx, @ConsumerIdNumberBidx, @ImportedAt, @ImportSourceId";
}
