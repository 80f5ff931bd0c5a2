namespace ZabActors.Actors;

/// <summary>The lifecycle hooks of an actor and the supervision strategy it applies to its children.</summary>
public abstract partial class ActorBase
{
    /// <summary>Runs before the first message, after the constructor.</summary>
    protected virtual void PreStart()
    {
    }

    /// <summary>Runs once the actor and all its children have stopped.</summary>
    protected virtual void PostStop()
    {
    }

    /// <summary>
    /// Runs on the failed instance before a restart. The default stops all children and calls
    /// <see cref="PostStop"/>; children kept alive by an override are restarted too.
    /// </summary>
    protected virtual void PreRestart(Exception reason, object? message)
    {
        foreach (var child in Context.Children)
        {
            Context.Unwatch(child);
            Context.Stop(child);
        }
        PostStop();
    }

    /// <summary>Runs on the fresh instance after a restart; the default calls <see cref="PreStart"/>.</summary>
    protected virtual void PostRestart(Exception reason) => PreStart();

    /// <summary>How this actor supervises its children; the default restarts a failing child without limit.</summary>
    protected virtual SupervisorStrategy SupervisorStrategy() => Actors.SupervisorStrategy.DefaultStrategy;

    internal void AroundPreStart() => PreStart();

    internal void AroundPostStop() => PostStop();

    internal void AroundPreRestart(Exception reason, object? message) => PreRestart(reason, message);

    internal void AroundPostRestart(Exception reason) => PostRestart(reason);

    internal SupervisorStrategy SupervisorStrategyInternal() => SupervisorStrategy();
}
