using ConsumerProtection.Modules.Training.Contracts;
using ConsumerProtection.Modules.Training.Domain;
using ConsumerProtection.Modules.Training.Importing;
using ConsumerProtection.Modules.Training.Infrastructure;
using ConsumerProtection.Shared.Audit;
using ConsumerProtection.Shared.Http;
using ConsumerProtection.Shared.Security;
using ConsumerProtection.Shared.Time;
using Dapper;
using Microsoft.Extensions.Options;

namespace ConsumerProtection.Modules.Training.Staff;

/// <summary>What an import did (or, in a dry run, would do).</summary>
internal sealed record StaffImportReport(
    bool DryRun, bool Applied, string Format, int Rows, int Added, int Changed, int Unchanged, int Deactivated, IReadOnlyList<RowProblem> Errors);

/// <summary>
/// The HR roster import: the file is the whole current roster. Every row is checked first (bad rows are reported by line
/// and column and nothing is written); then, in one transaction, new staff are added, changed ones updated and active
/// staff missing from the file deactivated (leave date = today when none is known). Re-importing the same file changes
/// nothing. One audit row summarises the run with staff ids only.
/// </summary>
internal sealed class StaffImporter(TrainingStore store, IWorkingCalendar calendar, IOptions<TrainingOptions> options) : IStaffRosterImport
{
    private static readonly Dictionary<string, string[]> Known = new()
    {
        ["staffId"] = ["staff id", "工号", "员工编号", "员工号"],
        ["name"] = ["姓名", "员工姓名"],
        ["branchId"] = ["branch", "机构", "机构号", "网点", "所属机构"],
        ["department"] = ["部门"],
        ["roleCategory"] = ["role category", "人员类别", "岗位类别"],
        ["position"] = ["岗位", "职位"],
        ["hireDate"] = ["hire date", "入职日期"],
        ["leaveDate"] = ["leave date", "离职日期"],
        ["active"] = ["在职", "是否在职"],
    };

    private static readonly string[] Required = ["staffId", "name", "branchId", "roleCategory", "hireDate"];

    private static readonly Dictionary<string, RoleCategory> ChineseCategories = new()
    {
        ["高级管理人员"] = RoleCategory.SeniorManagement,
        ["中层管理人员"] = RoleCategory.MiddleManagement,
        ["一线员工"] = RoleCategory.FrontLine,
        ["后台人员"] = RoleCategory.BackOffice,
        ["新员工"] = RoleCategory.NewHire,
    };

    /// <summary>Checks and (unless <paramref name="dryRun"/> or a row is bad) applies the roster. Throws <see cref="ImportRefusedException"/> for a bad file.</summary>
    /// <remarks>
    /// Updates are guarded by the version read when planning: when a staff record was edited meanwhile (or a planned new
    /// staff id was added), the whole import is rolled back with <see cref="StaffImportConflictException"/> — an edit is never
    /// silently overwritten or skipped. <paramref name="beforeWrite"/> runs between planning and writing (tests use it to race).
    /// </remarks>
    public async Task<StaffImportReport> RunAsync(
        byte[] bytes, bool dryRun, Caller? actor, IProgress<StaffImportProgress>? progress, CancellationToken ct, Func<Task>? beforeWrite = null)
    {
        var file = TabularFile.Read(bytes, options.Value.MaxUncompressedBytes, options.Value.MaxImportRows);
        progress?.Report(new StaffImportProgress("read", file.Rows.Count, file.Rows.Count));
        var columns = ImportColumns.Map(file.Header, Known, Required);
        var now = store.Time.GetUtcNow();
        var today = (await calendar.GetAsync(ct)).LocalDate(now);
        var problems = new List<RowProblem>();
        var roster = Parse(file, columns, today, problems);

        var existing = await store.Db.ReadAsync(async c => (await c.QueryAsync<StaffRow>(new CommandDefinition(StaffRow.SelectAll, cancellationToken: ct))).AsList(), ct);
        var plan = Plan(roster, existing, today);
        progress?.Report(new StaffImportProgress("check", file.Rows.Count, file.Rows.Count));
        var report = new StaffImportReport(dryRun, false, file.Format, file.Rows.Count, plan.Added.Count, plan.Changed.Count - plan.Deactivated.Count,
            roster.Count - plan.Added.Count - (plan.Changed.Count - plan.Deactivated.Count), plan.Deactivated.Count, problems);
        if (dryRun || problems.Count > 0 || plan.Empty)
        {
            return report;
        }

        if (beforeWrite is not null)
        {
            await beforeWrite();
        }

        var keyId = store.ActiveKeyId;
        var hireChanged = HireDateChanged(plan, existing);
        var inserts = plan.Added.Select(d => StaffEndpoints.Args(d, store.SealName(d.StaffId, d.Name), keyId, now, 0)).ToList();
        var updates = plan.Changed.Select(x => StaffEndpoints.Args(x.Data, x.Sealed ?? store.SealName(x.Data.StaffId, x.Data.Name), x.KeyId ?? keyId, now, x.Version)).ToList();
        await store.Db.InTransactionAsync(async (c, tx) =>
        {
            // In chunks inside the one transaction, so the shell verb can show progress.
            var total = inserts.Count + updates.Count;
            var done = 0;
            foreach (var (sql, rows) in new[] { (StaffRow.Insert, inserts), (StaffRow.Update, updates) })
            {
                foreach (var chunk in rows.Chunk(5_000))
                {
                    try
                    {
                        if (await c.ExecuteAsync(new CommandDefinition(sql, chunk, tx, cancellationToken: ct)) != chunk.Length)
                        {
                            throw new StaffImportConflictException();
                        }
                    }
                    catch (Exception e) when (Shared.Data.DbErrors.IsUniqueViolation(e))
                    {
                        throw new StaffImportConflictException();
                    }

                    progress?.Report(new StaffImportProgress("write", done += chunk.Length, total));
                }
            }

            // A new hire date moves the new-hire window: the coverage summary is rebuilt for those staff.
            await Coverage.StaffYear.RefreshAsync(c, tx, hireChanged, ct);

            var entry = new AuditEntry("staff.imported", "staff-roster", now.ToString("O"), null, new
            {
                Format = file.Format, Rows = file.Rows.Count, Added = plan.Added.Select(d => d.StaffId),
                Changed = plan.Changed.Where(x => !x.Deactivation).Select(x => x.Data.StaffId), Deactivated = plan.Deactivated,
            });
            if (actor is null)
            {
                await store.Audit.AppendAsync(store.Db, c, tx, entry, ct);
            }
            else
            {
                await store.Audit.AppendAsync(store.Db, c, tx, entry, actor, ct);
            }

            return 0;
        }, ct);
        return report with { Applied = true };
    }

    async Task<StaffImportSummary> IStaffRosterImport.ImportAsync(byte[] file, bool dryRun, IProgress<StaffImportProgress>? progress, CancellationToken ct)
    {
        StaffImportReport r;
        try
        {
            r = await RunAsync(file, dryRun, Caller.System("import-staff"), progress, ct);
        }
        catch (ImportRefusedException e)
        {
            throw new InvalidDataException($"{e.Code}: {e.Message}", e);
        }
        catch (StaffImportConflictException e)
        {
            throw new InvalidOperationException(e.Message, e);
        }

        return new StaffImportSummary(r.DryRun, r.Applied, r.Format, r.Rows, r.Added, r.Changed, r.Unchanged, r.Deactivated,
            [.. r.Errors.Select(e => $"line {e.Line}, {e.Column}: {e.Message}")]);
    }

    private static List<StaffData> Parse(TabularFile file, ImportColumns columns, DateOnly today, List<RowProblem> problems)
    {
        var roster = new List<StaffData>(file.Rows.Count);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in file.Rows)
        {
            var before = problems.Count;
            void Bad(string column, string message) => problems.Add(new RowProblem(row.Line, column, message));

            var staffId = columns.Get(row, "staffId");
            if (!StaffRules.IsCode(staffId))
            {
                Bad("staffId", staffId is null ? "is required." : "must be 1 to 50 letters, digits, '-' or '_'.");
            }
            else if (!seen.TryAdd(staffId!, row.Line))
            {
                Bad("staffId", $"duplicates line {seen[staffId!]}.");
            }

            var name = StaffRules.Clean(columns.Get(row, "name"), StaffRules.NameMax, out var nameProblem);
            if (name is null || nameProblem is not null)
            {
                Bad("name", nameProblem ?? "is required.");
            }

            var branch = columns.Get(row, "branchId");
            if (!StaffRules.IsBranch(branch))
            {
                Bad("branchId", branch is null ? "is required." : "must be 1 to 50 letters or digits.");
            }

            var department = StaffRules.Clean(columns.Get(row, "department"), StaffRules.TextMax, out var p1);
            if (p1 is not null)
            {
                Bad("department", p1);
            }

            var position = StaffRules.Clean(columns.Get(row, "position"), StaffRules.TextMax, out var p2);
            if (p2 is not null)
            {
                Bad("position", p2);
            }

            var categoryText = columns.Get(row, "roleCategory");
            RoleCategory category = default;
            if (categoryText is null || !(StrictEnum.TryParse(categoryText, out category) || ChineseCategories.TryGetValue(categoryText, out category)))
            {
                Bad("roleCategory", categoryText is null ? "is required." : "must be one of " + StrictEnum.Allowed(typeof(RoleCategory)) + ".");
            }

            var hireText = columns.Get(row, "hireDate");
            var hire = ImportColumns.Date(hireText, file.IsSpreadsheet);
            if (hire is null)
            {
                Bad("hireDate", hireText is null ? "is required." : "must be a date (yyyy-MM-dd).");
            }

            var leaveText = columns.Get(row, "leaveDate");
            var leave = ImportColumns.Date(leaveText, file.IsSpreadsheet);
            if (leaveText is not null && leave is null)
            {
                Bad("leaveDate", "must be a date (yyyy-MM-dd).");
            }

            if (hire is { } h)
            {
                StaffRules.CheckDates(h, leave, Bad);
            }

            var activeText = columns.Get(row, "active");
            bool? active = activeText switch
            {
                null => null,
                "true" or "TRUE" or "1" or "是" or "Y" => true,
                "false" or "FALSE" or "0" or "否" or "N" => false,
                _ => null,
            };
            if (activeText is not null && active is null)
            {
                Bad("active", "must be true or false.");
            }

            if (problems.Count == before)
            {
                roster.Add(new StaffData(staffId!, name!, branch!, department, category, position, hire!.Value, leave,
                    active ?? (leave is null || leave > today)));
            }
        }

        return roster;
    }

    private static List<string> HireDateChanged(ImportPlan plan, List<StaffRow> existing)
    {
        var hired = existing.ToDictionary(r => r.StaffId, r => r.HireDate, StringComparer.Ordinal);
        return [.. plan.Changed.Where(x => hired.TryGetValue(x.Data.StaffId, out var h) && h != x.Data.HireDate).Select(x => x.Data.StaffId)];
    }

    private sealed record Change(StaffData Data, long Version, string? Sealed, string? KeyId, bool Deactivation);

    private sealed record ImportPlan(List<StaffData> Added, List<Change> Changed, List<string> Deactivated)
    {
        public bool Empty => Added.Count == 0 && Changed.Count == 0;
    }

    private ImportPlan Plan(List<StaffData> roster, List<StaffRow> existing, DateOnly today)
    {
        var byId = existing.ToDictionary(r => r.StaffId, StringComparer.Ordinal);
        var plan = new ImportPlan([], [], []);
        var inFile = new HashSet<string>(StringComparer.Ordinal);
        foreach (var d in roster)
        {
            inFile.Add(d.StaffId);
            if (!byId.TryGetValue(d.StaffId, out var row))
            {
                plan.Added.Add(d);
            }
            else if (!d.SameAs(row, store.OpenName(row.StaffId, row.Name)))
            {
                plan.Changed.Add(new Change(d, row.Version, null, null, false));
            }
        }

        foreach (var row in existing)
        {
            if (row.Active && !inFile.Contains(row.StaffId) && row.AnonymisedAt is null)
            {
                // Left the roster: inactive from today unless HR gave a leave date. The sealed name is kept as it is.
                var d = new StaffData(row.StaffId, "", row.BranchId, row.Department, row.Category, row.Position, row.HireDate,
                    row.LeaveDate ?? (today < row.HireDate ? row.HireDate : today), false);
                plan.Changed.Add(new Change(d, row.Version, row.Name, row.KeyId, true));
                plan.Deactivated.Add(row.StaffId);
            }
        }

        return plan;
    }
}

/// <summary>A staff record changed (or a planned new id was added) between planning and writing an import; nothing was stored.</summary>
internal sealed class StaffImportConflictException()
    : Exception("A staff record was changed by another request while the roster was being imported; nothing was imported. Import the file again.");
