using System.Text.Json;
using ConsumerProtection.Modules.DisclosureReview.Contracts;
using ConsumerProtection.Modules.DisclosureReview.Products;
using ConsumerProtection.Shared.Time;
using Dapper;

namespace ConsumerProtection.Modules.DisclosureReview.Reviews;

/// <summary>
/// <see cref="IDisclosureReviewFigures"/> for Assessment and the regulator report: events in a period of bank-local
/// days (the shared calendar's zone), optionally for one owner department.
/// </summary>
internal sealed class ReviewFigures(ProductStore store, IWorkingCalendar calendar) : IDisclosureReviewFigures
{
    internal const string SubmittedSql = """
        SELECT COUNT(*) FROM [disclosure].[review]
        WHERE submitted_at >= @From AND submitted_at < @To AND (@Department IS NULL OR department_id = @Department)
        """;

    internal const string DecisionsSql = """
        SELECT status AS Status, round AS Round, review_working_days AS ReviewWorkingDays FROM [disclosure].[review]
        WHERE decided_at >= @From AND decided_at < @To AND (@Department IS NULL OR department_id = @Department)
        """;

    internal const string FindingsSql = """
        SELECT v.findings FROM [disclosure].[document_version] v
        JOIN [disclosure].[product_document] d ON d.id = v.document_id
        JOIN [disclosure].[product] p ON p.id = d.product_id
        WHERE v.uploaded_at >= @From AND v.uploaded_at < @To AND v.findings <> '[]' AND (@Department IS NULL OR p.department_id = @Department)
        """;

    private sealed class Decision
    {
        public string Status { get; set; } = "";

        public int Round { get; set; }

        public int? ReviewWorkingDays { get; set; }
    }

    // Only the rule id of each stored finding is needed; the rest of the stored finding is skipped.
    private sealed record RuleOnly(string RuleId);

    private static readonly JsonSerializerOptions Lenient = new(JsonSerializerDefaults.Web);

    public async Task<DisclosureReviewFigures> GetAsync(DisclosureFiguresQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.To < query.From)
        {
            throw new ArgumentException("The period ends before it starts.", nameof(query));
        }

        var rules = await calendar.GetAsync(ct);
        var args = new { From = rules.EndOfLocalDay(query.From.AddDays(-1)), To = rules.EndOfLocalDay(query.To), query.Department };
        var (submitted, decisions, findings) = await store.Db.ReadAsync(async c => (
            await c.ExecuteScalarAsync<long>(new CommandDefinition(SubmittedSql, args, cancellationToken: ct)),
            (await c.QueryAsync<Decision>(new CommandDefinition(DecisionsSql, args, cancellationToken: ct))).AsList(),
            (await c.QueryAsync<string>(new CommandDefinition(FindingsSql, args, cancellationToken: ct))).AsList()), ct);

        var byRule = findings
            .SelectMany(json => JsonSerializer.Deserialize<List<RuleOnly>>(json, Lenient) ?? [])
            .GroupBy(f => f.RuleId, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new RuleFindingCount(g.Key, g.Count()))
            .ToList();
        var approved = decisions.Where(d => d.Status == nameof(ReviewStatus.Approved)).ToList();
        var days = decisions.Where(d => d.ReviewWorkingDays is not null).Select(d => (double)d.ReviewWorkingDays!.Value).ToList();
        return new DisclosureReviewFigures(
            query, (int)submitted, approved.Count(d => d.Round == 1), approved.Count,
            decisions.Count(d => d.Status == nameof(ReviewStatus.ChangesRequested)), decisions.Count(d => d.Status == nameof(ReviewStatus.Rejected)),
            byRule, days.Count == 0 ? null : days.Average());
    }
}
