namespace ZabActors.Transport;

/// <summary>
/// Decides when a dropped message from a stranger is worth a Warning: once per sender per interval,
/// so a misconfigured or hostile sender cannot flood the log. Time is an input; the table is bounded.
/// </summary>
internal sealed class SenderWarnings(TimeSpan interval, int sendersMax = 1024)
{
    private readonly Dictionary<string, (DateTimeOffset Last, long Suppressed)> lastWarned = [];

    /// <summary>True when a Warning should be logged now for <paramref name="sender"/>; <paramref name="suppressed"/> counts the drops not logged since the last one.</summary>
    public bool ShouldWarn(string sender, DateTimeOffset now, out long suppressed)
    {
        if (lastWarned.TryGetValue(sender, out var entry) && now - entry.Last < interval)
        {
            lastWarned[sender] = (entry.Last, entry.Suppressed + 1);
            suppressed = 0;
            return false;
        }
        if (lastWarned.Count >= sendersMax && !lastWarned.ContainsKey(sender))
        {
            // Forgetting every sender costs at most one extra Warning each; it keeps the table bounded.
            lastWarned.Clear();
        }
        suppressed = entry.Suppressed;
        lastWarned[sender] = (now, 0);
        return true;
    }
}
