namespace ZabActors.Remote.Tests.Support;

/// <summary>
/// Conditions a test waits for, re-checked whenever the observed state changes; no polling, no sleeping.
/// </summary>
public sealed class Waiting
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly object _gate = new();
    private readonly List<(Func<bool> Condition, TaskCompletionSource Done)> _waiters = new();

    public Task Until(Func<bool> condition, string what)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (condition())
                return Task.CompletedTask;
            _waiters.Add((condition, done));
        }
        return WaitAsync(done.Task, what);
    }

    /// <summary>Call after every change of the observed state (under the caller's own lock is fine).</summary>
    public void Changed()
    {
        lock (_gate)
        {
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (!_waiters[i].Condition())
                    continue;
                _waiters[i].Done.TrySetResult();
                _waiters.RemoveAt(i);
            }
        }
    }

    private static async Task WaitAsync(Task task, string what)
    {
        try
        {
            await task.WaitAsync(Timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"timed out after {Timeout.TotalSeconds}s waiting for {what}");
        }
    }
}

/// <summary>
/// For state that raises no event (counters): re-checks every few milliseconds, like Akka's
/// <c>AwaitAssert</c>. Prefer event-driven waits; this is for the few places without one.
/// </summary>
public static class Eventually
{
    public static async Task True(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Waiting.Timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"timed out after {Waiting.Timeout.TotalSeconds}s waiting for {what}");
            await Task.Delay(2);
        }
    }
}
