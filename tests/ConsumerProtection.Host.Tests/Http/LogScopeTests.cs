using System.Collections.Concurrent;
using ConsumerProtection.Host.Tests.Infrastructure;
using ConsumerProtection.Shared.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ConsumerProtection.Host.Tests.Http;

/// <summary>
/// No log line carries the raw request path: paths hold customer references (/pi-access/subjects/{ref}/report).
/// The provider below records every message and every scope value the host logs during a request.
/// </summary>
public sealed class LogScopeTests
{
    private sealed class RecordingProvider : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Recorder(this);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public void Dispose()
        {
        }

        private sealed class Recorder(RecordingProvider owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes.Push(state);

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var line = formatter(state, exception);
                owner._scopes.ForEachScope((scope, text) =>
                {
                    line += " | " + scope;
                    if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                    {
                        line += " " + string.Join(";", pairs.Select(p => p.Key + "=" + p.Value));
                    }
                }, line);
                owner.Lines.Enqueue(line);
            }
        }
    }

    [Test]
    public async Task RequestWithCustomerReferenceInPath_LogsRouteTemplateOnly()
    {
        var provider = new RecordingProvider();
        using var factory = new ApiFactory(new() { ["Logging:LogLevel:Default"] = "Information" },
            services: s => s.AddSingleton<ILoggerProvider>(provider));
        var (secret, _) = await factory.CreateKeyAsync([Role.PrivacyOfficer]);
        using var client = factory.WithKey(secret);
        using var response = await client.GetAsync("/api/v1/pi-access/subjects/CIF-SECRET-7731/report");
        var lines = provider.Lines.ToList();
        Assert.That(lines, Has.Some.Contains("/api/v1/pi-access/subjects/{customerReference}/report"), "the request line names the route template");
        Assert.That(lines.Where(l => l.Contains("CIF-SECRET-7731", StringComparison.Ordinal)), Is.Empty);
        Assert.That(lines.Where(l => l.Contains("RequestPath", StringComparison.Ordinal)), Is.Empty);
    }
}
