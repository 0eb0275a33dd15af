using System.Net.Http.Json;
using System.Text;
using ConsumerProtection.Host.Tests.Infrastructure;
using ConsumerProtection.Shared.Security;
using static ConsumerProtection.Training.Tests.Infrastructure.TrainingApi;

namespace ConsumerProtection.Training.Tests.Staff;

/// <summary>The staff registry: CRUD, scope, names shown only where allowed and logged, names sealed at rest.</summary>
public sealed class StaffEndpointTests
{
    [Test]
    public async Task Create_Read_Update_NamesSealedLoggedAndNeverAudited()
    {
        using var api = new ApiFactory();
        using var admin = await As(api, Role.TrainingAdmin);
        var created = await Json(await Post(admin, "/staff", StaffBody("E1001", name: "王小明", position: "ComplaintHandler")), 201);
        Assert.That(created.GetProperty("name").GetString(), Is.EqualTo("王小明"));

        var read = await admin.GetAsync($"{Base}/staff/E1001");
        var body = await Json(read);
        Assert.Multiple(() =>
        {
            Assert.That(body.GetProperty("name").GetString(), Is.EqualTo("王小明"));
            Assert.That(body.GetProperty("roleCategory").GetString(), Is.EqualTo("FrontLine"));
            Assert.That(read.Headers.ETag?.Tag, Is.EqualTo("\"1\""));
        });

        // Stale and missing If-Match.
        var change = StaffBody("E1001", name: "王晓明", category: "MiddleManagement");
        var noMatch = await admin.PutAsJsonAsync($"{Base}/staff/E1001", change);
        await HttpAssert.Problem(noMatch, 428);
        var stale = new HttpRequestMessage(HttpMethod.Put, $"{Base}/staff/E1001") { Content = JsonContent.Create(change) };
        stale.Headers.IfMatch.ParseAdd("\"7\"");
        await HttpAssert.Problem(await admin.SendAsync(stale), 412);
        var ok = new HttpRequestMessage(HttpMethod.Put, $"{Base}/staff/E1001") { Content = JsonContent.Create(change) };
        ok.Headers.IfMatch.ParseAdd("\"1\"");
        var updated = await Json(await admin.SendAsync(ok));
        Assert.That(updated.GetProperty("version").GetInt64(), Is.EqualTo(2));

        var stored = Column(api, "training", "SELECT name FROM staff");
        var audit = string.Join("\n", Column(api, "training", "SELECT action || ' ' || COALESCE(before_json,'') || ' ' || COALESCE(after_json,'') FROM audit_log"));
        var logged = Column(api, "piaccess", "SELECT source_system FROM access_event");
        Assert.Multiple(() =>
        {
            Assert.That(stored.Single(), Does.StartWith("enc:v1:"));
            Assert.That(audit, Does.Contain("staff.created").And.Contain("staff.changed"));
            Assert.That(audit, Does.Not.Contain("王"));
            Assert.That(logged, Has.Exactly(1).EqualTo("consumer-protection/training"));
        });
        var raw = File.ReadAllBytes(Path.Combine(api.DataDirectory, "training.db"));
        Assert.That(Encoding.UTF8.GetString(raw), Does.Not.Contain("王晓明"));
    }

    [Test]
    public async Task Scope_BranchManagerSeesOwnBranchWithNames_AuditorWithoutNames_OthersForbidden()
    {
        using var api = new ApiFactory();
        using var admin = await As(api, Role.TrainingAdmin);
        await Json(await Post(admin, "/staff", StaffBody("E1", branch: "B001")), 201);
        await Json(await Post(admin, "/staff", StaffBody("E2", branch: "B002")), 201);
        using var own = await As(api, Role.BranchManager, "B001");
        using var auditor = await As(api, Role.Auditor);
        using var teller = await As(api, Role.Teller, "B001");

        Assert.That((await Json(await own.GetAsync($"{Base}/staff/E1"))).GetProperty("name").GetString(), Is.EqualTo("张三"));
        await HttpAssert.Problem(await own.GetAsync($"{Base}/staff/E2"), 404);
        var list = await Json(await own.GetAsync($"{Base}/staff"));
        Assert.That(list.GetProperty("total").GetInt64(), Is.EqualTo(1));
        Assert.That((await Json(await auditor.GetAsync($"{Base}/staff/E2"))).GetProperty("name").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
        Assert.That((int)(await teller.GetAsync($"{Base}/staff/E1")).StatusCode, Is.EqualTo(403));
        Assert.That((int)(await own.PostAsJsonAsync($"{Base}/staff", StaffBody("E3"))).StatusCode, Is.EqualTo(403));
        Assert.That(Column(api, "piaccess", "SELECT source_system FROM access_event"), Has.Count.EqualTo(1), "only the name read is logged");
    }

    [TestCase("hireDate", """{"staffId":"E9","name":"A","branchId":"B1","roleCategory":"FrontLine"}""")]
    [TestCase("roleCategory", """{"staffId":"E9","name":"A","branchId":"B1","roleCategory":"FrontLine,BackOffice","hireDate":"2020-01-01"}""")]
    [TestCase("roleCategory", """{"staffId":"E9","name":"A","branchId":"B1","roleCategory":2,"hireDate":"2020-01-01"}""")]
    [TestCase("branchId", """{"staffId":"E9","name":"A","branchId":"B 1","roleCategory":"FrontLine","hireDate":"2020-01-01"}""")]
    [TestCase("staffId", """{"staffId":"E/9","name":"A","branchId":"B1","roleCategory":"FrontLine","hireDate":"2020-01-01"}""")]
    [TestCase("name", """{"staffId":"E9","name":" ","branchId":"B1","roleCategory":"FrontLine","hireDate":"2020-01-01"}""")]
    [TestCase("leaveDate", """{"staffId":"E9","name":"A","branchId":"B1","roleCategory":"FrontLine","hireDate":"2020-01-01","leaveDate":"2019-12-31"}""")]
    public async Task Create_BadInput_400NamesFieldAndStoresNothing(string field, string json)
    {
        using var api = new ApiFactory();
        using var admin = await As(api, Role.TrainingAdmin);
        var response = await admin.PostAsync($"{Base}/staff", HttpAssert.Json(json));
        var problem = await HttpAssert.Problem(response, 400);
        Assert.That(problem.GetRawText(), Does.Contain(field));
        Assert.That(Column(api, "training", "SELECT COUNT(*) FROM staff").Single(), Is.EqualTo("0"));
    }

    [Test]
    public async Task Create_Duplicate_409()
    {
        using var api = new ApiFactory();
        using var admin = await As(api, Role.TrainingAdmin);
        await Json(await Post(admin, "/staff", StaffBody("E1")), 201);
        await HttpAssert.Problem(await Post(admin, "/staff", StaffBody("E1", name: "李四")), 409);
    }
}
