using System.Data.Common;
using ConsumerProtection.Shared.Http;
using ConsumerProtection.Shared.Http.Workflow;
using ConsumerProtection.Shared.Tests.Data;
using Dapper;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ConsumerProtection.Shared.Tests.Http.Workflow;

/// <summary>The order of a guarded change's answers (400, 428, 404, 412, 409, refusal, ETag) and that a refusal keeps nothing.</summary>
internal sealed class GuardedChangeTests : KernelDbFixture
{
    public enum Door { Shut, Open, Locked }

    public enum Move { Open, Shut, Lock }

    private static readonly StateMachine<Door, Move> Doors = new("door",
        new Dictionary<Door, Move[]> { [Door.Shut] = [Move.Open, Move.Lock], [Door.Open] = [Move.Shut] },
        new Dictionary<Move, Door> { [Move.Open] = Door.Open, [Move.Shut] = Door.Shut, [Move.Lock] = Door.Locked });

    public sealed class DoorRow
    {
        public long Id { get; set; }
        public string State { get; set; } = "";
        public long Version { get; set; }
        public Door StateValue => Enum.Parse<Door>(State);
    }

    [SetUp]
    public async Task CreateDoor() =>
        await Kernel.Db.InTransactionAsync(async (c, tx) =>
        {
            await c.ExecuteAsync("CREATE TABLE [kernel].[door_probe] (id INTEGER PRIMARY KEY, state TEXT NOT NULL, version INTEGER NOT NULL)", transaction: tx);
            return await c.ExecuteAsync("INSERT INTO [kernel].[door_probe] (id, state, version) VALUES (1, 'Shut', 3)", transaction: tx);
        }, CancellationToken.None);

    private static DefaultHttpContext Request(string? ifMatch)
    {
        var http = new DefaultHttpContext();
        if (ifMatch is not null)
        {
            http.Request.Headers.IfMatch = ifMatch;
        }

        return http;
    }

    private Task<Results<Ok<string>, ValidationProblem, ProblemHttpResult>> Run(
        HttpContext http, long id, Move move, Validation? body = null, Func<DbConnection, DbTransaction, DoorRow, Task>? before = null,
        bool ifMatchAfterLoad = false) =>
        GuardedChange.RunAsync(http, Kernel.Db, body ?? new Validation(),
            new Guard<DoorRow>("door",
                (c, tx) => c.QuerySingleOrDefaultAsync<DoorRow>(new CommandDefinition("SELECT id, state, version FROM [kernel].[door_probe] WHERE id = @Id", new { Id = id }, tx)),
                r => r.Version, r => Doors.Check(r.StateValue, move)) { IfMatchAfterLoad = ifMatchAfterLoad },
            async (c, tx, row) =>
            {
                if (before is not null)
                {
                    await before(c, tx, row);
                }

                var changed = await c.ExecuteAsync(new CommandDefinition(
                    "UPDATE [kernel].[door_probe] SET state = @State, version = version + 1 WHERE id = @Id AND version = @Version",
                    new { State = Doors.Next(row.StateValue, move).ToString(), row.Id, row.Version }, tx));
                if (changed != 1)
                {
                    throw GuardedChange.Refuse(IfMatch.Overtaken(row.Version));
                }

                return new Applied<Ok<string>>(TypedResults.Ok(Doors.Next(row.StateValue, move).ToString()), row.Version + 1);
            }, CancellationToken.None);

    private (string State, long Version) Stored() =>
        ((string)Kernel.ScalarRaw("SELECT state FROM door_probe WHERE id = 1")!, (long)Kernel.ScalarRaw("SELECT version FROM door_probe WHERE id = 1")!);

    private static ProblemHttpResult Problem(Results<Ok<string>, ValidationProblem, ProblemHttpResult> result) =>
        result.Result as ProblemHttpResult ?? throw new AssertionException($"Expected a problem, got {result.Result}.");

    [Test]
    public async Task Allowed_AppliesAndAnswersTheNewETag()
    {
        var http = Request("\"3\"");
        var result = await Run(http, 1, Move.Open);
        Assert.That(result.Result, Is.InstanceOf<Ok<string>>());
        Assert.That(http.Response.Headers.ETag.ToString(), Is.EqualTo("\"4\""));
        Assert.That(Stored(), Is.EqualTo(("Open", 4L)));
    }

    [Test]
    public async Task InvalidBody_Is400_BeforeAnyOtherCheck()
    {
        var result = await Run(Request(null), 99, Move.Open, new Validation().Check(false, "note", "is required."));
        Assert.That(result.Result, Is.InstanceOf<ValidationProblem>());
    }

    [Test]
    public async Task NoIfMatch_Is428_EvenForAnUnknownRecord()
    {
        var problem = Problem(await Run(Request(null), 99, Move.Open)).ProblemDetails;
        Assert.That(problem.Status, Is.EqualTo(StatusCodes.Status428PreconditionRequired));
        Assert.That(problem.Detail, Does.Contain("last read of the door"));
    }

    [Test]
    public async Task IfMatchAfterLoad_UnknownRecordIs404_KnownWithoutIfMatchIs428()
    {
        Assert.That(Problem(await Run(Request(null), 99, Move.Open, ifMatchAfterLoad: true)).StatusCode, Is.EqualTo(StatusCodes.Status404NotFound));
        Assert.That(Problem(await Run(Request(null), 1, Move.Open, ifMatchAfterLoad: true)).StatusCode, Is.EqualTo(StatusCodes.Status428PreconditionRequired));
    }

    [Test]
    public async Task UnknownRecord_Is404()
    {
        var problem = Problem(await Run(Request("\"3\""), 99, Move.Open)).ProblemDetails;
        Assert.That(problem.Status, Is.EqualTo(StatusCodes.Status404NotFound));
        Assert.That(problem.Detail, Is.EqualTo("No door with that id is visible to you."));
    }

    [TestCase("\"2\"")]
    [TestCase("*")]
    [TestCase("W/\"3\"")]
    [TestCase("3")]
    [TestCase("\"3")]
    public async Task StaleOrMalformedIfMatch_Is412WithTheCurrentETag_AndBeforeTheStateCheck(string ifMatch)
    {
        // Shut is not allowed from Shut either: the version is checked first.
        var problem = Problem(await Run(Request(ifMatch), 1, Move.Shut)).ProblemDetails;
        Assert.That(problem.Status, Is.EqualTo(StatusCodes.Status412PreconditionFailed));
        Assert.That(problem.Extensions["currentETag"], Is.EqualTo("\"3\""));
        Assert.That(Stored(), Is.EqualTo(("Shut", 3L)));
    }

    [Test]
    public async Task OneOfSeveralIfMatchTags_Matches()
    {
        var result = await Run(Request("\"1\", \"3\""), 1, Move.Open);
        Assert.That(result.Result, Is.InstanceOf<Ok<string>>());
    }

    [Test]
    public async Task ActionNotAllowed_Is409WithAllowedActions_NothingWritten()
    {
        var http = Request("\"3\"");
        var problem = Problem(await Run(http, 1, Move.Shut)).ProblemDetails;
        Assert.Multiple(() =>
        {
            Assert.That(problem.Status, Is.EqualTo(StatusCodes.Status409Conflict));
            Assert.That(problem.Extensions["allowedActions"], Is.EqualTo(new[] { "Open", "Lock" }));
            Assert.That(problem.Extensions["currentStatus"], Is.EqualTo("Shut"));
            Assert.That(http.Response.Headers.ETag.Count, Is.Zero);
            Assert.That(Stored(), Is.EqualTo(("Shut", 3L)));
        });
    }

    [Test]
    public async Task OvertakenBetweenReadAndWrite_Is412NamingTheNewVersion()
    {
        var problem = Problem(await Run(Request("\"3\""), 1, Move.Open, before: (c, tx, _) =>
            c.ExecuteAsync("UPDATE [kernel].[door_probe] SET version = version + 1 WHERE id = 1", transaction: tx))).ProblemDetails;
        Assert.That(problem.Status, Is.EqualTo(StatusCodes.Status412PreconditionFailed));
        Assert.That(problem.Extensions["currentETag"], Is.EqualTo("\"4\""));
    }

    [Test]
    public async Task RefusalAfterAWrite_KeepsNothing()
    {
        var result = await Run(Request("\"3\""), 1, Move.Open, before: async (c, tx, _) =>
        {
            await c.ExecuteAsync("UPDATE [kernel].[door_probe] SET state = 'Locked' WHERE id = 1", transaction: tx);
            throw GuardedChange.Refuse(Problems.Conflict("Refused after a write."));
        });
        Assert.That(Problem(result).ProblemDetails.Detail, Is.EqualTo("Refused after a write."));
        Assert.That(Stored(), Is.EqualTo(("Shut", 3L)));
    }
}
