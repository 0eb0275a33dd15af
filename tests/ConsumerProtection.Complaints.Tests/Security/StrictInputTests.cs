using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ConsumerProtection.Complaints.Tests.Infrastructure;
using ConsumerProtection.Host.Tests.Infrastructure;
using ConsumerProtection.Shared.Security;
using Microsoft.Extensions.Time.Testing;

namespace ConsumerProtection.Complaints.Tests.Security;

/// <summary>
/// Fixed-choice values are exactly one defined name: a comma-joined pair or a number used to be OR-ed into an
/// undefined value that was stored and then broke every list it appeared in.
/// </summary>
public sealed class StrictInputTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 5, 10, 0, 0, TimeSpan.FromHours(8));

    private static async Task<long> CountAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/complaints")).GetProperty("total").GetInt64();

    [TestCase("\"GovernmentHotline,Media\"")]
    [TestCase("\"Counter, Letter\"")]
    [TestCase("7")]
    [TestCase("\"7\"")]
    [TestCase("\"counter\"")]
    [TestCase("\"NoSuchChannel\"")]
    public async Task Intake_IntakeChannelNotExactlyOneName_Is400AndNothingStored(string channel)
    {
        using var factory = new ApiFactory(time: new FakeTimeProvider(Now));
        var (teller, _) = await ComplaintsApi.ClientAsync(factory, [Role.Teller], branch: "SH001");
        using var admin = factory.Admin();
        using (teller)
        {
            var json = JsonSerializer.Serialize(ComplaintsApi.Body(Now)).Replace("\"intakeChannel\":\"Counter\"", "\"intakeChannel\":" + channel, StringComparison.Ordinal);
            var body = await HttpAssert.FieldError(await teller.PostAsync("/api/v1/complaints", HttpAssert.Json(json)), "intakeChannel");
            Assert.That(body.GetProperty("errors").GetProperty("intakeChannel")[0].GetString(), Does.Contain("Counter, PhoneHotline"), "the allowed names are listed");
            Assert.That(await CountAsync(admin), Is.Zero);
            Assert.That((await teller.GetAsync("/api/v1/complaints")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }
    }

    [TestCase("\"MonetaryRelief,NonMonetaryRelief\"")]
    [TestCase("3")]
    public async Task Respond_OutcomeCombination_Is400AndComplaintStillReadable(string outcome)
    {
        using var factory = new ApiFactory(time: new FakeTimeProvider(Now));
        using var admin = factory.Admin();
        var filed = await ComplaintsApi.FileAsync(admin, ComplaintsApi.Body(Now));
        var id = filed.GetProperty("id").GetGuid();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/complaints/{id}/respond")
        {
            Content = HttpAssert.Json("{\"outcome\":" + outcome + ",\"responseText\":\"done\"}"),
        };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));
        await HttpAssert.FieldError(await admin.SendAsync(request), "outcome");
        var read = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{id}");
        Assert.That(read.GetProperty("version").GetInt64(), Is.EqualTo(1));
    }

    [TestCase("/api/v1/complaints?status=Bogus", "status", "Received, Assigned")]
    [TestCase("/api/v1/complaints?clock=Both", "clock", "Internal, Regulatory")]
    [TestCase("/api/v1/complaints?intakeChannel=Fax", "intakeChannel", "Counter, PhoneHotline")]
    [TestCase("/api/v1/complaints?sort=nonsense", "sort", "receivedAt")]
    [TestCase("/api/v1/complaints/export?businessChannel=A1&status=done", "status", "Received, Assigned")]
    [TestCase("/api/v1/complaints/incidents?status=Closed", "status", "Open, Acknowledged, Reported")]
    public async Task FixedChoiceQuery_BadValue_ErrorListsTheAllowedNames(string url, string field, string names)
    {
        using var factory = new ApiFactory(time: new FakeTimeProvider(Now));
        using var admin = factory.Admin();
        var body = await HttpAssert.Problem(await admin.GetAsync(url), 400);
        var errors = body.GetProperty("errors").EnumerateObject().Single(e => string.Equals(e.Name, field, StringComparison.OrdinalIgnoreCase));
        Assert.That(errors.Value[0].GetString(), Does.Contain(names));
    }

    [Test]
    public async Task Codes_UnknownAxis_ErrorListsTheAxes()
    {
        using var factory = new ApiFactory(time: new FakeTimeProvider(Now));
        using var admin = factory.Admin();
        var body = await HttpAssert.FieldError(await admin.PutAsJsonAsync("/api/v1/complaints/codes/D/D1", new { nameZh = "x", nameEn = "x", active = true }), "axis");
        Assert.That(body.GetProperty("errors").GetProperty("axis")[0].GetString(), Does.Contain("A, B or C"));
    }

    [TestCase("status=1")]
    [TestCase("status=Received,Closed")]
    [TestCase("status=received")]
    [TestCase("intakeChannel=7")]
    [TestCase("clock=Internal,Regulatory")]
    public async Task List_EnumQueryNotExactlyOneName_Is400NamingTheField(string query)
    {
        using var factory = new ApiFactory(time: new FakeTimeProvider(Now));
        using var admin = factory.Admin();
        var body = await HttpAssert.Problem(await admin.GetAsync("/api/v1/complaints?" + query), 400);
        var field = query[..query.IndexOf('=')];
        Assert.That(body.GetProperty("errors").EnumerateObject().Select(e => e.Name), Has.Some.EqualTo(field).IgnoreCase);
        await HttpAssert.Problem(await admin.GetAsync("/api/v1/complaints/export?" + query), 400);
    }

    [Test]
    public async Task List_ExactName_StillFilters()
    {
        using var factory = new ApiFactory(time: new FakeTimeProvider(Now));
        using var admin = factory.Admin();
        await ComplaintsApi.FileAsync(admin, ComplaintsApi.Body(Now));
        var list = await admin.GetFromJsonAsync<JsonElement>("/api/v1/complaints?status=Received&intakeChannel=Counter");
        Assert.That(list.GetProperty("total").GetInt64(), Is.EqualTo(1));
    }

    [Test]
    public async Task StoredValueChangedOutsideTheApi_ListNamesTheRow_GetAnswersAClearError()
    {
        using var factory = new ApiFactory(time: new FakeTimeProvider(Now));
        using var admin = factory.Admin();
        var good = (await ComplaintsApi.FileAsync(admin, ComplaintsApi.Body(Now))).GetProperty("id").GetGuid();
        var bad = (await ComplaintsApi.FileAsync(admin, ComplaintsApi.Body(Now))).GetProperty("id").GetGuid();
        using (var file = factory.OpenFile("complaints"))
        using (var update = file.CreateCommand())
        {
            update.CommandText = "UPDATE complaint SET intake_channel = '15' WHERE id = $id";
            update.Parameters.AddWithValue("$id", bad.ToString());
            Assert.That(update.ExecuteNonQuery(), Is.EqualTo(1));
        }

        var list = await admin.GetFromJsonAsync<JsonElement>("/api/v1/complaints");
        Assert.Multiple(() =>
        {
            Assert.That(list.GetProperty("total").GetInt64(), Is.EqualTo(2));
            Assert.That(list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()), Is.EqualTo(new[] { good }));
            var error = list.GetProperty("rowErrors").EnumerateArray().Single();
            Assert.That(error.GetProperty("id").GetString(), Is.EqualTo(bad.ToString()));
            Assert.That(error.GetProperty("field").GetString(), Is.EqualTo("intakeChannel"));
        });
        var problem = await HttpAssert.Problem(await admin.GetAsync($"/api/v1/complaints/{bad}"), 500);
        Assert.That(problem.GetProperty("field").GetString(), Is.EqualTo("intakeChannel"));
    }

    [Test]
    public async Task Intake_ControlCharacters_Refused_LineBreaksAllowedInDescription()
    {
        using var factory = new ApiFactory(time: new FakeTimeProvider(Now));
        using var admin = factory.Admin();
        await HttpAssert.FieldError(await admin.PostAsJsonAsync("/api/v1/complaints", ComplaintsApi.Body(Now, b => b["description"] = "fee\u0000charged")), "description");
        await HttpAssert.FieldError(await admin.PostAsJsonAsync("/api/v1/complaints", ComplaintsApi.Body(Now, b => b["productName"] = "Gold\tCard")), "productName");
        Assert.That(await CountAsync(admin), Is.Zero);
        var filed = await ComplaintsApi.FileAsync(admin, ComplaintsApi.Body(Now, b => b["description"] = "line one\r\nline two\tindented"));
        Assert.That(filed.GetProperty("description").GetString(), Is.EqualTo("line one\r\nline two\tindented"));
    }

    [Test]
    public async Task Intake_DuplicateMember_Is400()
    {
        using var factory = new ApiFactory(time: new FakeTimeProvider(Now));
        using var admin = factory.Admin();
        var json = JsonSerializer.Serialize(ComplaintsApi.Body(Now)).TrimEnd('}') + ",\"branchId\":\"BJ007\"}";
        await HttpAssert.FieldError(await admin.PostAsync("/api/v1/complaints", HttpAssert.Json(json)), "branchId");
        Assert.That(await CountAsync(admin), Is.Zero);
    }

    [Test]
    public async Task Transition_IfMatchStar_IsRefused_TheRealVersionWorks()
    {
        using var factory = new ApiFactory(time: new FakeTimeProvider(Now));
        using var admin = factory.Admin();
        using var filedResponse = await admin.PostAsJsonAsync("/api/v1/complaints", ComplaintsApi.Body(Now));
        Assert.That(filedResponse.Headers.ETag?.Tag, Is.EqualTo("\"1\""), "the 201 carries the ETag");
        var id = (await filedResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var star = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/complaints/{id}/withdraw") { Content = JsonContent.Create(new { reason = "x" }) };
        star.Headers.TryAddWithoutValidation("If-Match", "*");
        await HttpAssert.Problem(await admin.SendAsync(star), 412);
        Assert.That((await ComplaintsApi.ActAsync(admin, id, "withdraw", 1, new { reason = "x" })).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}
