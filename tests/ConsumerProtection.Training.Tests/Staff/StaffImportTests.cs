using System.IO.Compression;
using System.Text.Json;
using ConsumerProtection.Host.Tests.Infrastructure;
using ConsumerProtection.Shared.Security;
using Microsoft.Extensions.Time.Testing;
using static ConsumerProtection.Training.Tests.Infrastructure.TrainingApi;

namespace ConsumerProtection.Training.Tests.Staff;

/// <summary>The HR roster import: encodings and formats, dry run, all-or-nothing, idempotent, deactivation.</summary>
public sealed class StaffImportTests
{
    private const string Header = "staffId,name,branchId,department,roleCategory,position,hireDate,leaveDate\r\n";

    private static ApiFactory Api() => new(time: new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 2, 0, 0, TimeSpan.Zero)));

    private static int Count(JsonElement report, string name) => report.GetProperty(name).GetInt32();

    [Test]
    public async Task Import_Utf8WithBom_AddsThenIsIdempotent_ThenChangesAndDeactivates()
    {
        using var api = Api();
        using var admin = await As(api, Role.TrainingAdmin);
        var csv = Header + "E1,张三,B001,零售部,FrontLine,柜员,2020-01-15,\r\nE2,\"Li, Si\",B001,,BackOffice,,2021/3/5,\r\nE3,王五,B002,,SeniorManagement,,2019-07-01,\r\n";
        var first = await Json(await Import(admin, Utf8(csv, bom: true)));
        Assert.Multiple(() =>
        {
            Assert.That(first.GetProperty("format").GetString(), Is.EqualTo("csv-utf8"));
            Assert.That(Count(first, "added"), Is.EqualTo(3));
            Assert.That(first.GetProperty("applied").GetBoolean(), Is.True);
        });
        var auditRows = Column(api, "training", "SELECT COUNT(*) FROM audit_log").Single();

        var again = await Json(await Import(admin, Utf8(csv, bom: true)));
        Assert.Multiple(() =>
        {
            Assert.That((Count(again, "added"), Count(again, "changed"), Count(again, "deactivated"), Count(again, "unchanged")), Is.EqualTo((0, 0, 0, 3)));
            Assert.That(Column(api, "training", "SELECT COUNT(*) FROM audit_log").Single(), Is.EqualTo(auditRows), "a re-import writes nothing");
            Assert.That(Column(api, "training", "SELECT MAX(version) FROM staff").Single(), Is.EqualTo("1"));
        });

        // E2's name changes, E3 leaves the roster, E4 joins.
        var next = Header + "E1,张三,B001,零售部,FrontLine,柜员,2020-01-15,\r\nE2,李四,B001,,BackOffice,,2021-03-05,\r\nE4,赵六,B002,,NewHire,,2026-05-20,\r\n";
        var third = await Json(await Import(admin, Utf8(next)));
        Assert.That((Count(third, "added"), Count(third, "changed"), Count(third, "deactivated"), Count(third, "unchanged")), Is.EqualTo((1, 1, 1, 1)));
        Assert.That(Column(api, "training", "SELECT staff_id || ':' || active || ':' || COALESCE(leave_date,'') FROM staff ORDER BY staff_id"),
            Is.EqualTo(new[] { "E1:1:", "E2:1:", "E3:0:2026-06-01", "E4:1:" }));
        var audit = string.Join("\n", Column(api, "training", "SELECT after_json FROM audit_log"));
        Assert.That(audit, Does.Contain("E3").And.Not.Contain("李四").And.Not.Contain("王五"));
    }

    [Test]
    public async Task Import_Gb18030WithChineseHeadings_IsDetected()
    {
        using var api = Api();
        using var admin = await As(api, Role.TrainingAdmin);
        var csv = "工号,姓名,机构,部门,人员类别,岗位,入职日期,离职日期\r\nE1,欧阳娜娜,B001,个人金融部,一线员工,理财经理,2022-02-01,\r\n";
        var report = await Json(await Import(admin, Gb18030(csv)));
        Assert.That(report.GetProperty("format").GetString(), Is.EqualTo("csv-gb18030"));
        Assert.That(Count(report, "added"), Is.EqualTo(1));
        Assert.That((await Json(await admin.GetAsync($"{Base}/staff/E1"))).GetProperty("name").GetString(), Is.EqualTo("欧阳娜娜"));
    }

    [Test]
    public async Task Import_Xlsx_WithDateSerialsAndSharedStrings()
    {
        using var api = Api();
        using var admin = await As(api, Role.TrainingAdmin);
        var file = Xlsx(
            ["工号", "姓名", "机构", "人员类别", "入职日期"],
            ["E1", "张三", "B001", "FrontLine", 43845.0], // 2020-01-15
            [null, null, null, null, null],
            ["E2", "李四", "B002", "BackOffice", "2021-03-05"]);
        var report = await Json(await Import(admin, file, mediaType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
        Assert.Multiple(() =>
        {
            Assert.That(report.GetProperty("format").GetString(), Is.EqualTo("xlsx"));
            Assert.That(Count(report, "added"), Is.EqualTo(2));
        });
        Assert.That(Column(api, "training", "SELECT hire_date FROM staff ORDER BY staff_id"), Is.EqualTo(new[] { "2020-01-15", "2021-03-05" }));
    }

    [Test]
    public async Task DryRun_ReportsEveryBadCellByLineAndColumn_AndChangesNothing()
    {
        using var api = Api();
        using var admin = await As(api, Role.TrainingAdmin);
        var csv = Header
            + "E1,张三,B001,,FrontLine,,2020-01-15,\r\n"         // line 2 fine
            + "E2,,B-01,,FrontLine,,2020-13-01,\r\n"             // line 3: name, branch, date
            + "\"E3\",\"多行\n备注\",B001,,Boss,,2020-01-01,\r\n"  // lines 4-5: category (record starts on line 4)
            + "E1,重复,B001,,FrontLine,,2020-01-15,2019-01-01\r\n"; // line 6: duplicate id, leave before hire
        var report = await Json(await Import(admin, Utf8(csv), dryRun: true));
        var errors = report.GetProperty("errors").EnumerateArray().Select(e => $"{e.GetProperty("line").GetInt32()}:{e.GetProperty("column").GetString()}").ToList();
        Assert.That(errors, Is.EquivalentTo(new[] { "3:name", "3:branchId", "3:hireDate", "4:name", "4:roleCategory", "6:staffId", "6:leaveDate" }));
        Assert.That(report.GetProperty("applied").GetBoolean(), Is.False);
        Assert.That(Column(api, "training", "SELECT COUNT(*) FROM staff").Single(), Is.EqualTo("0"));

        // The real run refuses the whole file, naming each cell.
        var problem = await HttpAssert.FieldError(await Import(admin, Utf8(csv)), "rows[3].hireDate");
        Assert.That(problem.GetProperty("errors").TryGetProperty("rows[6].staffId", out _), Is.True);
        Assert.That(Column(api, "training", "SELECT COUNT(*) FROM staff").Single(), Is.EqualTo("0"));
    }

    [Test]
    public async Task DryRun_OnValidFile_ReportsWhatWouldChange_WithoutWriting()
    {
        using var api = Api();
        using var admin = await As(api, Role.TrainingAdmin);
        var report = await Json(await Import(admin, Utf8(Header + "E1,张三,B001,,FrontLine,,2020-01-15,\r\n"), dryRun: true));
        Assert.That((Count(report, "added"), report.GetProperty("applied").GetBoolean()), Is.EqualTo((1, false)));
        Assert.That(Column(api, "training", "SELECT COUNT(*) FROM staff").Single(), Is.EqualTo("0"));
    }

    [TestCase("unknown-column", "staffId,name,branchId,roleCategory,hireDate,salary\r\n")]
    [TestCase("missing-columns", "staffId,name,branchId,roleCategory\r\n")]
    [TestCase("bad-csv", "staffId,name,branchId,roleCategory,hireDate\r\nE1,\"unterminated,B1,FrontLine,2020-01-01\r\n")]
    public async Task Import_BadFile_400WithCode(string code, string csv)
    {
        using var api = Api();
        using var admin = await As(api, Role.TrainingAdmin);
        var problem = await HttpAssert.FieldError(await Import(admin, Utf8(csv)), "file");
        Assert.That(problem.GetProperty("code").GetString(), Is.EqualTo(code));
    }

    [Test]
    public async Task Import_ZipBomb_413_AndLegacyXls_400()
    {
        using var api = new ApiFactory(settings: new() { ["Training:MaxUncompressedBytes"] = (40L * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture) });
        using var admin = await As(api, Role.TrainingAdmin);
        using var stream = new MemoryStream();
        stream.Write(Xlsx(["staffId"]));
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            zip.GetEntry("xl/sharedStrings.xml")!.Delete();
            using var entry = zip.CreateEntry("xl/sharedStrings.xml", CompressionLevel.SmallestSize).Open();
            entry.Write("<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>"u8);
            var block = new byte[1 << 20];
            Array.Fill(block, (byte)'a');
            for (var i = 0; i < 64; i++)
            {
                entry.Write(block);
            }
        }

        var bomb = await HttpAssert.Problem(await Import(admin, stream.ToArray()), 413);
        Assert.That(bomb.GetProperty("code").GetString(), Is.EqualTo("zip-bomb"));
        var xls = await HttpAssert.FieldError(await Import(admin, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]), "file");
        Assert.That(xls.GetProperty("code").GetString(), Is.EqualTo("unsupported-format"));
    }
}
