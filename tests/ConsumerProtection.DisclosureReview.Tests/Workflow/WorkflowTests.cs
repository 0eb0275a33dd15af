using System.Net;
using System.Net.Http.Json;
using ConsumerProtection.DisclosureReview.Tests.Infrastructure;
using ConsumerProtection.Host.Tests.Infrastructure;
using static ConsumerProtection.DisclosureReview.Tests.Infrastructure.DisclosureApi;

namespace ConsumerProtection.DisclosureReview.Tests.Workflow;

/// <summary>From submission to launch through the HTTP host, and each refusal of the four-eyes workflow.</summary>
public sealed class WorkflowTests : DisclosureApiFixture
{
    [Test]
    public async Task HappyPath_SubmissionToClearanceToLaunch()
    {
        var code = NewCode();
        var docs = await _api.ProductWithDocumentsAsync(code);
        Assert.That(ReasonCodes(await _api.ClearanceAsync(code)), Is.EqualTo(new[] { "no-approval" }));

        var (review, etag) = await _api.SubmitAsync(code);
        var queue = await Json(await _api.Officer.GetAsync("/api/v1/disclosure/reviews"), HttpStatusCode.OK);
        var mine = queue.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == review);
        Assert.Multiple(() =>
        {
            Assert.That(mine.GetProperty("status").GetString(), Is.EqualTo("Submitted"));
            // 5 working days from Monday 2026-03-02: by the end of Monday 2026-03-09 (bank-local midnight).
            Assert.That(mine.GetProperty("dueAt").GetDateTimeOffset(), Is.EqualTo(new DateTimeOffset(2026, 3, 10, 0, 0, 0, TimeSpan.FromHours(8))));
            Assert.That(queue.GetProperty("counts").GetProperty("submitted").GetInt32(), Is.GreaterThanOrEqualTo(1));
        });

        var (taken, e1) = await ActAsync(_api.Officer, review, "take", etag);
        Assert.That((await Json(taken, HttpStatusCode.OK)).GetProperty("reviewerId").GetString(), Is.EqualTo(_api.OfficerId));
        var (pastEnd, _) = await ActAsync(_api.Officer, review, "comments", e1!,
            new { documentId = docs["Contract"], version = 1, location = new { paragraph = 99 }, text = "越界" });
        await HttpAssert.FieldError(pastEnd, "location");
        var (otherDocument, _) = await ActAsync(_api.Officer, review, "comments", e1!, new { documentId = Guid.NewGuid(), version = 1, text = "?" });
        await HttpAssert.FieldError(otherDocument, "documentId");
        var (commented, e2) = await ActAsync(_api.Officer, review, "comments", e1!,
            new { documentId = docs["Contract"], version = 1, location = new { paragraph = 2 }, text = "利率表述请注明计息基础。" });
        var afterComment = await Json(commented, HttpStatusCode.OK);
        Assert.That(afterComment.GetProperty("comments")[0].GetProperty("paragraph").GetInt32(), Is.EqualTo(2));

        _api.Time.Advance(TimeSpan.FromDays(2));
        var (decided, _) = await ActAsync(_api.Officer, review, "decision", e2!, new { decision = "Approved", reason = "材料齐全，符合要求。" });
        var approved = await Json(decided, HttpStatusCode.OK);
        Assert.Multiple(() =>
        {
            Assert.That(approved.GetProperty("status").GetString(), Is.EqualTo("Approved"));
            Assert.That(approved.GetProperty("approval").GetArrayLength(), Is.EqualTo(3));
            Assert.That(approved.GetProperty("reviewWorkingDays").GetInt32(), Is.EqualTo(2));
        });

        var response = await _api.ProductSystem.GetAsync($"{Products}/{code}/launch-clearance");
        var clearance = await Json(response, HttpStatusCode.OK);
        Assert.That(clearance.GetProperty("cleared").GetBoolean(), Is.True, clearance.ToString());
        var cached = new HttpRequestMessage(HttpMethod.Get, $"{Products}/{code}/launch-clearance");
        cached.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        Assert.That((await _api.ProductSystem.SendAsync(cached)).StatusCode, Is.EqualTo(HttpStatusCode.NotModified));

        var launch = await _api.ProductSystem.SendAsync(WithIfMatch(HttpMethod.Post, $"{Products}/{code}/launch", await _api.ProductETagAsync(code, _api.ProductSystem)));
        Assert.That((await Json(launch, HttpStatusCode.OK)).GetProperty("status").GetString(), Is.EqualTo("Launched"));
        AssertAuditHasNoDocumentText();
    }

    private void AssertAuditHasNoDocumentText()
    {
        using var db = _api.Factory.OpenFile("disclosure");
        using var command = db.CreateCommand();
        command.CommandText = "SELECT action, COALESCE(before_json, '') || COALESCE(after_json, '') FROM audit_log";
        using var reader = command.ExecuteReader();
        var actions = new List<string>();
        while (reader.Read())
        {
            actions.Add(reader.GetString(0));
            Assert.That(reader.GetString(1), Does.Not.Contain("计息方式").And.Not.Contain("利率表述"), "no document or comment text in audit rows");
        }

        Assert.That(actions, Is.SupersetOf(new[] { "product.created", "document.created", "document.version-uploaded", "review.submitted", "review.take", "review.decide", "product.launch" }));
    }

    [Test]
    public async Task Submitter_CanNeverReviewOrApprove_409()
    {
        var code = NewCode();
        await _api.ProductWithDocumentsAsync(code, _api.Dual);
        var (review, etag) = await _api.SubmitAsync(code, _api.Dual);
        var (take, _) = await ActAsync(_api.Dual, review, "take", etag);
        await HttpAssert.Problem(take, 409);
        var (assign, _) = await ActAsync(_api.Officer, review, "assign", etag, new { reviewerId = (await Json(await _api.Dual.GetAsync($"/api/v1/disclosure/reviews/{review}"), HttpStatusCode.OK)).GetProperty("submittedBy").GetString() });
        await HttpAssert.Problem(assign, 409);

        // Assigned to the submitter's colleague, the submitter still cannot decide.
        var (taken, e1) = await ActAsync(_api.Officer, review, "take", etag);
        await Json(taken, HttpStatusCode.OK);
        var (approve, _) = await ActAsync(_api.Dual, review, "decision", e1!, new { decision = "Approved", reason = "自己批准" });
        var problem = await HttpAssert.Problem(approve, 409);
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("four eyes"));
    }

    [Test]
    public async Task Approve_WithOpenBlockers_Is409ListingThem_UntilWaivedBySecondOfficer()
    {
        var code = NewCode();
        var docs = await _api.ProductWithDocumentsAsync(code);
        await _api.UploadAsync(code, docs["ProductRules"], Clean["ProductRules"] + "\n" + Blocker);
        var (review, etag) = await _api.SubmitAsync(code);
        var (taken, e1) = await ActAsync(_api.Officer, review, "take", etag);
        await Json(taken, HttpStatusCode.OK);

        var (approve, _) = await ActAsync(_api.Officer, review, "decision", e1!, new { decision = "Approved", reason = "ok" });
        var problem = await HttpAssert.Problem(approve, 409);
        var blocker = problem.GetProperty("openBlockers").EnumerateArray().Single();
        Assert.Multiple(() =>
        {
            Assert.That(blocker.GetProperty("ruleId").GetString(), Is.EqualTo("BAN-REGULATOR"));
            Assert.That(blocker.GetProperty("documentId").GetGuid(), Is.EqualTo(docs["ProductRules"]));
            Assert.That(blocker.GetProperty("version").GetInt32(), Is.EqualTo(2));
        });
        Assert.That(ReasonCodes(await _api.ClearanceAsync(code)), Does.Contain("open-blocker"));

        var waiver = new { documentId = docs["ProductRules"], version = 2, findingIndex = blocker.GetProperty("findingIndex").GetInt32(), reason = "引用的是监管文件原文，已核实。" };
        var (byReviewer, _) = await ActAsync(_api.Officer, review, "waivers", e1!, waiver);
        await HttpAssert.Problem(byReviewer, 409);
        var (bySecond, e2) = await ActAsync(_api.SecondOfficer, review, "waivers", e1!, waiver);
        Assert.That((await Json(bySecond, HttpStatusCode.OK)).GetProperty("openBlockers").GetArrayLength(), Is.Zero);
        Assert.That(ReasonCodes(await _api.ClearanceAsync(code)), Is.EqualTo(new[] { "no-approval" }), "the waiver clears the gate's cached blocker");
        var (again, _) = await ActAsync(_api.SecondOfficer, review, "waivers", e2!, waiver);
        await HttpAssert.Problem(again, 409);

        var (approved, _) = await ActAsync(_api.Officer, review, "decision", e2!, new { decision = "Approved", reason = "豁免后通过" });
        await Json(approved, HttpStatusCode.OK);
        var version = await Json(await _api.Auditor.GetAsync($"{Products}/{code}/documents/{docs["ProductRules"]}/versions/2"), HttpStatusCode.OK);
        Assert.That(version.GetProperty("waivers")[0].GetProperty("reason").GetString(), Is.EqualTo(waiver.reason));
    }

    [Test]
    public async Task Blocker_ResolvedByNewVersion()
    {
        var code = NewCode();
        var docs = await _api.ProductWithDocumentsAsync(code);
        var v2 = await _api.UploadAsync(code, docs["Contract"], Clean["Contract"] + "\n" + Blocker);
        Assert.That(v2.GetProperty("blockers").GetInt32(), Is.EqualTo(1));
        var v3 = await _api.UploadAsync(code, docs["Contract"], Clean["Contract"]);
        Assert.That(v3.GetProperty("number").GetInt32(), Is.EqualTo(3));
        var (review, etag) = await _api.SubmitAsync(code);
        await _api.ApproveAsync(review, etag);
        Assert.That((await _api.ClearanceAsync(code)).GetProperty("cleared").GetBoolean(), Is.True);
    }

    [Test]
    public async Task NewVersion_VoidsApproval_AndLaunchIsRefusedWithReasons()
    {
        var code = NewCode();
        var docs = await _api.ProductWithDocumentsAsync(code);
        var (review, etag) = await _api.SubmitAsync(code);
        await _api.ApproveAsync(review, etag);
        Assert.That((await _api.ClearanceAsync(code)).GetProperty("cleared").GetBoolean(), Is.True);

        await _api.UploadAsync(code, docs["FeeSchedule"], Clean["FeeSchedule"] + "\n另：逾期不收违约金。");
        var clearance = await _api.ClearanceAsync(code);
        Assert.Multiple(() =>
        {
            Assert.That(clearance.GetProperty("cleared").GetBoolean(), Is.False);
            Assert.That(ReasonCodes(clearance), Is.EqualTo(new[] { "approval-voided" }));
            Assert.That(clearance.GetProperty("status").GetString(), Is.EqualTo("Draft"));
        });
        var reviewNow = await Json(await _api.Officer.GetAsync($"/api/v1/disclosure/reviews/{review}"), HttpStatusCode.OK);
        Assert.That(reviewNow.GetProperty("voidedAt").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.String));

        var launch = await _api.ProductSystem.SendAsync(WithIfMatch(HttpMethod.Post, $"{Products}/{code}/launch", await _api.ProductETagAsync(code, _api.ProductSystem)));
        var problem = await HttpAssert.Problem(launch, 409);
        Assert.That(problem.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()), Does.Not.Contain("Launch"));
    }

    [Test]
    public async Task Launch_WithMissingRequiredDocument_Is409ListingTheReason()
    {
        var code = NewCode();
        await _api.ProductWithDocumentsAsync(code, types: ["Contract", "ProductRules"]);
        var (review, etag) = await _api.SubmitAsync(code);
        await _api.ApproveAsync(review, etag);
        var clearance = await _api.ClearanceAsync(code, _api.Pm);
        Assert.That(clearance.GetProperty("reasons").EnumerateArray().Select(r => (r.GetProperty("code").GetString(), r.GetProperty("documentType").GetString())),
            Is.EqualTo(new[] { ("missing-document", "FeeSchedule") }));

        var launch = await _api.ProductSystem.SendAsync(WithIfMatch(HttpMethod.Post, $"{Products}/{code}/launch", await _api.ProductETagAsync(code, _api.ProductSystem)));
        var problem = await HttpAssert.Problem(launch, 409);
        Assert.That(problem.GetProperty("reasons")[0].GetProperty("code").GetString(), Is.EqualTo("missing-document"));
    }

    [Test]
    public async Task MarketingApproval_ExpiresAfterConfiguredMonths()
    {
        var code = NewCode();
        await _api.ProductWithDocumentsAsync(code, types: ["Contract", "ProductRules", "FeeSchedule", "MarketingMaterial"]);
        var (review, etag) = await _api.SubmitAsync(code);
        await _api.ApproveAsync(review, etag);
        var cleared = await _api.ClearanceAsync(code);
        Assert.That(cleared.GetProperty("cleared").GetBoolean(), Is.True, cleared.ToString());
        var expires = cleared.GetProperty("approval").GetProperty("expiresAt").GetDateTimeOffset();
        Assert.That(expires, Is.EqualTo(_api.Time.GetUtcNow().AddMonths(12)));

        _api.Time.Advance(expires - _api.Time.GetUtcNow() + TimeSpan.FromSeconds(1));
        var expired = await _api.ClearanceAsync(code);
        Assert.Multiple(() =>
        {
            Assert.That(expired.GetProperty("cleared").GetBoolean(), Is.False);
            Assert.That(ReasonCodes(expired), Is.EqualTo(new[] { "approval-expired" }));
            Assert.That(expired.GetProperty("reasons")[0].GetProperty("documentType").GetString(), Is.EqualTo("MarketingMaterial"));
        });
    }

    [Test]
    public async Task ProductSystem_SuspendsRelaunchesAndRetires_RetiredIsFinal()
    {
        var code = NewCode();
        await _api.ProductWithDocumentsAsync(code);
        var inReview = await _api.SubmitAsync(code);
        async Task<HttpResponseMessage> Act(string action) =>
            await _api.ProductSystem.SendAsync(WithIfMatch(HttpMethod.Post, $"{Products}/{code}/{action}", await _api.ProductETagAsync(code, _api.ProductSystem)));

        var early = await HttpAssert.Problem(await Act("retire"), 409);
        Assert.That(early.GetProperty("currentStatus").GetString(), Is.EqualTo("InReview"));
        await _api.ApproveAsync(inReview.Id, inReview.ETag);
        foreach (var (action, status) in new[] { ("launch", "Launched"), ("suspend", "Suspended"), ("launch", "Launched"), ("retire", "Retired") })
        {
            Assert.That((await Json(await Act(action), HttpStatusCode.OK)).GetProperty("status").GetString(), Is.EqualTo(status), action);
        }

        var final = await HttpAssert.Problem(await Act("launch"), 409);
        Assert.That(final.GetProperty("allowedActions").GetArrayLength(), Is.Zero);
        Assert.That(ReasonCodes(await _api.ClearanceAsync(code)), Does.Contain("retired"));
    }

    [Test]
    public async Task Transitions_NeedCurrentIfMatch_412And428()
    {
        var code = NewCode();
        await _api.ProductWithDocumentsAsync(code);
        var stale = await _api.ProductETagAsync(code);
        var update = new { name = "稳盈存款", productType = "Deposit", principalProtected = true, riskGrade = "R2", targetCustomers = "个人客户", salesChannels = new[] { "Counter" } };
        var first = await _api.Pm.SendAsync(WithIfMatch(HttpMethod.Put, $"{Products}/{code}", stale, update));
        await Json(first, HttpStatusCode.OK);
        await HttpAssert.Problem(await _api.Pm.SendAsync(WithIfMatch(HttpMethod.Put, $"{Products}/{code}", stale, update)), 412);
        await HttpAssert.Problem(await _api.Pm.SendAsync(WithIfMatch(HttpMethod.Put, $"{Products}/{code}", null, update)), 428);

        var (review, etag) = await _api.SubmitAsync(code);
        var (missing, _) = await ActAsync(_api.Officer, review, "take", null!);
        var required = await HttpAssert.Problem(missing, 428);
        Assert.That(required.GetProperty("detail").GetString(), Does.Contain("last read of the review"), "a review action names the review's ETag, not the product's");
        var (ok, _) = await ActAsync(_api.Officer, review, "take", etag);
        await Json(ok, HttpStatusCode.OK);
        var (old, _) = await ActAsync(_api.Officer, review, "decision", etag, new { decision = "Rejected", reason = "旧版本" });
        await HttpAssert.Problem(old, 412);

        // Not a draft any more: updating is 409 with the allowed actions.
        var inReview = await _api.Pm.SendAsync(WithIfMatch(HttpMethod.Put, $"{Products}/{code}", await _api.ProductETagAsync(code), update));
        var problem = await HttpAssert.Problem(inReview, 409);
        Assert.That(problem.GetProperty("currentStatus").GetString(), Is.EqualTo("InReview"));
    }

    [Test]
    public async Task ProductManagerOfAnotherDepartment_Gets404()
    {
        var code = NewCode();
        var docs = await _api.ProductWithDocumentsAsync(code);
        var (review, _) = await _api.SubmitAsync(code);
        Assert.Multiple(async () =>
        {
            await HttpAssert.Problem(await _api.OtherPm.GetAsync($"{Products}/{code}"), 404);
            await HttpAssert.Problem(await _api.OtherPm.GetAsync($"{Products}/{code}/documents"), 404);
            await HttpAssert.Problem(await _api.OtherPm.GetAsync($"{Products}/{code}/documents/{docs["Contract"]}/versions/1"), 404);
            await HttpAssert.Problem(await _api.OtherPm.GetAsync($"{Products}/{code}/launch-clearance"), 404);
            await HttpAssert.Problem(await _api.OtherPm.GetAsync($"/api/v1/disclosure/reviews/{review}"), 404);
            await HttpAssert.Problem(await _api.OtherPm.PostAsJsonAsync($"{Products}/{code}/documents", new { documentType = "Contract", language = "zh", title = "x" }), 404);
        });
        var list = await Json(await _api.OtherPm.GetAsync($"{Products}?pageSize=200"), HttpStatusCode.OK);
        Assert.That(list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("code").GetString()), Does.Not.Contain(code));
        var own = await Json(await _api.Pm.GetAsync($"{Products}?pageSize=200&status=InReview"), HttpStatusCode.OK);
        Assert.That(own.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("code").GetString()), Does.Contain(code));

        // Creating for another department is refused and names the field.
        await HttpAssert.FieldError(await _api.OtherPm.PostAsJsonAsync(Products, Product(NewCode(), department: "RETAIL")), "ownerDepartment");
    }

    [Test]
    public async Task WrongRole_Gets403()
    {
        Assert.Multiple(async () =>
        {
            Assert.That((await _api.Teller.GetAsync(Products)).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That((await _api.Auditor.PostAsJsonAsync(Products, Product(NewCode()))).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That((await _api.Officer.PostAsync($"{Products}/X-1/launch", null)).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That((await _api.Pm.GetAsync("/api/v1/disclosure/reviews")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That((await _api.Teller.GetAsync($"{Products}/X-1/launch-clearance")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        });
    }

    [TestCase("productType", "Savings")]
    [TestCase("productType", "deposit")]
    [TestCase("productType", "0")]
    [TestCase("riskGrade", "R6")]
    [TestCase("riskGrade", "R1,R2")]
    [TestCase("salesChannels", "Mail")]
    public async Task BadProductField_Is400NamingIt_AndNothingStored(string field, string value)
    {
        var code = NewCode();
        var body = System.Text.Json.JsonSerializer.SerializeToNode(Product(code), new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!.AsObject();
        body[field] = field == "salesChannels" ? new System.Text.Json.Nodes.JsonArray(value) : value;
        var response = await _api.Pm.PostAsync(Products, HttpAssert.Json(body.ToJsonString()));
        var problem = await HttpAssert.Problem(response, 400);
        Assert.That(problem.GetProperty("errors").EnumerateObject().Select(e => e.Name), Has.Some.StartsWith(field), problem.ToString());
        await HttpAssert.Problem(await _api.Pm.GetAsync($"{Products}/{code}"), 404);
    }

    [Test]
    public async Task BadProductCode_Is400()
    {
        await HttpAssert.FieldError(await _api.Pm.PostAsJsonAsync(Products, Product("dep 1")), "code");
        var code = NewCode();
        await Json(await _api.Pm.PostAsJsonAsync(Products, Product(code)), HttpStatusCode.Created);
        await HttpAssert.Problem(await _api.Pm.PostAsJsonAsync(Products, Product(code)), 409);
    }

    [Test]
    public async Task EmptyOrBinaryContent_Is400_AndNoVersionStored()
    {
        var code = NewCode();
        await Json(await _api.Pm.PostAsJsonAsync(Products, Product(code)), HttpStatusCode.Created);
        var doc = (await Json(await _api.Pm.PostAsJsonAsync($"{Products}/{code}/documents", new { documentType = "Contract", language = "zh", title = "合同" }), HttpStatusCode.Created))
            .GetProperty("id").GetGuid();
        var url = $"{Products}/{code}/documents/{doc}/versions";
        await HttpAssert.FieldError(await _api.Pm.PostAsJsonAsync(url, new { text = "" }), "text");
        await HttpAssert.FieldError(await _api.Pm.PostAsJsonAsync(url, new { text = "   \n " }), "text");
        await HttpAssert.FieldError(await _api.Pm.PostAsJsonAsync(url, new { text = "abc\u0000def" }), "text");
        await HttpAssert.FieldError(await _api.Pm.PostAsync(url, Form([0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04])), "file");
        await HttpAssert.FieldError(await _api.Pm.PostAsync(url, Form([])), "file");
        await HttpAssert.FieldError(await _api.Pm.PostAsync(url, Form("   \n"u8.ToArray())), "file");
        await HttpAssert.Problem(await _api.Pm.PostAsync(url, Form(new byte[70_000])), 413);
        await HttpAssert.Problem(await _api.Pm.GetAsync($"{url}/1"), 404);
        var docs = await Json(await _api.Pm.GetAsync($"{Products}/{code}/documents"), HttpStatusCode.OK);
        Assert.That(docs[0].GetProperty("latestVersion").GetInt32(), Is.Zero);
    }

    [Test]
    public async Task UnknownDocumentTypeOrLanguage_Is400()
    {
        var code = NewCode();
        await Json(await _api.Pm.PostAsJsonAsync(Products, Product(code)), HttpStatusCode.Created);
        await HttpAssert.FieldError(await _api.Pm.PostAsJsonAsync($"{Products}/{code}/documents", new { documentType = "Brochure", language = "zh", title = "x" }), "documentType");
        await HttpAssert.FieldError(await _api.Pm.PostAsJsonAsync($"{Products}/{code}/documents", new { documentType = "Contract", language = "fr", title = "x" }), "language");
    }

    private static MultipartFormDataContent Form(byte[] file)
    {
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        return new MultipartFormDataContent { { content, "file", "upload.txt" } };
    }
}
