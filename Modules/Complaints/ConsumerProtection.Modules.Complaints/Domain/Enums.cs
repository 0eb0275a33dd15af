namespace ConsumerProtection.Modules.Complaints.Domain;

// Workflow named in the bank's plans (plan 6): 受理 accept → 分流 route → 办理 handle → 反馈 respond →
// 回访 follow-up → 归档 archive; with reopen, withdrawal and referral to mediation or arbitration.
internal enum ComplaintStatus
{
    /// <summary>Accepted (受理) and waiting to be routed to a handler.</summary>
    Received,

    /// <summary>Routed (分流) to a handler who has not started work yet.</summary>
    Assigned,

    /// <summary>Being handled (办理).</summary>
    InProgress,

    /// <summary>The answer has been given to the consumer (反馈).</summary>
    Responded,

    /// <summary>The consumer was contacted after the answer (回访).</summary>
    FollowedUp,

    /// <summary>Finished and archived (归档); may be reopened within the reopen window.</summary>
    Closed,

    /// <summary>Opened again after an answer, within Complaints:ReopenWindowDays.</summary>
    Reopened,

    /// <summary>Withdrawn by the consumer before it was finished.</summary>
    Withdrawn,

    /// <summary>Referred to mediation or arbitration; the outcome is recorded later.</summary>
    Referred,
}

// How the complaint reached the bank (plan 6; 12378 and 12315 are the regulators' hotlines).
internal enum IntakeChannel
{
    /// <summary>In person at a branch counter.</summary>
    Counter,

    /// <summary>The bank's customer-service hotline.</summary>
    PhoneHotline,

    /// <summary>A letter.</summary>
    Letter,

    /// <summary>An email.</summary>
    Email,

    /// <summary>The bank's website or mobile app.</summary>
    WebApp,

    /// <summary>Transferred by the regulator (12378 hotline or a regulator office).</summary>
    RegulatorTransfer,

    /// <summary>The market regulator’s 12315 platform.</summary>
    Platform12315,

    /// <summary>A government service hotline (e.g. 12345).</summary>
    GovernmentHotline,

    /// <summary>Press or social media.</summary>
    Media,

    /// <summary>Any other channel.</summary>
    Other,
}

// CFPB-style outcome codes (CFPB complaint database "company response").
internal enum Outcome
{
    /// <summary>Answered with an explanation, no relief.</summary>
    ClosedWithExplanation,

    /// <summary>The consumer received money (redress amount recorded).</summary>
    MonetaryRelief,

    /// <summary>The consumer received relief other than money (a correction, a waived action).</summary>
    NonMonetaryRelief,
}

// FCA counts a partly upheld complaint as upheld (FCA DISP 1.10).
internal enum Upheld
{
    /// <summary>The complaint was upheld in full.</summary>
    Yes,

    /// <summary>Upheld in part; counted as upheld in the statistics (FCA DISP 1.10).</summary>
    Partly,

    /// <summary>Not upheld.</summary>
    No,
}

internal enum ReferralRoute
{
    /// <summary>Referred to a mediation body.</summary>
    Mediation,

    /// <summary>Referred to arbitration.</summary>
    Arbitration,
}

internal enum DueState
{
    /// <summary>The deadline is further away than Complaints:DueSoonWorkingDays.</summary>
    OnTrack,

    /// <summary>The deadline is within Complaints:DueSoonWorkingDays working days.</summary>
    DueSoon,

    /// <summary>The deadline has passed without an answer.</summary>
    Overdue,
}

internal enum Clock
{
    /// <summary>The bank's internal target, in working days (Complaints:Policy).</summary>
    Internal,

    /// <summary>The regulatory deadline, in calendar days (Complaints:Policy).</summary>
    Regulatory,
}

// Plan 6 art. 41: events reported upward at once.
internal enum IncidentKind
{
    /// <summary>Complaints about one product passed Complaints:MajorIncident:Threshold within the window.</summary>
    ProductVolume,

    /// <summary>A group complaint (many consumers, one cause).</summary>
    GroupComplaint,

    /// <summary>A complaint alleging misappropriated consumer funds.</summary>
    MisappropriatedFunds,

    /// <summary>A complaint alleging a leak of consumers' personal information.</summary>
    PersonalInfoLeak,
}

internal enum IncidentStatus
{
    /// <summary>Detected, not yet acknowledged by the office.</summary>
    Open,

    /// <summary>Acknowledged by a supervisor.</summary>
    Acknowledged,

    /// <summary>Reported upward (plan 6 art. 41).</summary>
    Reported,
}

internal enum Axis
{
    /// <summary>JR/T 0169 axis A: business channel.</summary>
    A,

    /// <summary>JR/T 0169 axis B: business type.</summary>
    B,

    /// <summary>JR/T 0169 axis C: complaint reason.</summary>
    C,
}

internal enum ComplaintAction
{
    /// <summary>Route to a handler (a handler may take a case for themselves).</summary>
    Assign,

    /// <summary>The handler starts work.</summary>
    Start,

    /// <summary>Record the answer given to the consumer.</summary>
    Respond,

    /// <summary>Record the follow-up contact after the answer.</summary>
    FollowUp,

    /// <summary>Close and archive.</summary>
    Close,

    /// <summary>Open again within Complaints:ReopenWindowDays of the answer.</summary>
    Reopen,

    /// <summary>Record the consumer’s withdrawal.</summary>
    Withdraw,

    /// <summary>Escalate to a supervisor (an overlay; the state does not change).</summary>
    Escalate,

    /// <summary>Refer to mediation or arbitration.</summary>
    Refer,

    /// <summary>Record the outcome of a referral.</summary>
    RecordReferralOutcome,

    /// <summary>Extend the internal target once (a supervisor who is not the handler).</summary>
    ExtendInternal,

    /// <summary>Extend the regulatory deadline (first by a supervisor or Admin, second by Admin with the consumer notified).</summary>
    ExtendRegulatory,
}
