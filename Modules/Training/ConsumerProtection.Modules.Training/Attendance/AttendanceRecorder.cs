using ConsumerProtection.Modules.Training.Catalogue;
using ConsumerProtection.Modules.Training.Domain;
using ConsumerProtection.Modules.Training.Infrastructure;
using ConsumerProtection.Modules.Training.Staff;
using ConsumerProtection.Shared.Audit;
using ConsumerProtection.Shared.Data;
using ConsumerProtection.Shared.Http;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ConsumerProtection.Modules.Training.Attendance;

/// <summary>One attendee of a session: status, hours credited (default: the course's hours when present or late, 0 when absent), test score.</summary>
internal sealed record AttendanceEntry(string? StaffId, AttendanceStatus? Status, decimal? HoursCredited, int? Score);

/// <summary>
/// Checks and stores a session's attendance (plan 6 art. 39; plans 4, 7: knowledge tests). Refused, with nothing
/// stored: a session that has not started yet, unknown staff or staff not employed on the session's day, a staff
/// member twice or already recorded, hours below 0 or above the course's, a score outside 0–100, credit or a score
/// for an absence. A record qualifies when the staff member attended and passed the course's test where it has one.
/// </summary>
internal sealed class AttendanceRecorder(TrainingStore store)
{
    public const string Insert = """
        INSERT INTO [training].[training_record] (id, staff_id, session_id, course_code, topic, occurred_on, status, minutes, score, qualifies,
            title, provider, evidence_reference, recorded_at, recorded_by)
        VALUES (@Id, @StaffId, @SessionId, @CourseCode, @Topic, @OccurredOn, @Status, @Minutes, @Score, @Qualifies, @Title, @Provider, @EvidenceReference, @Now, @By)
        """;

    private const string StaffDates = "SELECT staff_id AS StaffId, hire_date AS HireDate, leave_date AS LeaveDate FROM [training].[staff] WHERE anonymised_at IS NULL";

    private const string Recorded = "SELECT staff_id FROM [training].[training_record] WHERE session_id = @SessionId";

    private sealed class StaffDate
    {
        public string StaffId { get; set; } = "";
        public DateOnly HireDate { get; set; }
        public DateOnly? LeaveDate { get; set; }
    }

    /// <summary>A checked row ready to store.</summary>
    internal sealed record Checked(string StaffId, AttendanceStatus Status, int Minutes, int? Score, bool Qualifies);

    /// <summary>Checks <paramref name="entries"/>; <paramref name="error"/> gets (entry index, field, message). Null when the session-level check fails.</summary>
    public async Task<List<Checked>> CheckAsync(SessionView session, CourseRow course, IReadOnlyList<AttendanceEntry> entries, Action<int, string, string> error, CancellationToken ct)
    {
        var (staff, recorded) = await store.Db.ReadAsync(async c =>
        {
            var s = (await c.QueryAsync<StaffDate>(new CommandDefinition(StaffDates, cancellationToken: ct))).ToDictionary(x => x.StaffId, StringComparer.Ordinal);
            var r = (await c.QueryAsync<string>(new CommandDefinition(Recorded, new { SessionId = session.Id }, cancellationToken: ct))).ToHashSet(StringComparer.Ordinal);
            return (s, r);
        }, ct);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<Checked>(entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            var index = i;
            var ok = true;
            void Bad(string field, string message)
            {
                error(index, field, message);
                ok = false;
            }

            if (!StaffRules.IsCode(e.StaffId))
            {
                Bad("staffId", e.StaffId is null ? "is required." : "must be 1 to 50 letters, digits, '-' or '_'.");
            }
            else if (!staff.TryGetValue(e.StaffId!, out var who))
            {
                Bad("staffId", "names no staff member.");
            }
            else if (who.HireDate > session.LocalDate || who.LeaveDate < session.LocalDate)
            {
                Bad("staffId", $"was not employed on {session.LocalDate:yyyy-MM-dd}.");
            }
            else if (!seen.Add(e.StaffId!))
            {
                Bad("staffId", "appears twice in this upload.");
            }
            else if (recorded.Contains(e.StaffId!))
            {
                Bad("staffId", "already has attendance for this session.");
            }

            if (Values(e, course, Bad) is { } value && ok)
            {
                result.Add(new Checked(e.StaffId!, e.Status!.Value, value.Minutes, e.Score, value.Qualifies));
            }
        }

        return result;
    }

    /// <summary>
    /// Checks an entry's status, hours and score against the course (also for a correction); null when one is bad.
    /// Hours default to the course's when attended, 0 when absent; qualifying = attended and passed the course's test.
    /// </summary>
    public static (int Minutes, bool Qualifies)? Values(AttendanceEntry e, CourseRow course, Action<string, string> bad)
    {
        var ok = true;
        void Bad(string field, string message)
        {
            bad(field, message);
            ok = false;
        }

        if (e.Status is null)
        {
            Bad("status", "is required.");
        }
        else if (e.Status == AttendanceStatus.External)
        {
            Bad("status", "must be Present, Late or Absent (external training is entered under /external-records).");
        }

        var v = new Shared.Http.Validation();
        var minutes = CourseRules.Minutes(e.HoursCredited, "hoursCredited", v, required: false);
        if (!v.IsValid)
        {
            Bad("hoursCredited", "must be at least 0, in whole minutes.");
        }
        else if (minutes > course.Minutes)
        {
            Bad("hoursCredited", $"must not exceed the course's {course.Minutes / 60m} hours.");
        }

        if (e.Score is < 0 or > 100)
        {
            Bad("score", "must be between 0 and 100.");
        }

        if (e.Status == AttendanceStatus.Absent && (minutes > 0 || e.Score is not null))
        {
            Bad(minutes > 0 ? "hoursCredited" : "score", "must be empty for an absence.");
        }

        if (!ok)
        {
            return null;
        }

        var attended = e.Status is AttendanceStatus.Present or AttendanceStatus.Late;
        var passed = course.PassMark is not { } mark || (e.Score is { } s && s >= mark);
        return (minutes ?? (attended ? course.Minutes : 0), attended && passed);
    }

    /// <summary>
    /// Stores checked rows and one audit row naming staff ids, statuses, minutes and scores (no names), all or nothing.
    /// False when another request recorded one of these staff for the session between the check and this write (the
    /// unique index refuses it): the caller answers 409 and nothing of this request is stored.
    /// </summary>
    public async Task<bool> WriteAsync(SessionView session, CourseRow course, IReadOnlyList<Checked> rows, string action, CancellationToken ct)
    {
        try
        {
            await InsertAsync(session, course, rows, action, ct);
            return true;
        }
        catch (Exception ex) when (DbErrors.IsUniqueViolation(ex))
        {
            return false;
        }
    }

    /// <summary>The 409 for a lost race of <see cref="WriteAsync"/>.</summary>
    public static ProblemHttpResult AlreadyRecorded() =>
        Problems.Conflict("Attendance for one of these staff members was recorded for this session by another request meanwhile; nothing was stored. Read the session's attendance and send only the missing rows.");

    private Task InsertAsync(SessionView session, CourseRow course, IReadOnlyList<Checked> rows, string action, CancellationToken ct)
    {
        var now = store.Time.GetUtcNow();
        var ids = rows.Select(_ => Guid.CreateVersion7(now)).ToList();
        return store.Db.InTransactionAsync(async (c, tx) =>
        {
            var record = await store.Audit.AppendAsync(store.Db, c, tx, new AuditEntry(action, "session", session.Id.ToString(), null, new
            {
                course.Code, Attendance = rows.Select(r => new { r.StaffId, r.Status, r.Minutes, r.Score, r.Qualifies }),
            }), ct);
            await c.ExecuteAsync(new CommandDefinition(Insert, rows.Select((r, i) => new
            {
                Id = ids[i], r.StaffId, SessionId = (Guid?)session.Id, CourseCode = course.Code, course.Topic, OccurredOn = session.LocalDate,
                Status = r.Status.ToString(), r.Minutes, r.Score, r.Qualifies, Title = (string?)null, Provider = (string?)null,
                EvidenceReference = (string?)null, Now = now, By = record.ActorId,
            }), tx, cancellationToken: ct));
            await Coverage.StaffYear.RefreshAsync(c, tx, rows.Select(r => r.StaffId), ct);
            return 0;
        }, ct);
    }
}
