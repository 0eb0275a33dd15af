using Microsoft.AspNetCore.Http.HttpResults;

namespace ConsumerProtection.Shared.Http.Workflow;

/// <summary>
/// A workflow's transition table: which actions each state allows, and the state an action leads to. The one
/// source for the state check of a guarded change (409 with <c>currentStatus</c> and <c>allowedActions</c>), for the
/// <c>allowedActions</c> a view shows, and for any table the API renders of the workflow.
/// </summary>
/// <remarks>
/// Allowed actions are always listed in the action enum's declared order, whatever order the table was written in,
/// so a caller sees the same list for the same state. A state missing from the table allows nothing; an action with no
/// target is an overlay (the state does not change).
/// </remarks>
public sealed class StateMachine<TState, TAction>
    where TState : struct, Enum
    where TAction : struct, Enum
{
    private readonly Dictionary<TState, TAction[]> _allowed;
    private readonly Dictionary<TAction, TState> _leadsTo;
    private readonly Func<TAction, string> _actionName;
    private readonly string _stateWord;

    /// <param name="noun">What the machine's records are called in problem texts ("complaint", "major event").</param>
    /// <param name="allowed">Per state, the actions it allows.</param>
    /// <param name="leadsTo">Per action, the state it leads to; an action not named is an overlay.</param>
    /// <param name="actionName">How an action is named to callers (default: its enum name).</param>
    /// <param name="stateWord">The word for the state in the 409 detail ("state"; the major-event register says "status").</param>
    public StateMachine(
        string noun, IReadOnlyDictionary<TState, TAction[]> allowed, IReadOnlyDictionary<TAction, TState>? leadsTo = null,
        Func<TAction, string>? actionName = null, string stateWord = "state")
    {
        Noun = noun;
        _allowed = allowed.ToDictionary(kv => kv.Key, kv => kv.Value.Distinct().Order().ToArray());
        _leadsTo = leadsTo?.ToDictionary(kv => kv.Key, kv => kv.Value) ?? [];
        _actionName = actionName ?? (a => a.ToString());
        _stateWord = stateWord;
    }

    /// <summary>Builds the table from the other side: per action, the states it is allowed from.</summary>
    public static StateMachine<TState, TAction> FromActions(
        string noun, IReadOnlyDictionary<TAction, TState[]> from, IReadOnlyDictionary<TAction, TState>? leadsTo = null,
        Func<TAction, string>? actionName = null, string stateWord = "state") =>
        new(noun,
            Enum.GetValues<TState>().ToDictionary(s => s, s => from.Where(kv => kv.Value.Contains(s)).Select(kv => kv.Key).ToArray()),
            leadsTo, actionName, stateWord);

    /// <summary>What the records are called in problem texts.</summary>
    public string Noun { get; }

    public bool Allows(TState state, TAction action) => _allowed.TryGetValue(state, out var actions) && actions.Contains(action);

    /// <summary>The actions <paramref name="state"/> allows, in the action enum's order.</summary>
    public IReadOnlyList<TAction> AllowedActions(TState state) => _allowed.TryGetValue(state, out var actions) ? actions : [];

    /// <summary>The allowed actions as callers see them named.</summary>
    public IReadOnlyList<string> AllowedActionNames(TState state) => AllowedActions(state).Select(_actionName).ToList();

    /// <summary>How <paramref name="action"/> is named to callers.</summary>
    public string NameOf(TAction action) => _actionName(action);

    /// <summary>The state after <paramref name="action"/>; unchanged for an overlay.</summary>
    public TState Next(TState state, TAction action) => _leadsTo.TryGetValue(action, out var to) ? to : state;

    /// <summary>Every allowed (state, action) and where it leads, in state then action order.</summary>
    public IEnumerable<(TState From, TAction Action, TState To)> Steps() =>
        from state in Enum.GetValues<TState>()
        from action in AllowedActions(state)
        select (state, action, Next(state, action));

    /// <summary>Null when <paramref name="state"/> allows <paramref name="action"/>; otherwise the 409 answer.</summary>
    public ProblemHttpResult? Check(TState state, TAction action) => Allows(state, action) ? null : NotAllowed(state, action);

    /// <summary>409: "A {noun} in state {state} cannot take action {action}." with <c>currentStatus</c> and <c>allowedActions</c>.</summary>
    public ProblemHttpResult NotAllowed(TState state, TAction action) =>
        Problems.Conflict($"A {Noun} in {_stateWord} {state} cannot take action {_actionName(action)}.", new Dictionary<string, object?>
        {
            ["currentStatus"] = state.ToString(),
            ["allowedActions"] = AllowedActionNames(state),
        });
}
