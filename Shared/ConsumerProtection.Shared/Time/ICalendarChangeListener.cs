namespace ConsumerProtection.Shared.Time;

/// <summary>
/// Told in-process, after the change has committed, that calendar years changed (new versions in
/// <see cref="IWorkingCalendar"/>). Modules that store deadlines implement it (registered in DI as
/// <c>ICalendarChangeListener</c>) to re-stamp what they computed on those years. The call is best effort: a listener
/// must also catch up on its own (e.g. a periodic job comparing stored stamps with current versions), since the host
/// may stop between the commit and this call.
/// </summary>
public interface ICalendarChangeListener
{
    /// <summary>Reacts to changed <paramref name="years"/>; failures are logged, never undo the change.</summary>
    Task OnCalendarChangedAsync(IReadOnlyList<int> years, CancellationToken ct);
}
