namespace ZabActors.ZooKeeper.Server;

/// <summary>
/// One session's requests in arrival order, as ZooKeeper's CommitProcessor keeps them: a read may be
/// served only when every earlier request of the same session is done, so a client that writes and
/// then reads sees its write; writes wait for their commit. Bounded: a session that queues more than
/// <see cref="Capacity"/> requests is told to slow down (the connection stops reading).
/// </summary>
public sealed class SessionRequestQueue<TRequest>(int capacity)
{
    private readonly LinkedList<Entry> entries = new();

    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity));

    public int Count => entries.Count;

    public bool IsFull => entries.Count >= Capacity;

    /// <summary>Queues a request; false when the queue is full (the caller must not read more from the client).</summary>
    public bool Enqueue(int xid, TRequest request, bool isWrite)
    {
        if (IsFull)
        {
            return false;
        }
        entries.AddLast(new Entry(xid, request, isWrite));
        return true;
    }

    /// <summary>
    /// The requests that can go now, in order: leading reads, and the first write (to submit) when
    /// nothing is in flight. A submitted write blocks everything after it until <see cref="Complete"/>.
    /// </summary>
    public IReadOnlyList<(int Xid, TRequest Request, bool IsWrite)> TakeReady()
    {
        var ready = new List<(int, TRequest, bool)>();
        while (entries.First is { } first && !first.Value.Submitted)
        {
            var entry = first.Value;
            if (entry.IsWrite)
            {
                first.Value = entry with { Submitted = true };
                ready.Add((entry.Xid, entry.Request, true));
                break;
            }
            entries.RemoveFirst();
            ready.Add((entry.Xid, entry.Request, false));
        }
        return ready;
    }

    /// <summary>The submitted write with <paramref name="xid"/> is answered; false if it was not at the head.</summary>
    public bool Complete(int xid)
    {
        if (entries.First is { } first && first.Value.Submitted && first.Value.Xid == xid)
        {
            entries.RemoveFirst();
            return true;
        }
        return false;
    }

    /// <summary>The connection is gone: everything queued is dropped and returned (to fail or forget).</summary>
    public IReadOnlyList<(int Xid, TRequest Request)> Clear()
    {
        var dropped = entries.Select(e => (e.Xid, e.Request)).ToList();
        entries.Clear();
        return dropped;
    }

    private sealed record Entry(int Xid, TRequest Request, bool IsWrite, bool Submitted = false);
}
