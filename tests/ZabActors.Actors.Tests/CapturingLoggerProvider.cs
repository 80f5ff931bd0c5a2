using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ZabActors.Actors.Tests;

/// <summary>Keeps every log entry (level, category, message, scopes) for assertions.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ConcurrentQueue<Entry> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    public ILoggerFactory CreateFactory()
    {
        var factory = new LoggerFactory();
        factory.AddProvider(this);
        return factory;
    }

    internal sealed record Entry(LogLevel Level, string Category, string Message, IReadOnlyList<string> Scopes, Exception? Exception);

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scopes = new List<string>();
            owner._scopes.ForEachScope((scope, list) => list.Add(scope?.ToString() ?? ""), scopes);
            owner.Entries.Enqueue(new Entry(logLevel, category, formatter(state, exception), scopes, exception));
        }
    }
}
