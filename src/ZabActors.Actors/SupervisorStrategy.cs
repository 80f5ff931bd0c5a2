using Microsoft.Extensions.Logging;

namespace ZabActors.Actors;

/// <summary>
/// How a parent handles a failing child: a decider maps the exception to a <see cref="Directive"/>,
/// restarts are limited to <c>maxNrOfRetries</c> within <c>withinTimeRange</c> (exceeding the limit
/// stops the child), and every decision is logged with the child's path.
/// </summary>
public abstract class SupervisorStrategy
{
    /// <summary>
    /// Akka's default decider: Stop for <see cref="ActorInitializationException"/>,
    /// <see cref="ActorKilledException"/> and <see cref="DeathPactException"/>, Restart for the rest.
    /// </summary>
    public static readonly Func<Exception, Directive> DefaultDecider = e => e switch
    {
        ActorInitializationException => Directive.Stop,
        ActorKilledException => Directive.Stop,
        DeathPactException => Directive.Stop,
        _ => Directive.Restart,
    };

    /// <summary>One-for-one, default decider, unlimited restarts: what an actor uses unless it overrides <c>SupervisorStrategy()</c>.</summary>
    public static readonly SupervisorStrategy DefaultStrategy = new OneForOneStrategy(DefaultDecider);

    /// <summary>Stops any failing child; the user guardian uses it for top-level actors.</summary>
    public static readonly SupervisorStrategy StoppingStrategy = new OneForOneStrategy(_ => Directive.Stop);

    protected SupervisorStrategy(int maxNrOfRetries, TimeSpan? withinTimeRange, Func<Exception, Directive> decider, bool loggingEnabled)
    {
        ArgumentNullException.ThrowIfNull(decider);
        MaxNumberOfRetries = maxNrOfRetries;
        WithinTimeRange = withinTimeRange is { } w && w > TimeSpan.Zero && w != Timeout.InfiniteTimeSpan ? w : null;
        Decider = decider;
        LoggingEnabled = loggingEnabled;
    }

    /// <summary>Restarts allowed (in the window, if any); negative means unlimited.</summary>
    public int MaxNumberOfRetries { get; }

    /// <summary>The window restarts are counted in; null means forever.</summary>
    public TimeSpan? WithinTimeRange { get; }

    public Func<Exception, Directive> Decider { get; }

    public bool LoggingEnabled { get; }

    /// <summary>Applies Restart (<paramref name="restart"/> true) or Stop to the failed child, and to its siblings if the strategy says so.</summary>
    protected abstract void ProcessFailure(IActorContext context, bool restart, ChildRestartStats failed, Exception cause, IReadOnlyList<ChildRestartStats> children);

    /// <summary>Returns false to escalate.</summary>
    internal bool HandleFailure(ActorCell cell, ChildRestartStats failed, Exception cause, IReadOnlyList<ChildRestartStats> children)
    {
        var directive = Decider(cause);
        if (LoggingEnabled) LogFailure(cell, failed.Child, cause, directive);
        switch (directive)
        {
            case Directive.Resume:
                failed.Child.SendSystemMessage(new Resume(cause));
                return true;
            case Directive.Restart:
                ProcessFailure(cell, true, failed, cause, children);
                return true;
            case Directive.Stop:
                ProcessFailure(cell, false, failed, cause, children);
                return true;
            default:
                return false;
        }
    }

    protected static void RestartChild(IActorRef child, Exception cause) =>
        ((IInternalActorRef)child).SendSystemMessage(new Recreate(cause));

    /// <summary>Asks for one more restart of <paramref name="stats"/>'s child within the limits, measured on the system's (possibly virtual) clock.</summary>
    protected bool RequestRestartPermission(IActorContext context, ChildRestartStats stats) =>
        stats.RequestRestartPermission(MaxNumberOfRetries, WithinTimeRange, context.System.Scheduler.MonotonicClock);

    private static void LogFailure(ActorCell cell, IActorRef child, Exception cause, Directive directive)
    {
        var log = cell.System.SupervisionLog;
        using var scope = log.BeginScope(new ActorScope(child.Path));
        if (directive == Directive.Resume)
            log.LogWarning(cause, "{ActorPath} failed; {Directive} (supervisor {Supervisor})", child.Path, directive, cell.Self.Path);
        else
            log.LogError(cause, "{ActorPath} failed; {Directive} (supervisor {Supervisor})", child.Path, directive, cell.Self.Path);
    }
}

/// <summary>Applies the directive to the failed child only.</summary>
public sealed class OneForOneStrategy : SupervisorStrategy
{
    public OneForOneStrategy(int maxNrOfRetries, TimeSpan withinTimeRange, Func<Exception, Directive> decider, bool loggingEnabled = true)
        : base(maxNrOfRetries, withinTimeRange, decider, loggingEnabled)
    {
    }

    public OneForOneStrategy(Func<Exception, Directive> decider) : base(-1, null, decider, true)
    {
    }

    protected override void ProcessFailure(IActorContext context, bool restart, ChildRestartStats failed, Exception cause, IReadOnlyList<ChildRestartStats> children)
    {
        if (restart && RequestRestartPermission(context, failed)) RestartChild(failed.Child, cause);
        else context.Stop(failed.Child);
    }
}

/// <summary>Applies the directive to all children of the supervisor when one of them fails.</summary>
public sealed class AllForOneStrategy : SupervisorStrategy
{
    public AllForOneStrategy(int maxNrOfRetries, TimeSpan withinTimeRange, Func<Exception, Directive> decider, bool loggingEnabled = true)
        : base(maxNrOfRetries, withinTimeRange, decider, loggingEnabled)
    {
    }

    public AllForOneStrategy(Func<Exception, Directive> decider) : base(-1, null, decider, true)
    {
    }

    protected override void ProcessFailure(IActorContext context, bool restart, ChildRestartStats failed, Exception cause, IReadOnlyList<ChildRestartStats> children)
    {
        bool allowed = restart;
        foreach (var stats in children)
        {
            if (allowed && !RequestRestartPermission(context, stats)) allowed = false;
        }
        foreach (var stats in children)
        {
            if (allowed) RestartChild(stats.Child, cause);
            else context.Stop(stats.Child);
        }
    }
}
