using ConsumerProtection.Modules.DisclosureReview.Checking;
using ConsumerProtection.Modules.DisclosureReview.ProductDocuments;
using ConsumerProtection.Modules.DisclosureReview.Products;
using ConsumerProtection.Shared.Audit;
using ConsumerProtection.Shared.Http;
using ConsumerProtection.Shared.Security;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace ConsumerProtection.Modules.DisclosureReview.Reviews;

internal static partial class ReviewsEndpoints
{
    internal sealed record AssignRequest(string? ReviewerId);

    internal sealed record CommentLocation(int? Page, int? Paragraph, int? Line, int? Column);

    internal sealed record CommentRequest(Guid? DocumentId, int? Version, CommentLocation? Location, string? Text);

    internal sealed record WaiverRequest(Guid? DocumentId, int? Version, int? FindingIndex, string? Reason);

    internal sealed record DecisionRequest(ReviewDecision? Decision, string? Reason)
    {
        /// <summary>A request as an integrator sends it (the OpenAPI example).</summary>
        internal const string Example = """
            { "decision": "Approved", "reason": "所有阻断项已修改，风险揭示位置符合要求。" }
            """;
    }

    private const string Workflow = "Workflow action; requires If-Match with the review's ETag (428 without, 412 stale); 409 with allowedActions when the review's state does not allow it.";

    private static void MapWorkflow(RouteGroupBuilder group)
    {
        group.MapPost("/reviews/{id:guid}/assign", AssignAsync)
            .RequireRoles(Role.ComplianceOfficer, Role.Admin).WithName("AssignDisclosureReview").WithSummary("Assign a review to a compliance officer")
            .WithDescription(Workflow + " `reviewerId` must be the caller id (`key:{id}`) of an active API key holding ComplianceOfficer (400 naming "
                + "`reviewerId` otherwise; a token holder takes the review instead); the reviewer may not be the submitter (409, four eyes).");
        group.MapPost("/reviews/{id:guid}/take", (Guid id, HttpContext h, ReviewChanges changes, CancellationToken ct) =>
                changes.ApplyAsync(id, h, ReviewAction.Take, new Validation(), (row, x) => Task.FromResult(Assign(row, x, x.Caller.Id)), ct))
            .RequireRoles(Officers).WithName("TakeDisclosureReview").WithSummary("Take a review")
            .WithDescription(Workflow + " The caller becomes the reviewer; the submitter cannot (four eyes).");
        group.MapPost("/reviews/{id:guid}/comments", CommentAsync).RequireRoles(Officers)
            .WithName("CommentDisclosureReview").WithSummary("Comment on a document version")
            .WithDescription(Workflow + " A comment anchored to a document version and a location (page, paragraph, line, column).");
        group.MapPost("/reviews/{id:guid}/waivers", WaiveAsync).RequireRoles(Officers)
            .WithName("WaiveDisclosureFinding").WithSummary("Waive a blocker finding")
            .WithDescription(Workflow + " A second compliance officer — not the reviewer, not the submitter — waives one blocker of a document's latest version, with a reason.");
        group.MapPost("/reviews/{id:guid}/decision", DecideAsync).RequireRoles(Officers)
            .WithName("DecideDisclosureReview").WithSummary("Decide a review")
            .WithDescription(Workflow + " The assigned reviewer approves, requests changes or rejects, with a reason. Approval is refused (409) for the submitter and while "
                + "blocker findings are open (listed); it binds to the current versions' SHA-256 hashes.");
    }

    private static async Task<Results<Ok<ReviewView>, ValidationProblem, ProblemHttpResult>> AssignAsync(
        Guid id, AssignRequest body, HttpContext http, ReviewChanges changes, ApiKeyStore keys, TimeProvider time, CancellationToken ct)
    {
        var v = new Validation().Text("reviewerId", body.ReviewerId, 200);
        string? reviewer = null;
        if (v.IsValid)
        {
            reviewer = await KnownOfficerAsync(body.ReviewerId!.Trim(), keys, time, ct);
            v.Check(reviewer is not null, "reviewerId", "must be the caller id (key:{id}) of an active API key holding ComplianceOfficer.");
        }

        return await changes.ApplyAsync(id, http, ReviewAction.Assign, v, (row, x) => Task.FromResult(Assign(row, x, reviewer!)), ct);
    }

    // Four eyes need a real second officer (plan 6 art. 21): the assignee is an active key holding ComplianceOfficer,
    // named by its canonical caller id so that the submitter and reviewer comparisons cannot be dodged by spelling.
    // Token subjects have no directory in the host: a token holder takes the review itself.
    private static async Task<string?> KnownOfficerAsync(string reviewerId, ApiKeyStore keys, TimeProvider time, CancellationToken ct)
    {
        const string prefix = "key:";
        if (!reviewerId.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) || !Guid.TryParseExact(reviewerId[prefix.Length..], "D", out var keyId))
        {
            return null;
        }

        var key = await keys.GetAsync(keyId, ct);
        return key is not null && key.IsUsable(time.GetUtcNow()) && key.RoleList.Contains(Role.ComplianceOfficer) ? prefix + key.Id : null;
    }

    private static ProblemHttpResult? Assign(ReviewRow row, ReviewChanges.Context x, string reviewerId)
    {
        if (reviewerId == row.SubmittedBy)
        {
            return Problems.Conflict("The submitter cannot review their own submission (four eyes).");
        }

        row.ReviewerId = reviewerId;
        row.AssignedAt = x.Now;
        row.Status = nameof(ReviewStatus.UnderReview);
        return null;
    }

    private static Task<Results<Ok<ReviewView>, ValidationProblem, ProblemHttpResult>> CommentAsync(
        Guid id, CommentRequest body, HttpContext http, ReviewChanges changes, IAuditWriter audit, ProductStore store, CancellationToken ct)
    {
        var v = new Validation();
        v.Required("documentId", body.DocumentId);
        v.Check(body.Version is > 0, "version", "is required: the document version commented on.");
        v.Text("text", body.Text, 4000, multiline: true);
        var l = body.Location;
        v.Check(l is null || (l.Page is null or > 0 && l.Paragraph is null or > 0 && l.Line is null or > 0 && l.Column is null or > 0), "location", "numbers must be 1 or more.");
        return changes.ApplyAsync(id, http, ReviewAction.Comment, v, async (row, x) =>
        {
            if (await DocumentStore.DocumentAsync(x.Connection, x.Transaction, x.Product.Id, body.DocumentId!.Value, ct) is null)
            {
                return Field("documentId", "is not a document of this product.");
            }

            if (await DocumentStore.VersionAsync(x.Connection, x.Transaction, body.DocumentId.Value, body.Version!.Value, ct) is not { } version)
            {
                return Field("version", "is not a version of this document.");
            }

            if (l?.Paragraph > version.Paragraphs || l?.Line > version.Paragraphs)
            {
                return Field("location", $"points past the end of version {version.Number} ({version.Paragraphs} paragraphs or lines).");
            }

            var commentId = Guid.CreateVersion7();
            await x.Connection.ExecuteAsync(new CommandDefinition(ReviewStore.InsertCommentSql, new
            {
                Id = commentId, ReviewId = row.Id, DocumentId = body.DocumentId.Value, VersionNumber = body.Version.Value, l?.Page, l?.Paragraph, l?.Line, l?.Column,
                Body = body.Text!, AuthorId = x.Caller.Id, CreatedAt = x.Now,
            }, x.Transaction, cancellationToken: ct));
            // The comment may quote the document: the audit row names where it points, not what it says.
            await audit.AppendAsync(store.Db, x.Connection, x.Transaction, new AuditEntry("review.comment-added", "review-comment", commentId.ToString(), null, new
            {
                ReviewId = row.Id, body.DocumentId, body.Version, l?.Page, l?.Paragraph, l?.Line, l?.Column, Characters = body.Text!.Length,
            }), ct);
            return null;
        }, ct);
    }

    private static Task<Results<Ok<ReviewView>, ValidationProblem, ProblemHttpResult>> WaiveAsync(
        Guid id, WaiverRequest body, HttpContext http, ReviewChanges changes, IAuditWriter audit, ProductStore store, CancellationToken ct)
    {
        var v = new Validation();
        v.Required("documentId", body.DocumentId);
        v.Check(body.Version is > 0, "version", "is required: the document version of the finding.");
        v.Check(body.FindingIndex is >= 0, "findingIndex", "is required: the finding's position (0-based) in the version's findings.");
        v.Text("reason", body.Reason, 2000, multiline: true);
        return changes.ApplyAsync(id, http, ReviewAction.Waive, v, async (row, x) =>
        {
            if (x.Caller.Id == row.ReviewerId || x.Caller.Id == row.SubmittedBy)
            {
                return Problems.Conflict("A blocker is waived by a second compliance officer: neither the reviewer nor the submitter (four eyes).");
            }

            var document = await DocumentStore.DocumentAsync(x.Connection, x.Transaction, x.Product.Id, body.DocumentId!.Value, ct);
            var version = document is null ? null : await DocumentStore.VersionAsync(x.Connection, x.Transaction, document.Id, body.Version!.Value, ct);
            if (document is null || version is null)
            {
                return Field(document is null ? "documentId" : "version", "does not name a version of a document of this product.");
            }

            if (version.UploadedBy == x.Caller.Id)
            {
                return Problems.Conflict("You uploaded this version; its blockers are waived by another compliance officer (four eyes).");
            }

            var findings = version.FindingList;
            if (body.FindingIndex!.Value >= findings.Count || findings[body.FindingIndex.Value].Severity != Severity.Blocker)
            {
                return Field("findingIndex", "does not name a blocker finding of this version.");
            }

            if (version.Number != document.LatestVersion)
            {
                return Problems.Conflict($"Version {version.Number} is superseded by version {document.LatestVersion}; its findings no longer count.");
            }

            var key = new { DocumentId = document.Id, VersionNumber = version.Number, FindingIndex = body.FindingIndex.Value };
            if (await x.Connection.ExecuteScalarAsync<long>(new CommandDefinition(ReviewStore.WaiverExistsSql, key, x.Transaction, cancellationToken: ct)) > 0)
            {
                return Problems.Conflict("This finding is already waived.");
            }

            var finding = findings[body.FindingIndex.Value];
            var waiverId = Guid.CreateVersion7();
            await x.Connection.ExecuteAsync(new CommandDefinition(ReviewStore.InsertWaiverSql, new
            {
                Id = waiverId, ReviewId = row.Id, key.DocumentId, key.VersionNumber, key.FindingIndex, finding.RuleId, Reason = body.Reason!, WaivedBy = x.Caller.Id, WaivedAt = x.Now,
            }, x.Transaction, cancellationToken: ct));
            await ProductStore.TouchAsync(x.Connection, x.Transaction, x.Product.Id, x.Now, ct);
            await audit.AppendAsync(store.Db, x.Connection, x.Transaction, new AuditEntry("finding.waived", "finding-waiver", waiverId.ToString(), null, new
            {
                ReviewId = row.Id, key.DocumentId, key.VersionNumber, key.FindingIndex, finding.RuleId, Reason = body.Reason,
            }), ct);
            return null;
        }, ct);
    }

    private static Task<Results<Ok<ReviewView>, ValidationProblem, ProblemHttpResult>> DecideAsync(
        Guid id, DecisionRequest body, HttpContext http, ReviewChanges changes, ProductChanges products, IOptions<DisclosureOptions> options, CancellationToken ct)
    {
        var v = new Validation();
        v.Required("decision", body.Decision);
        v.Text("reason", body.Reason, 2000, multiline: true);
        return changes.ApplyAsync(id, http, ReviewAction.Decide, v, async (row, x) =>
        {
            if (x.Caller.Id == row.SubmittedBy && body.Decision == ReviewDecision.Approved)
            {
                return Problems.Conflict("The submitter can never approve their own submission (four eyes).");
            }

            if (x.Caller.Id != row.ReviewerId)
            {
                return Problems.Conflict("Only the assigned reviewer decides; take or be assigned the review first.", new Dictionary<string, object?> { ["reviewerId"] = row.ReviewerId });
            }

            var documents = await DocumentStore.DocumentsAsync(x.Connection, x.Transaction, x.Product.Id, ct);
            var latest = await DocumentStore.LatestVersionsAsync(x.Connection, x.Transaction, x.Product.Id, ct);
            if (body.Decision == ReviewDecision.Approved)
            {
                var blockers = await Approvals.OpenBlockersAsync(x.Connection, x.Transaction, documents, latest, ct);
                if (blockers.Count > 0)
                {
                    return Problems.Conflict($"{blockers.Count} blocker finding(s) are open: resolve them with a new version or have a second officer waive them.",
                        new Dictionary<string, object?> { ["openBlockers"] = blockers });
                }

                // Four eyes over authorship (plan 6 art. 21): a key holding both roles does not approve documents it uploaded.
                if (latest.Any(v => v.UploadedBy == x.Caller.Id))
                {
                    return Problems.Conflict("You uploaded a current version of these documents; another compliance officer approves them (four eyes).");
                }

                // Four eyes over waivers too (plan 6 art. 21): whoever waived a blocker of these versions — then took the
                // review over — does not also approve the set the waiver cleared.
                foreach (var version in latest.Where(v => v.Blockers > 0))
                {
                    if ((await DocumentStore.WaiversAsync(x.Connection, x.Transaction, version.DocumentId, version.Number, ct)).Any(w => w.WaivedBy == x.Caller.Id))
                    {
                        return Problems.Conflict("You waived a blocker of these document versions; another compliance officer approves them (four eyes).");
                    }
                }

                await BindAsync(row, x, documents, latest, options.Value, ct);
            }

            row.Status = body.Decision!.Value.ToString();
            row.DecidedAt = x.Now;
            row.DecidedBy = x.Caller.Id;
            row.DecisionReason = body.Reason;
            row.ReviewWorkingDays = x.Calendar.WorkingDaysBetween(x.Calendar.LocalDate(row.SubmittedAt), x.Calendar.LocalDate(x.Now));
            var before = ProductView.From(x.Product);
            x.Product.Status = (body.Decision == ReviewDecision.Approved ? ProductStatus.Approved : ProductStatus.Draft).ToString();
            return await products.SaveAsync(x.Connection, x.Transaction, x.Product, before, "product.review-decided", x.Now, ct)
                ? null
                : Problems.PreconditionFailed(ETags.For(row.Version));
        }, ct);
    }

    // The approval binds to exactly these versions by hash; marketing material's binding expires (plan 6 art. 27).
    private static async Task BindAsync(
        ReviewRow row, ReviewChanges.Context x, IReadOnlyList<DocumentRow> documents, IReadOnlyList<VersionRow> latest, DisclosureOptions options, CancellationToken ct)
    {
        foreach (var version in latest)
        {
            var type = documents.Single(d => d.Id == version.DocumentId).TypeValue;
            await x.Connection.ExecuteAsync(new CommandDefinition(ReviewStore.InsertItemSql, new
            {
                ReviewId = row.Id, version.DocumentId, VersionNumber = version.Number, version.Sha256, DocumentType = type.ToString(),
                ExpiresAt = type == DocumentType.MarketingMaterial ? x.Now.AddMonths(options.MarketingApprovalMonths) : (DateTimeOffset?)null,
            }, x.Transaction, cancellationToken: ct));
        }
    }

    private static ProblemHttpResult Field(string field, string message) =>
        Problems.Status(StatusCodes.Status400BadRequest, "The request is invalid.", $"{field} {message}",
            new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [message] } });
}
