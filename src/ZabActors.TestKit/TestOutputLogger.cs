using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace ZabActors.TestKit;

/// <summary>Writes log entries (with their scopes, such as the actor path) to an xunit test's output.</summary>
public sealed class TestOutputLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly ITestOutputHelper _output;
    private readonly LogLevel _minimum;
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public TestOutputLoggerProvider(ITestOutputHelper output, LogLevel minimum = LogLevel.Debug)
    {
        _output = output;
        _minimum = minimum;
    }

    public ILogger CreateLogger(string categoryName) => new OutputLogger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    /// <summary>One category's logger: formats an entry with its scopes into one output line.</summary>
    private sealed class OutputLogger : ILogger
    {
        private readonly TestOutputLoggerProvider _provider;
        private readonly string _category;

        public OutputLogger(TestOutputLoggerProvider provider, string category)
        {
            _provider = provider;
            _category = category;
        }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => _provider._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel >= _provider._minimum && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            var scopes = new List<string>();
            _provider._scopes.ForEachScope((scope, list) => list.Add(scope?.ToString() ?? ""), scopes);
            var scopeText = scopes.Count == 0 ? "" : " [" + string.Join(" ", scopes) + "]";
            var line = $"{logLevel,-11} {_category}{scopeText}: {formatter(state, exception)}";
            if (exception is not null) line += Environment.NewLine + exception;
            try
            {
                _provider._output.WriteLine(line);
            }
            catch (InvalidOperationException)
            {
                // the test already finished; xunit refuses output then
            }
        }
    }
}
