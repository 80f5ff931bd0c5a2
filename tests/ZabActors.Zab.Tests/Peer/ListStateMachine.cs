namespace ZabActors.Zab.Tests.Peer;

/// <summary>A state machine that remembers every transaction it applied, in order; its snapshot is that list.</summary>
internal sealed class ListStateMachine : IStateMachine
{
    private readonly List<Txn> applied = [];

    public Zxid LastApplied { get; private set; }

    public IReadOnlyList<Txn> Applied => applied;

    public void Apply(Txn txn)
    {
        if (txn.Zxid <= LastApplied)
        {
            throw new InvalidOperationException($"apply {txn.Zxid} after {LastApplied}");
        }
        applied.Add(txn);
        LastApplied = txn.Zxid;
    }

    public Snapshot TakeSnapshot()
    {
        var lines = applied.Select(t => $"{t.Zxid.Value}:{Convert.ToBase64String(t.Data.Span)}").Prepend(LastApplied.Value.ToString());
        return new Snapshot(LastApplied, Bytes.FromUtf8(string.Join("\n", lines)));
    }

    public void Restore(Snapshot snapshot)
    {
        applied.Clear();
        var lines = snapshot.Data.ToUtf8().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        LastApplied = lines.Length == 0 ? snapshot.Zxid : new Zxid(long.Parse(lines[0]));
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':');
            applied.Add(new Txn(new Zxid(long.Parse(line[..colon])), Bytes.Wrap(Convert.FromBase64String(line[(colon + 1)..]))));
        }
    }
}
