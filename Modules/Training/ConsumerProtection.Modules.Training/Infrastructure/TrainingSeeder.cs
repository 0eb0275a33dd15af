using ConsumerProtection.Modules.Training.Domain;
using ConsumerProtection.Shared.Audit;
using ConsumerProtection.Shared.Security;
using ConsumerProtection.Shared.Seeding;
using ConsumerProtection.Shared.Time;
using Dapper;

namespace ConsumerProtection.Modules.Training.Infrastructure;

/// <summary>
/// <c>seed --training N [--months 12] [--seed 42]</c>: N staff over 100 branches with 40 attendance rows each (50,000 staff
/// give 2,000,000 rows), one course per topic, sessions spread over the last months; written in transactions of
/// <see cref="StaffPerBatch"/> staff, without per-row audit; one <c>training.seeded</c> audit row summarises the run.
/// </summary>
internal sealed class TrainingSeeder(TrainingStore store, IWorkingCalendar calendar) : ISeeder
{
    public const int StaffPerBatch = 1_000;
    public const int RecordsPerStaff = 40;
    private const int Sessions = 2_000;

    private const string CourseExists = "SELECT COUNT(*) FROM [training].[course] WHERE code = @Code";

    private const string InsertCourse = """
        INSERT INTO [training].[course] (code, title_zh, title_en, topic, minutes, mode, mandatory_for, pass_mark, version, created_at, updated_at)
        VALUES (@Code, @TitleZh, @TitleEn, @Topic, @Minutes, 'Classroom', '', @PassMark, 1, @Now, @Now)
        """;

    private const string InsertSession = """
        INSERT INTO [training].[session] (id, course_code, starts_at, local_date, trainer, location, branch_id, created_at)
        VALUES (@Id, @CourseCode, @StartsAt, @LocalDate, 'seed', 'seed', @BranchId, @Now)
        """;

    private static readonly Caller Actor = Caller.System("seed");

    public string Name => "training";

    private sealed record SeedSession(Guid Id, string CourseCode, Topic Topic, int Minutes, int? PassMark, DateOnly Date);

    public async Task<SeedProgress> SeedAsync(SeedRequest request, Action<SeedProgress>? progress, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(request.Count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(request.Count, 1_000_000);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.Months, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(request.Months, 120);
        var started = store.Time.GetTimestamp();
        var now = store.Time.GetUtcNow();
        var rules = await calendar.GetAsync(ct);
        var today = rules.LocalDate(now);
        var random = new Random(request.Seed);
        var run = Guid.CreateVersion7(now).ToString("N")[^6..];
        var sessions = await SessionsAsync(random, today, request.Months, now, ct);

        long written = 0;
        var total = (long)request.Count * RecordsPerStaff;
        for (var first = 0; first < request.Count; first += StaffPerBatch)
        {
            var staff = new List<object>();
            var staffIds = new List<string>();
            var records = new List<object>();
            for (var i = first; i < Math.Min(first + StaffPerBatch, request.Count); i++)
            {
                var id = $"S{run}{i:D7}";
                staffIds.Add(id);
                var hire = today.AddDays(-random.Next(30, 3650));
                var category = (RoleCategory)(i % 5 == 4 ? 3 : i % 4);
                staff.Add(new
                {
                    StaffId = id, Name = store.SealName(id, "员工" + i), KeyId = store.ActiveKeyId, BranchId = $"B{i % 100:D3}", Department = $"D{i % 20:D2}",
                    RoleCategory = category.ToString(), Position = i % 25 == 0 ? "ComplaintHandler" : null, HireDate = hire, LeaveDate = (DateOnly?)null,
                    Active = true, Now = now, Version = 0,
                });
                foreach (var s in Pick(random, sessions, RecordsPerStaff))
                {
                    var roll = random.Next(20);
                    var status = roll == 0 ? AttendanceStatus.Absent : roll == 1 ? AttendanceStatus.Late : AttendanceStatus.Present;
                    int? score = status != AttendanceStatus.Absent && s.PassMark is not null ? random.Next(40, 101) : null;
                    var attended = status != AttendanceStatus.Absent;
                    records.Add(new
                    {
                        Id = Guid.CreateVersion7(now), StaffId = id, SessionId = (Guid?)s.Id, CourseCode = s.CourseCode, Topic = s.Topic.ToString(), OccurredOn = s.Date,
                        Status = status.ToString(), Minutes = attended ? s.Minutes : 0, Score = score, Qualifies = attended && (s.PassMark is null || score >= s.PassMark),
                        Title = (string?)null, Provider = (string?)null, EvidenceReference = (string?)null, Now = now, By = Actor.Id,
                    });
                }
            }

            await store.Db.InTransactionAsync(async (c, tx) =>
            {
                await c.ExecuteAsync(new CommandDefinition(Staff.StaffRow.Insert, staff, tx, cancellationToken: ct));
                await c.ExecuteAsync(new CommandDefinition(Attendance.AttendanceRecorder.Insert, records, tx, cancellationToken: ct));
                await Coverage.StaffYear.RefreshAsync(c, tx, staffIds, ct);
                return 0;
            }, ct);
            written += records.Count;
            progress?.Invoke(new SeedProgress(written, total, store.Time.GetElapsedTime(started)));
        }

        await store.Db.InTransactionAsync(async (c, tx) => await store.Audit.AppendAsync(store.Db, c, tx,
            new AuditEntry("training.seeded", "seed-run", run, null, new { Staff = request.Count, Records = written, request.Months, request.Seed }), Actor, ct), ct);
        return new SeedProgress(written, total, store.Time.GetElapsedTime(started));
    }

    // Distinct sessions for one staff member.
    private static IEnumerable<SeedSession> Pick(Random random, List<SeedSession> sessions, int count)
    {
        var chosen = new HashSet<int>();
        while (chosen.Count < Math.Min(count, sessions.Count))
        {
            chosen.Add(random.Next(sessions.Count));
        }

        return chosen.Select(i => sessions[i]);
    }

    private async Task<List<SeedSession>> SessionsAsync(Random random, DateOnly today, int months, DateTimeOffset now, CancellationToken ct)
    {
        var topics = Enum.GetValues<Topic>();
        var courses = topics.Select(t => (Code: "SEED-" + t, Topic: t, Minutes: t == Topic.ConsumerProtectionPolicy ? 120 : 60, PassMark: t is Topic.ComplaintHandling or Topic.InformationProtection ? (int?)60 : null)).ToList();
        var sessions = new List<SeedSession>(Sessions);
        var span = today.DayNumber - today.AddMonths(-months).DayNumber;
        for (var i = 0; i < Sessions; i++)
        {
            var c = courses[random.Next(courses.Count)];
            sessions.Add(new SeedSession(Guid.CreateVersion7(now), c.Code, c.Topic, c.Minutes, c.PassMark, today.AddDays(-random.Next(1, span))));
        }

        await store.Db.InTransactionAsync(async (c, tx) =>
        {
            foreach (var course in courses)
            {
                if (await c.ExecuteScalarAsync<long>(new CommandDefinition(CourseExists, new { course.Code }, tx, cancellationToken: ct)) == 0)
                {
                    await c.ExecuteAsync(new CommandDefinition(InsertCourse, new { course.Code, TitleZh = course.Code, TitleEn = course.Code, Topic = course.Topic.ToString(), course.Minutes, course.PassMark, Now = now }, tx, cancellationToken: ct));
                }
            }

            await c.ExecuteAsync(new CommandDefinition(InsertSession, sessions.Select(s => new
            {
                s.Id, s.CourseCode, StartsAt = new DateTimeOffset(s.Date.ToDateTime(new TimeOnly(1, 0)), TimeSpan.Zero), LocalDate = s.Date, BranchId = "B000", Now = now,
            }), tx, cancellationToken: ct));
            return 0;
        }, ct);
        return sessions;
    }
}
