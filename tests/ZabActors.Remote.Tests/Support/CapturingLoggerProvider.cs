using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace ZabActors.Remote.Tests.Support;

/// <summary>Keeps every log line of a test (for assertions such as "nothing unexpected was thrown") and echoes it to the test output.</summary>
public sealed class CapturingLoggerProvider(ITestOutputHelper? output = null, string prefix = "") : ILoggerProvider, ILoggerFactory
{
    private readonly ConcurrentQueue<(LogLevel Level, string Text)> _lines = new();

    public IReadOnlyList<(LogLevel Level, string Text)> Lines => _lines.ToArray();

    public IReadOnlyList<string> AtLeast(LogLevel level) => _lines.Where(l => l.Level >= level).Select(l => l.Text).ToArray();

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var text = formatter(state, exception) + (exception is null ? "" : $" [{exception.GetType().Name}: {exception.Message}]");
            owner._lines.Enqueue((logLevel, text));
            try
            {
                owner.OutputLine($"{logLevel}: {text}");
            }
            catch (InvalidOperationException)
            {
                // The test has finished; late background lines are of no interest.
            }
        }
    }

    private void OutputLine(string line) => output?.WriteLine(prefix + line);
}
