using System.Collections;
using Microsoft.Extensions.Logging;

namespace ZabActors.Actors;

/// <summary>
/// The logger an actor gets: every entry is written inside a scope carrying the actor's path, so
/// providers that include scopes show which actor logged it.
/// </summary>
internal sealed class ActorLogger : ILogger
{
    private readonly ILogger _inner;
    private readonly ActorScope _scope;

    public ActorLogger(ILogger inner, ActorPath path)
    {
        _inner = inner;
        _scope = new ActorScope(path);
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => _inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => _inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!_inner.IsEnabled(logLevel)) return;
        using var scope = _inner.BeginScope(_scope);
        _inner.Log(logLevel, eventId, state, exception, formatter);
    }
}

/// <summary>A logging scope with one property, <c>ActorPath</c>.</summary>
internal sealed class ActorScope : IReadOnlyList<KeyValuePair<string, object>>
{
    private readonly ActorPath _path;

    public ActorScope(ActorPath path) => _path = path;

    public int Count => 1;

    public KeyValuePair<string, object> this[int index] =>
        index == 0 ? new KeyValuePair<string, object>("ActorPath", _path.ToString()) : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<KeyValuePair<string, object>> GetEnumerator()
    {
        yield return this[0];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"ActorPath:{_path}";
}

/// <summary>Logging helpers in Akka's style.</summary>
public static class ActorLoggingExtensions
{
    /// <summary>The logger of the actor owning <paramref name="context"/>, scoped with its path.</summary>
    public static ILogger GetLogger(this IActorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context is ActorCell cell
            ? cell.Log
            : context.System.LoggerFactory.CreateLogger("ZabActors.Actors.Actor");
    }
}
