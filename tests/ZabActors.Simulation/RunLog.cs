using Microsoft.Extensions.Logging;
using ZabActors.Actors;
using ZabActors.Simulation.Checkers;

namespace ZabActors.Simulation;

/// <summary>
/// The run's log: actor-system log lines of every peer incarnation, stamped with virtual time, printed
/// when verbose; and the failures of actors of live incarnations (an exception escaping a peer's actor
/// is a crash-class failure of the run). Lines of crashed incarnations are kept apart: a dying process
/// may trip over its fenced disk and network.
/// </summary>
public sealed class RunLog(DeterministicRuntime runtime, TextWriter? verbose)
{
    private readonly List<string> actorFailures = [];

    /// <summary>Exceptions logged by actors of live incarnations, in order.</summary>
    public IReadOnlyList<string> ActorFailures => actorFailures;

    public TextWriter? Verbose => verbose;

    public ILoggerFactory ForPeer(long sid, int incarnation, Func<bool> alive) => new PeerLoggerFactory(this, $"{sid}#{incarnation}", alive);

    public void Trace(HistoryEvent evt)
    {
        verbose?.WriteLine($"{TraceTime.Format(runtime.Elapsed)} {evt.Describe()}");
    }

    private void Write(string peer, bool alive, string category, LogLevel level, string message, Exception? exception)
    {
        if (alive && exception is not null && level >= LogLevel.Error)
        {
            actorFailures.Add($"peer {peer} at {runtime.Elapsed.TotalMilliseconds:0}ms: {message}: {exception.GetType().Name}: {exception.Message}");
        }
        if (verbose is null || level < LogLevel.Information) return;
        var dead = alive ? "" : " (crashed)";
        verbose.WriteLine($"{TraceTime.Format(runtime.Elapsed)} log {peer}{dead} {level} {category}: {message}{(exception is null ? "" : $" [{exception.GetType().Name}: {exception.Message}]")}");
    }

    /// <summary>The logger factory of one peer incarnation.</summary>
    private sealed class PeerLoggerFactory(RunLog log, string peer, Func<bool> alive) : ILoggerFactory
    {
        public ILogger CreateLogger(string categoryName) => new PeerLogger(log, peer, categoryName, alive);

        public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException("the simulation's loggers take no providers");

        public void Dispose()
        {
        }
    }

    /// <summary>One category's logger of one peer incarnation.</summary>
    private sealed class PeerLogger(RunLog log, string peer, string category, Func<bool> alive) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error || (log.Verbose is not null && logLevel >= LogLevel.Information);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            log.Write(peer, alive(), category, logLevel, formatter(state, exception), exception);
        }
    }
}
