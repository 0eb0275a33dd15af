using ConsumerProtection.Shared.Http.Workflow;
using Microsoft.AspNetCore.Http;

namespace ConsumerProtection.Shared.Tests.Http.Workflow;

public sealed class StateMachineTests
{
    public enum Light { Red, Amber, Green, Broken }

    public enum Turn { Stop, Ready, Go, Report }

    // Written out of enum order on purpose: callers always see the enum's order.
    private static readonly StateMachine<Light, Turn> Lights = new("signal",
        new Dictionary<Light, Turn[]>
        {
            [Light.Red] = [Turn.Report, Turn.Ready],
            [Light.Amber] = [Turn.Go, Turn.Stop],
            [Light.Green] = [Turn.Stop, Turn.Report],
        },
        new Dictionary<Turn, Light> { [Turn.Stop] = Light.Red, [Turn.Ready] = Light.Amber, [Turn.Go] = Light.Green });

    [Test]
    public void AllowedActions_AreInTheActionEnumsOrder_AndEmptyForAStateNotInTheTable()
    {
        Assert.That(Lights.AllowedActions(Light.Red), Is.EqualTo(new[] { Turn.Ready, Turn.Report }));
        Assert.That(Lights.AllowedActions(Light.Amber), Is.EqualTo(new[] { Turn.Stop, Turn.Go }));
        Assert.That(Lights.AllowedActions(Light.Broken), Is.Empty);
        Assert.That(Lights.Allows(Light.Broken, Turn.Stop), Is.False);
        Assert.That(Lights.Allows(Light.Green, Turn.Go), Is.False);
        Assert.That(Lights.Allows(Light.Green, Turn.Stop), Is.True);
    }

    [Test]
    public void Next_FollowsTheTarget_AndAnOverlayKeepsTheState()
    {
        Assert.That(Lights.Next(Light.Amber, Turn.Go), Is.EqualTo(Light.Green));
        Assert.That(Lights.Next(Light.Green, Turn.Report), Is.EqualTo(Light.Green));
        Assert.That(Lights.Steps(), Does.Contain((Light.Red, Turn.Report, Light.Red)));
        Assert.That(Lights.Steps().Count(), Is.EqualTo(6));
    }

    [Test]
    public void FromActions_GivesTheSameTableAsPerState()
    {
        var byAction = StateMachine<Light, Turn>.FromActions("signal", new Dictionary<Turn, Light[]>
        {
            [Turn.Stop] = [Light.Amber, Light.Green],
            [Turn.Ready] = [Light.Red],
            [Turn.Go] = [Light.Amber],
            [Turn.Report] = [Light.Green, Light.Red],
        });
        foreach (var state in Enum.GetValues<Light>())
        {
            Assert.That(byAction.AllowedActions(state), Is.EqualTo(Lights.AllowedActions(state)), state.ToString());
        }
    }

    [Test]
    public void Check_AllowedIsNull_OtherwiseA409NamingStateAndAllowedActions()
    {
        Assert.That(Lights.Check(Light.Red, Turn.Ready), Is.Null);
        var problem = Lights.Check(Light.Red, Turn.Go)!.ProblemDetails;
        Assert.Multiple(() =>
        {
            Assert.That(problem.Status, Is.EqualTo(StatusCodes.Status409Conflict));
            Assert.That(problem.Title, Is.EqualTo("The change conflicts with the record's state."));
            Assert.That(problem.Detail, Is.EqualTo("A signal in state Red cannot take action Go."));
            Assert.That(problem.Extensions["currentStatus"], Is.EqualTo("Red"));
            Assert.That(problem.Extensions["allowedActions"], Is.EqualTo(new[] { "Ready", "Report" }));
        });
    }

    [Test]
    public void ActionNamesAndStateWord_AreTheCallersToChoose()
    {
        var kebab = new StateMachine<Light, Turn>("signal", new Dictionary<Light, Turn[]> { [Light.Red] = [Turn.Ready, Turn.Report] },
            actionName: a => a.ToString().ToLowerInvariant() + "-now", stateWord: "status");
        var problem = kebab.NotAllowed(Light.Red, Turn.Go).ProblemDetails;
        Assert.That(problem.Detail, Is.EqualTo("A signal in status Red cannot take action go-now."));
        Assert.That(problem.Extensions["allowedActions"], Is.EqualTo(new[] { "ready-now", "report-now" }));
        Assert.That(kebab.AllowedActionNames(Light.Broken), Is.Empty);
    }
}
