namespace ZabActors.Remote.Tests.Support;

/// <summary>Records every message a node receives, in arrival order, and lets tests wait for them.</summary>
public sealed class Inbox : IInboundMessageHandler
{
    private readonly object _gate = new();
    private readonly List<InboundEnvelope> _messages = new();
    private readonly Waiting _waiting = new();

    public void OnMessage(in InboundEnvelope envelope)
    {
        lock (_gate)
            _messages.Add(envelope);
        _waiting.Changed();
    }

    public int Count
    {
        get
        {
            lock (_gate)
                return _messages.Count;
        }
    }

    public IReadOnlyList<InboundEnvelope> Snapshot()
    {
        lock (_gate)
            return _messages.ToArray();
    }

    public IReadOnlyList<long> Sequences(RemoteAddress from) =>
        Snapshot().Where(m => m.Origin.Equals(from)).Select(m => ((TestMessage)m.Message).Sequence).ToArray();

    public Task WaitForCount(int count) => _waiting.Until(() => Count >= count, $"{count} messages (have {Count})");

    public Task WaitFor(Func<InboundEnvelope, bool> predicate, string what) =>
        _waiting.Until(() => Snapshot().Any(predicate), what);
}
