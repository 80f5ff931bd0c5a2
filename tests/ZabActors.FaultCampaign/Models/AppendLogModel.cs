using System.Globalization;
using ZabActors.FaultCampaign.Checking;

namespace ZabActors.FaultCampaign.Models;

/// <summary>
/// An append to the replicated log: <see cref="Value"/> is unique in the history. With
/// <see cref="ReadsLog"/> it is a sync read, ZooKeeper's <c>sync()</c> then read: a marker appended
/// through a server, after which the client reads that server's log up to the marker.
/// </summary>
public sealed record Append(string Value, bool ReadsLog = false)
{
    public override string ToString() => ReadsLog ? $"read({Value})" : $"append({Value})";
}

/// <summary>The log a read saw before its marker: length, <see cref="LogDigest"/> of the values, and the last zxid (0 when empty).</summary>
public sealed record LogPrefix(int Count, ulong Digest, long LastZxid)
{
    public override string ToString() => $"log of {Count} ending at 0x{LastZxid:x} (digest {Digest:x16})";
}

/// <summary>
/// What an append returned: the zxid it was committed at, and for a sync read the log before it.
/// Either may be missing: an append that timed out but is in the final log has a zxid but nothing was
/// read; a marker that committed but whose server then died before the read has no prefix.
/// </summary>
public sealed record AppendResult(long? Zxid, LogPrefix? Prefix = null)
{
    public override string ToString() =>
        (Zxid is { } z ? "0x" + z.ToString("x", CultureInfo.InvariantCulture) : "zxid ?") + (Prefix is null ? "" : $", saw {Prefix}");
}

/// <summary>The model's log: its length, digest and the largest zxid known in it; <see cref="ZxidsKnown"/> is false once an append without a zxid was applied.</summary>
public readonly record struct AppendLogState(int Count, ulong Digest, long LastZxid, bool ZxidsKnown);

/// <summary>
/// The node's replicated append log as a sequential object: appends are totally ordered, each gets a
/// zxid larger than every earlier one (ZAB's total order), and a sync read sees exactly the appends
/// linearized before its marker. One log, one order: the history cannot be partitioned.
/// </summary>
public sealed class AppendLogModel : ISequentialModel<AppendLogState, Append, AppendResult>
{
    public AppendLogState Init() => new(0, LogDigest.Empty, 0, ZxidsKnown: true);

    public (bool Ok, AppendLogState State) Step(AppendLogState state, Append input, AppendResult? output)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (output?.Zxid is { } zxid && zxid <= state.LastZxid)
        {
            return (false, state);
        }
        if (output?.Prefix is { } seen && !Matches(state, seen))
        {
            return (false, state);
        }
        var next = new AppendLogState(
            state.Count + 1,
            LogDigest.Extend(state.Digest, input.Value),
            output?.Zxid ?? state.LastZxid,
            state.ZxidsKnown && output?.Zxid is not null);
        return (true, next);
    }

    public string Describe(Append input, AppendResult? output) => $"{input} -> {(output is null ? "?" : output.ToString())}";

    private static bool Matches(AppendLogState state, LogPrefix seen) =>
        seen.Count == state.Count && seen.Digest == state.Digest && (!state.ZxidsKnown || seen.LastZxid == state.LastZxid);
}
