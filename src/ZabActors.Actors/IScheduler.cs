namespace ZabActors.Actors;

/// <summary>
/// Sends messages or runs actions later. The system's scheduler is real time by default and
/// virtual time under a <see cref="DeterministicRuntime"/>; actors should read time only from here.
/// </summary>
public interface IScheduler
{
    /// <summary>The wall-clock time (virtual under a deterministic runtime).</summary>
    DateTimeOffset Now { get; }

    /// <summary>Time elapsed since the scheduler started; never goes backwards.</summary>
    TimeSpan MonotonicClock { get; }

    ICancelable ScheduleTellOnce(TimeSpan delay, ICanTell receiver, object message, IActorRef? sender);

    ICancelable ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, ICanTell receiver, object message, IActorRef? sender);

    /// <summary>Runs <paramref name="action"/> once after <paramref name="delay"/>; it must be short and must not block.</summary>
    ICancelable ScheduleOnce(TimeSpan delay, Action action);

    ICancelable ScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, Action action);
}
