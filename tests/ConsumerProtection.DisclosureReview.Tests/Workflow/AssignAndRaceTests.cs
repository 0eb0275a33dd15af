using System.Net;
using ConsumerProtection.DisclosureReview.Tests.Infrastructure;
using ConsumerProtection.Host.Tests.Infrastructure;
using ConsumerProtection.Shared.Security;
using Microsoft.Extensions.DependencyInjection;
using static ConsumerProtection.DisclosureReview.Tests.Infrastructure.DisclosureApi;

namespace ConsumerProtection.DisclosureReview.Tests.Workflow;

/// <summary>
/// Four eyes need a real second officer (plan 6 art. 21): `assign` names an active ComplianceOfficer key, never the
/// submitter; and an approval binds only to what the reviewer saw — a version uploaded meanwhile moves the review's ETag.
/// </summary>
public sealed class AssignAndRaceTests : DisclosureApiFixture
{
    private long ReviewRow(Guid review, string column)
    {
        using var db = _api.Factory.OpenFile("disclosure");
        using var command = db.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM review WHERE id = $id AND {column}";
        command.Parameters.AddWithValue("$id", review.ToString());
        return (long)command.ExecuteScalar()!;
    }

    private long Count(string table)
    {
        using var db = _api.Factory.OpenFile("disclosure");
        using var command = db.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {table}";
        return (long)command.ExecuteScalar()!;
    }

    [Test]
    public async Task Assign_RefusesUnknownInactiveOrNonOfficerCallers_400NamingReviewerId_NothingStored()
    {
        var code = NewCode();
        await _api.ProductWithDocumentsAsync(code);
        var (review, etag) = await _api.SubmitAsync(code);

        var (_, auditorKey) = await _api.Factory.CreateKeyAsync([Role.Auditor], name: "auditor-x");
        var (_, expiredKey) = await _api.Factory.CreateKeyAsync([Role.ComplianceOfficer], name: "officer-expired", expiresAt: _api.Time.GetUtcNow().AddMinutes(1));
        var (_, revokedKey) = await _api.Factory.CreateKeyAsync([Role.ComplianceOfficer], name: "officer-revoked");
        await _api.Factory.Services.GetRequiredService<ApiKeyStore>().RevokeAsync(revokedKey, "test", CancellationToken.None);
        _api.Time.Advance(TimeSpan.FromMinutes(2));

        var audits = Count("audit_log");
        foreach (var id in new[]
        {
            "key:" + Guid.NewGuid(), "key:" + auditorKey, "key:" + expiredKey, "key:" + revokedKey, "anyone", "key:not-a-guid", "jwt:someone",
            "key:" + Guid.NewGuid().ToString("N"),
        })
        {
            var (response, _) = await ActAsync(_api.Officer, review, "assign", etag, new { reviewerId = id });
            await HttpAssert.FieldError(response, "reviewerId");
        }

        Assert.Multiple(() =>
        {
            Assert.That(ReviewRow(review, "reviewer_id IS NULL AND status = 'Submitted' AND version = 1"), Is.EqualTo(1), "nothing stored");
            Assert.That(Count("audit_log"), Is.EqualTo(audits), "no audit row for a refusal");
        });

        var (assigned, _) = await ActAsync(_api.Officer, review, "assign", etag, new { reviewerId = _api.OfficerId.ToUpperInvariant().Replace("KEY:", "key:") });
        Assert.That((await Json(assigned, HttpStatusCode.OK)).GetProperty("reviewerId").GetString(), Is.EqualTo(_api.OfficerId), "stored as the canonical caller id");
    }

    [Test]
    public async Task Assign_ToTheSubmitter_SpelledDifferently_Is409()
    {
        var code = NewCode();
        await _api.ProductWithDocumentsAsync(code, _api.Dual);
        var (review, etag) = await _api.SubmitAsync(code, _api.Dual);
        var submitter = (await Json(await _api.Dual.GetAsync($"/api/v1/disclosure/reviews/{review}"), HttpStatusCode.OK)).GetProperty("submittedBy").GetString()!;
        var (assign, _) = await ActAsync(_api.Officer, review, "assign", etag, new { reviewerId = " " + submitter.ToUpperInvariant().Replace("KEY:", "key:") + " " });
        await HttpAssert.Problem(assign, 409);
        Assert.That(ReviewRow(review, "reviewer_id IS NULL"), Is.EqualTo(1));
    }

    [Test]
    public async Task NewVersionWhileUnderReview_MakesTheReviewersETagStale_SoTheApprovalCannotBindToAnUnseenVersion()
    {
        var code = NewCode();
        var docs = await _api.ProductWithDocumentsAsync(code);
        var (review, etag) = await _api.SubmitAsync(code);
        var (taken, seen) = await ActAsync(_api.Officer, review, "take", etag);
        await Json(taken, HttpStatusCode.OK);

        // The product manager uploads version 2 while the officer reads version 1.
        await _api.UploadAsync(code, docs["Contract"], Clean["Contract"] + "\n第四条 新增条款。");
        var items = Count("approval_item");
        var (approve, _) = await ActAsync(_api.Officer, review, "decision", seen!, new { decision = "Approved", reason = "材料齐全。" });
        await HttpAssert.Problem(approve, 412);
        Assert.Multiple(() =>
        {
            Assert.That(Count("approval_item"), Is.EqualTo(items), "no approval bound");
            Assert.That(ReviewRow(review, "status = 'UnderReview'"), Is.EqualTo(1));
        });

        // Re-read, the officer sees version 2 and the approval binds to its hash.
        var reread = await _api.Officer.GetAsync($"/api/v1/disclosure/reviews/{review}");
        await Json(reread, HttpStatusCode.OK);
        var (approved, _) = await ActAsync(_api.Officer, review, "decision", ETag(reread), new { decision = "Approved", reason = "材料齐全。" });
        var body = await Json(approved, HttpStatusCode.OK);
        var contract = body.GetProperty("approval").EnumerateArray().Single(i => i.GetProperty("documentId").GetGuid() == docs["Contract"]);
        Assert.That(contract.GetProperty("versionNumber").GetInt32(), Is.EqualTo(2));
    }

    [Test]
    public async Task OfficerWhoWaivedABlocker_ThenTookTheReview_CannotApprove_409()
    {
        var code = NewCode();
        var docs = await _api.ProductWithDocumentsAsync(code);
        await _api.UploadAsync(code, docs["ProductRules"], Clean["ProductRules"] + "\n" + Blocker);
        var (review, etag) = await _api.SubmitAsync(code);
        var (taken, e1) = await ActAsync(_api.Officer, review, "take", etag);
        var blocker = (await Json(taken, HttpStatusCode.OK)).GetProperty("openBlockers").EnumerateArray().Single();
        var (waived, e2) = await ActAsync(_api.SecondOfficer, review, "waivers", e1!,
            new { documentId = docs["ProductRules"], version = 2, findingIndex = blocker.GetProperty("findingIndex").GetInt32(), reason = "引用监管原文。" });
        await Json(waived, HttpStatusCode.OK);

        // The waiving officer takes the review over and tries to approve what their own waiver cleared.
        var (retaken, e3) = await ActAsync(_api.SecondOfficer, review, "take", e2!);
        await Json(retaken, HttpStatusCode.OK);
        var items = Count("approval_item");
        var (approve, _) = await ActAsync(_api.SecondOfficer, review, "decision", e3!, new { decision = "Approved", reason = "通过" });
        await HttpAssert.Problem(approve, 409);
        Assert.Multiple(() =>
        {
            Assert.That(Count("approval_item"), Is.EqualTo(items));
            Assert.That(ReviewRow(review, "status = 'UnderReview'"), Is.EqualTo(1));
        });

        // Handed back to another officer, the approval goes through.
        var (back, e4) = await ActAsync(_api.Officer, review, "take", e3!);
        await Json(back, HttpStatusCode.OK);
        var (approved, _) = await ActAsync(_api.Officer, review, "decision", e4!, new { decision = "Approved", reason = "通过" });
        await Json(approved, HttpStatusCode.OK);
    }

    [Test]
    public async Task AuthorHoldingBothRoles_CannotWaiveOrApproveTheirOwnUpload_409()
    {
        // The dual key (ProductManager and ComplianceOfficer of RETAIL) uploads the offending version; a colleague submits.
        var code = NewCode();
        var docs = await _api.ProductWithDocumentsAsync(code);
        await _api.UploadAsync(code, docs["ProductRules"], Clean["ProductRules"] + "\n" + Blocker, _api.Dual);
        var (review, etag) = await _api.SubmitAsync(code);
        var (taken, e1) = await ActAsync(_api.Officer, review, "take", etag);
        var blocker = (await Json(taken, HttpStatusCode.OK)).GetProperty("openBlockers").EnumerateArray().Single();
        var waiver = new { documentId = docs["ProductRules"], version = 2, findingIndex = blocker.GetProperty("findingIndex").GetInt32(), reason = "自己豁免" };
        var waivers = Count("finding_waiver");
        var (ownWaiver, _) = await ActAsync(_api.Dual, review, "waivers", e1!, waiver);
        await HttpAssert.Problem(ownWaiver, 409);
        Assert.That(Count("finding_waiver"), Is.EqualTo(waivers), "nothing stored");
        var (waived, e2) = await ActAsync(_api.SecondOfficer, review, "waivers", e1!, waiver);
        await Json(waived, HttpStatusCode.OK);

        var (dualTakes, e3) = await ActAsync(_api.Dual, review, "take", e2!);
        await Json(dualTakes, HttpStatusCode.OK);
        var (ownApproval, _) = await ActAsync(_api.Dual, review, "decision", e3!, new { decision = "Approved", reason = "通过" });
        await HttpAssert.Problem(ownApproval, 409);
        Assert.That(ReviewRow(review, "status = 'UnderReview'"), Is.EqualTo(1));
    }
}
