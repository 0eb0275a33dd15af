using System.Data.Common;
using System.Text.Json;
using ConsumerProtection.Shared.Audit;
using ConsumerProtection.Shared.Data;
using ConsumerProtection.Shared.Http;
using ConsumerProtection.Shared.Operations;
using ConsumerProtection.Shared.Retention;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ConsumerProtection.Shared.Events;

/// <summary>A schema whose <c>integration_outbox</c> the dispatcher drains (<see cref="IntegrationEvents.AddIntegrationOutbox"/>).</summary>
public sealed record OutboxRegistration(string Schema);

/// <summary>One subscription (<see cref="IntegrationEvents.AddIntegrationEventHandler{TEvent, THandler}"/>): the handler named <paramref name="Handler"/> hears (type name, version).</summary>
public sealed record HandlerRegistration(
    string TypeName, int Version, Type EventType, string Handler, Func<IServiceProvider, object, CancellationToken, Task> Invoke);

/// <summary>Publishing integration events and registering outboxes and handlers (ADR 0006).</summary>
public static class IntegrationEvents
{
    /// <summary>
    /// Writes <paramref name="integrationEvent"/> to the outbox of <paramref name="db"/>'s schema inside the caller's
    /// transaction: it is delivered only if that transaction commits. The schema must be registered with
    /// <see cref="AddIntegrationOutbox"/> and migrated with the outbox tables.
    /// </summary>
    public static Task PublishAsync<TEvent>(IModuleDb db, DbConnection connection, DbTransaction tx, TEvent integrationEvent, CancellationToken ct)
        where TEvent : IIntegrationEvent =>
        connection.ExecuteAsync(new CommandDefinition(OutboxSql.For(db.Schema, db.Dialect).Insert, new
        {
            integrationEvent.EventId,
            TypeName = TEvent.TypeName,
            Version = TEvent.Version,
            integrationEvent.OccurredAt,
            Payload = JsonSerializer.Serialize(integrationEvent, JsonDefaults.Options),
        }, tx, cancellationToken: ct));

    /// <summary>
    /// Lets the dispatcher drain <paramref name="schema"/>'s outbox, operators watch it (<see cref="IOutboxProbe"/>) and
    /// retention dispose of its dispatched rows (record type <c>&lt;schema&gt;-integration-event</c>).
    /// </summary>
    public static IServiceCollection AddIntegrationOutbox(this IServiceCollection services, string schema)
    {
        services.AddSingleton(new OutboxRegistration(schema));
        services.AddSingleton<IOutboxProbe>(sp => new IntegrationOutboxProbe(sp.GetRequiredKeyedService<IModuleDb>(schema)));
        services.AddSingleton<IRetentionRecordSource>(sp =>
            new IntegrationEventRetention(sp.GetRequiredKeyedService<IModuleDb>(schema), sp.GetRequiredService<IAuditWriter>()));
        return services;
    }

    /// <summary>
    /// Subscribes <typeparamref name="THandler"/> (a singleton; registered here unless already registered) to
    /// <typeparamref name="TEvent"/>. Its delivery record is keyed by the handler's full type name: renaming the class
    /// redelivers what is still in an outbox, which an idempotent handler absorbs.
    /// </summary>
    public static IServiceCollection AddIntegrationEventHandler<TEvent, THandler>(this IServiceCollection services)
        where TEvent : IIntegrationEvent
        where THandler : class, IIntegrationEventHandler<TEvent>
    {
        services.TryAddSingleton<THandler>();
        services.AddSingleton(new HandlerRegistration(TEvent.TypeName, TEvent.Version, typeof(TEvent), typeof(THandler).FullName!,
            (sp, e, ct) => sp.GetRequiredService<THandler>().HandleAsync((TEvent)e, ct)));
        return services;
    }
}

/// <summary>A handler's record of the events it has already applied, in its own module's schema.</summary>
public static class IntegrationInbox
{
    /// <summary>
    /// Claims (<paramref name="handler"/>, <paramref name="eventId"/>) in <paramref name="db"/>'s
    /// <c>integration_inbox</c> inside the handler's transaction: true the first time, false for a redelivery, whose
    /// effect the handler then skips. Commits or rolls back with the handler's own change.
    /// </summary>
    public static async Task<bool> TryClaimAsync(
        IModuleDb db, DbConnection connection, DbTransaction tx, string handler, Guid eventId, DateTimeOffset now, CancellationToken ct) =>
        await connection.ExecuteAsync(new CommandDefinition(OutboxSql.For(db.Schema, db.Dialect).Claim,
            new { Handler = handler, EventId = eventId, Now = now }, tx, cancellationToken: ct)) == 1;
}

/// <summary>Pending count and age of one schema's integration outbox (<c>cp.outbox.depth</c>, <c>cp.outbox.age</c>).</summary>
internal sealed class IntegrationOutboxProbe(IModuleDb db) : IOutboxProbe
{
    public string Name => $"{db.Schema}.integration_outbox";

    public Task<OutboxState> ReadAsync(CancellationToken ct) => db.ReadAsync(async c =>
    {
        var row = await c.QuerySingleAsync<Row>(new CommandDefinition(OutboxSql.For(db.Schema, db.Dialect).Probe, cancellationToken: ct));
        return new OutboxState(row.Pending, row.Oldest);
    }, ct);

    private sealed class Row
    {
        public long Pending { get; init; }
        public DateTimeOffset? Oldest { get; init; }
    }
}
