using System.Collections.Concurrent;
using ZabActors.Actors;

namespace ZabActors.TestKit;

/// <summary>
/// The messages a probe received and not yet consumed by the test. Waiting for one either blocks on a
/// signal (thread-pool mode) or drives the deterministic runtime, advancing virtual time timer by
/// timer, until one arrives or the virtual deadline passes (virtual-time mode); it never sleeps.
/// </summary>
internal sealed class MessageQueue
{
    private readonly ConcurrentQueue<ReceivedMessage> _messages = new();
    private readonly SemaphoreSlim _available = new(0);
    private readonly DeterministicRuntime? _runtime;

    public MessageQueue(DeterministicRuntime? runtime)
    {
        _runtime = runtime;
    }

    public int Count => _messages.Count;

    public void Enqueue(ReceivedMessage message)
    {
        _messages.Enqueue(message);
        _available.Release();
    }

    public bool TryTake(TimeSpan timeout, out ReceivedMessage message)
    {
        if (_runtime is not null)
        {
            _runtime.RunUntil(() => !_messages.IsEmpty, Clamp(timeout));
            return TryTakeNow(out message);
        }
        message = null!;
        if (!_available.Wait(Clamp(timeout))) return false;
        return _messages.TryDequeue(out message!);
    }

    /// <summary>What is queued right now, without consuming it (for failure messages).</summary>
    public IReadOnlyList<object> Peek() => _messages.Select(m => m.Message).ToArray();

    private bool TryTakeNow(out ReceivedMessage message)
    {
        if (_messages.TryDequeue(out message!))
        {
            _available.Wait(0);
            return true;
        }
        return false;
    }

    private TimeSpan Clamp(TimeSpan timeout)
    {
        if (timeout == Timeout.InfiniteTimeSpan) return _runtime is null ? timeout : TimeSpan.FromDays(365);
        return timeout < TimeSpan.Zero ? TimeSpan.Zero : timeout;
    }
}
