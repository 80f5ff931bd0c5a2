namespace ZabActors.Actors;

/// <summary>
/// Decides where and when mailboxes run. <see cref="Throughput"/> is how many user messages a mailbox
/// processes per turn before giving its thread back, trading fairness for speed.
/// </summary>
public abstract class MessageDispatcher
{
    protected MessageDispatcher(string id, int throughput)
    {
        if (throughput < 1) throw new ArgumentOutOfRangeException(nameof(throughput), throughput, $"dispatcher '{id}': throughput must be at least 1");
        Id = id;
        Throughput = throughput;
    }

    public string Id { get; }

    public int Throughput { get; }

    internal abstract void Schedule(Mailbox mailbox);

    /// <summary>Called once when an actor using this dispatcher has died.</summary>
    internal virtual void Detach(Mailbox mailbox)
    {
    }
}

/// <summary>Runs mailboxes on the .NET thread pool, each turn a batch of up to <c>throughput</c> messages.</summary>
internal sealed class ThreadPoolDispatcher : MessageDispatcher
{
    public ThreadPoolDispatcher(string id, int throughput) : base(id, throughput)
    {
    }

    internal override void Schedule(Mailbox mailbox) => ThreadPool.UnsafeQueueUserWorkItem(mailbox, preferLocal: false);
}
