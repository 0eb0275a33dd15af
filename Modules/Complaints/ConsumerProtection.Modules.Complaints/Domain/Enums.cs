namespace ConsumerProtection.Modules.Complaints.Domain;

// Workflow named in the bank's plans (plan 6): 受理 accept → 分流 route → 办理 handle → 反馈 respond →
// 回访 follow-up → 归档 archive; with reopen, withdrawal and referral to mediation or arbitration.
internal enum ComplaintStatus { Received, Assigned, InProgress, Responded, FollowedUp, Closed, Reopened, Withdrawn, Referred }

// How the complaint reached the bank (plan 6; 12378 and 12315 are the regulators' hotlines).
internal enum IntakeChannel { Counter, PhoneHotline, Letter, Email, WebApp, RegulatorTransfer, Platform12315, GovernmentHotline, Media, Other }

// CFPB-style outcome codes (CFPB complaint database "company response").
internal enum Outcome { ClosedWithExplanation, MonetaryRelief, NonMonetaryRelief }

// FCA counts a partly upheld complaint as upheld (FCA DISP 1.10).
internal enum Upheld { Yes, Partly, No }

internal enum ReferralRoute { Mediation, Arbitration }

internal enum DueState { OnTrack, DueSoon, Overdue }

internal enum Clock { Internal, Regulatory }

// Plan 6 art. 41: events reported upward at once.
internal enum IncidentKind { ProductVolume, GroupComplaint, MisappropriatedFunds, PersonalInfoLeak }

internal enum IncidentStatus { Open, Acknowledged, Reported }

internal enum Axis { A, B, C }

internal enum ComplaintAction
{
    Assign, Start, Respond, FollowUp, Close, Reopen, Withdraw, Escalate, Refer, RecordReferralOutcome, ExtendInternal, ExtendRegulatory,
}
