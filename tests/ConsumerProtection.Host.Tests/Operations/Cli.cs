using ConsumerProtection.Host.Cli;

namespace ConsumerProtection.Host.Tests.Operations;

/// <summary>Runs the host's command line in this process, capturing what it writes.</summary>
internal static class Cli
{
    public static async Task<(int Code, string Out, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await HostCommandLine.RunAsync([.. args, "--Logging:LogLevel:Default", "Warning"], output, error);
        return (code, output.ToString(), error.ToString());
    }

    public static string Data(string folder) => "--Storage:DataDirectory=" + folder;

    public static Dictionary<string, object?> Complaint() => new()
    {
        ["receivedAt"] = DateTimeOffset.UtcNow.AddHours(-1),
        ["intakeChannel"] = "Counter",
        ["branchId"] = "SH001",
        ["consumer"] = new Dictionary<string, object?> { ["name"] = "王芳", ["phone"] = "+86 138 0000 1111" },
        ["businessChannel"] = "A1",
        ["businessType"] = "B032",
        ["reason"] = "C11",
        ["productCode"] = "CC-GOLD",
        ["productName"] = "金卡信用卡",
        ["description"] = "年费收取未事先告知",
    };

    public static Dictionary<string, object?> AccessEvent(string customer) => new()
    {
        ["eventId"] = Guid.NewGuid(),
        ["occurredAt"] = DateTimeOffset.UtcNow.AddMinutes(-1),
        ["staffId"] = "staff-001",
        ["staffRole"] = "teller",
        ["staffBranch"] = "BR-001",
        ["staffDepartment"] = "retail",
        ["sourceSystem"] = "core-banking",
        ["customerReference"] = customer,
        ["categories"] = new[] { new Dictionary<string, object?> { ["name"] = "phone", ["tier"] = "C2" } },
        ["action"] = "View",
        ["purpose"] = "AccountServicing",
        ["legalBasis"] = "Contract",
        ["businessReference"] = "ACC-778",
        ["channel"] = "branch-counter",
        ["outcome"] = "Succeeded",
    };

    public static string TempFolder(string kind) => Path.Combine(Path.GetTempPath(), "cp-ops", kind + "-" + Guid.NewGuid().ToString("N"));
}
