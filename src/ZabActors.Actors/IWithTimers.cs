namespace ZabActors.Actors;

/// <summary>
/// Keyed timers owned by one actor. Starting a timer with a key in use replaces the old one; a
/// message from a cancelled or replaced timer is never delivered, even if it was already queued.
/// All timers are cancelled when the actor restarts or stops. Use only from inside the actor.
/// </summary>
public interface ITimerScheduler
{
    /// <summary>Sends <paramref name="message"/> to Self once after <paramref name="timeout"/>.</summary>
    void StartSingleTimer(object key, object message, TimeSpan timeout);

    /// <summary>Sends <paramref name="message"/> to Self every <paramref name="interval"/>.</summary>
    void StartPeriodicTimer(object key, object message, TimeSpan interval);

    /// <summary>Sends <paramref name="message"/> to Self after <paramref name="initialDelay"/>, then every <paramref name="interval"/>.</summary>
    void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval);

    bool IsTimerActive(object key);

    IReadOnlyCollection<object> ActiveTimers { get; }

    void Cancel(object key);

    void CancelAll();
}

/// <summary>Implemented by actors that use keyed timers; the runtime sets <see cref="Timers"/> before the constructor body runs.</summary>
public interface IWithTimers
{
    ITimerScheduler Timers { get; set; }
}
