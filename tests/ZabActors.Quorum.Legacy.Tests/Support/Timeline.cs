namespace ZabActors.Quorum.Tests;

/// <summary>
/// One ordered record of what several peers did to their disks and put on the wire, shared by
/// <see cref="CrashingPeerStorage"/> and <see cref="TappedNetwork"/>, so a test can check that a
/// write became durable before the packet that depends on it was sent. Thread-safe.
/// </summary>
internal sealed class Timeline
{
    private readonly object gate = new();
    private readonly List<string> entries = [];

    public void Add(string entry)
    {
        lock (gate)
        {
            entries.Add(entry);
        }
    }

    public IReadOnlyList<string> Entries
    {
        get
        {
            lock (gate)
            {
                return [.. entries];
            }
        }
    }

    /// <summary>The index of the first entry equal to <paramref name="entry"/> at or after <paramref name="from"/>; -1 if none.</summary>
    public int IndexOf(string entry, int from = 0)
    {
        lock (gate)
        {
            return entries.IndexOf(entry, Math.Min(from, entries.Count));
        }
    }
}
