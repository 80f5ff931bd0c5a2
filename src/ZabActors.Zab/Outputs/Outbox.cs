using System.Collections.Immutable;

namespace ZabActors.Zab;

/// <summary>Collects a machine's outputs between two <see cref="Take"/> calls; consecutive appends merge into one write.</summary>
internal sealed class Outbox
{
    private readonly List<Envelope> send = [];
    private readonly List<StorageOp> storage = [];
    private readonly List<Txn> openAppend = [];
    private readonly List<Txn> apply = [];
    private readonly List<IZabEvent> events = [];

    public bool IsEmpty => send.Count == 0 && storage.Count == 0 && openAppend.Count == 0 && apply.Count == 0 && events.Count == 0;

    public void Send(long to, ZabMessage message) => send.Add(new Envelope(to, message));

    public void Store(StorageOp op)
    {
        CloseAppend();
        storage.Add(op);
    }

    /// <summary>Consecutive appends become one <see cref="AppendTxns"/>, so a burst of proposals is one flush.</summary>
    public void Append(Txn txn) => openAppend.Add(txn);

    public void Apply(Txn txn) => apply.Add(txn);

    public void Emit(IZabEvent evt) => events.Add(evt);

    public void Violation(long from, string what) => events.Add(new ProtocolViolation(from, what));

    public Ready Take()
    {
        if (IsEmpty)
        {
            return Ready.Empty;
        }
        CloseAppend();
        var ready = new Ready([.. send], [.. storage], [.. apply], [.. events]);
        send.Clear();
        storage.Clear();
        apply.Clear();
        events.Clear();
        return ready;
    }

    private void CloseAppend()
    {
        if (openAppend.Count > 0)
        {
            storage.Add(new AppendTxns([.. openAppend]));
            openAppend.Clear();
        }
    }
}
