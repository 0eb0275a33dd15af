using System.Text.Json;
using ConsumerProtection.Complaints.Tests.Infrastructure;
using ConsumerProtection.Host.Tests.Infrastructure;
using ConsumerProtection.Modules.Complaints.Regulator;
using ConsumerProtection.Shared.Security;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace ConsumerProtection.Complaints.Tests.Regulator;

/// <summary>The host on a temp SQLite folder, wired to a WireMock regulator gateway with short timeouts and backoffs.</summary>
internal sealed partial class RegulatorHarness : IDisposable
{
    public const string ApiKey = "reg-gateway-secret";
    public const string Branch = "REG01";

    public RegulatorHarness(Dictionary<string, string?>? overrides = null)
    {
        Gateway = WireMockServer.Start();
        var settings = new Dictionary<string, string?>
        {
            ["Complaints:Regulator:Enabled"] = "true",
            ["Complaints:Regulator:BaseUrl"] = Gateway.Url,
            ["Complaints:Regulator:ApiKey"] = ApiKey,
            ["Complaints:Regulator:BranchId"] = Branch,
            // Generous per attempt, so a cold first request never times out by accident (the timeout test lowers it).
            ["Complaints:Regulator:AttemptTimeoutSeconds"] = "2",
            ["Complaints:Regulator:TotalTimeoutSeconds"] = "5",
            ["Complaints:Regulator:RetryCount"] = "2",
            ["Complaints:Regulator:RetryBaseDelaySeconds"] = "0.01",
            // High enough that only the breaker test (which lowers it) ever opens the breaker.
            ["Complaints:Regulator:BreakerMinimumThroughput"] = "100",
            ["Complaints:Regulator:BreakerSamplingSeconds"] = "10",
            ["Complaints:Regulator:BreakerBreakSeconds"] = "1",
            ["Complaints:Regulator:OutboxBackoffBaseSeconds"] = "0.05",
            ["Complaints:Regulator:OutboxBackoffMaxSeconds"] = "0.2",
        };
        foreach (var (k, v) in overrides ?? [])
        {
            settings[k] = v;
        }

        Api = new ApiFactory(settings);
        WarmUp();
    }

    // WireMock's first request is slow (JIT); pay that before any attempt timeout is running.
    private void WarmUp()
    {
        Gateway.Given(Request.Create().WithPath("/warm-up")).RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(new { ok = true }));
        using var http = new HttpClient();
        http.GetStringAsync(new Uri(Gateway.Url + "/warm-up")).GetAwaiter().GetResult();
        Gateway.ResetMappings();
        Gateway.ResetLogEntries();
    }

    public WireMockServer Gateway { get; }
    public ApiFactory Api { get; }
    public RegulatorPullJob Pull => Api.Services.GetRequiredService<RegulatorPullJob>();
    public RegulatorOutboxJob Outbox => Api.Services.GetRequiredService<RegulatorOutboxJob>();

    public static DateTimeOffset Now => TimeProvider.System.GetUtcNow();

    /// <summary>A valid transfer as the regulator sends it; change fields with <paramref name="change"/>.</summary>
    public static Dictionary<string, object?> Transfer(string caseId, Action<Dictionary<string, object?>>? change = null)
    {
        var t = new Dictionary<string, object?>
        {
            ["caseId"] = caseId,
            ["receivedAt"] = Now.AddHours(-3),
            ["consumer"] = new { name = "李娜", phone = "+86 139 0000 " + (Math.Abs(caseId.GetHashCode(StringComparison.Ordinal)) % 10000).ToString("D4", null) },
            ["businessChannel"] = "A33",
            ["businessType"] = "B02",
            ["reason"] = "C12",
            ["productCode"] = "LOAN-" + caseId,
            ["productName"] = "个人消费贷",
            ["description"] = "催收电话过于频繁（12378转办）",
            ["amountInDispute"] = 1200.00m,
            ["regulatorNote"] = "fields we do not know are skipped",
        };
        change?.Invoke(t);
        return t;
    }

    /// <summary>GET /transfers answers one page with <paramref name="items"/> (for any cursor).</summary>
    public void ServeTransfers(string nextCursor, params object[] items) =>
        Gateway.Given(Request.Create().WithPath("/transfers").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(new { items, nextCursor, hasMore = false }));

    /// <summary>POST results answers <paramref name="status"/>.</summary>
    public void AnswerResults(int status) =>
        Gateway.Given(Request.Create().WithPath("/transfers/*/results").UsingPost()).RespondWith(Response.Create().WithStatusCode(status));

    public List<ILogEntry> Requests(string method, string pathPrefix) =>
        Gateway.LogEntries.Where(e => e.RequestMessage!.Method == method && e.RequestMessage!.Path.StartsWith(pathPrefix, StringComparison.Ordinal)).ToList();

    /// <summary>Result bodies the regulator accepted (2xx or 409), in arrival order.</summary>
    public List<JsonElement> AcceptedResults() =>
        Requests("POST", "/transfers/")
            .Where(e => Convert.ToInt32(e.ResponseMessage!.StatusCode, null) is >= 200 and < 300 or 409)
            .Select(e => JsonDocument.Parse(e.RequestMessage!.Body!).RootElement)
            .ToList();

    public async Task<T> QueryAsync<T>(string sql, object? args = null)
    {
        using var db = Api.OpenFile("complaints");
        return await db.QuerySingleAsync<T>(sql, args);
    }

    public async Task<List<T>> ListAsync<T>(string sql, object? args = null)
    {
        using var db = Api.OpenFile("complaints");
        return (await db.QueryAsync<T>(sql, args)).ToList();
    }

    public Task<long> ComplaintsForCaseAsync(string caseId) =>
        QueryAsync<long>("SELECT COUNT(*) FROM complaint WHERE regulator_case_id = @caseId", new { caseId });

    public Task<string> ComplaintIdAsync(string caseId) =>
        QueryAsync<string>("SELECT id FROM complaint WHERE regulator_case_id = @caseId", new { caseId });

    public async Task<HttpClient> SupervisorAsync() => (await ComplaintsApi.ClientAsync(Api, [Role.ComplaintSupervisor])).Client;

    public void Dispose()
    {
        Api.Dispose();
        Gateway.Stop();
        Gateway.Dispose();
    }
}
