using ZabActors.Zab;

namespace ZabActors.Quorum;

// Messages between the peer root and its role actors. Internal: only the supervision tree uses them.

/// <summary>Root → role: a client write to replicate; <see cref="Data"/> already carries the <see cref="ClientTxn"/> header.</summary>
internal sealed record SubmitWrite(Bytes Data);

/// <summary>Role → root: the write with this peer-local sequence number was committed and applied here.</summary>
internal sealed record LocalWriteCommitted(long Seq, Zxid Zxid);

/// <summary>Role → root: the write with this peer-local sequence number was not replicated.</summary>
internal sealed record LocalWriteFailed(long Seq, string Reason);

/// <summary>Role → root: the role reached broadcast in <see cref="Epoch"/> (leader established, or learner UPTODATE).</summary>
internal sealed record RoleEstablished(long Epoch);

/// <summary>Role → root: the role is over (leadership ended, leader lost); the root goes back to LOOKING.</summary>
internal sealed record RoleEnded(string Reason);

/// <summary>The root's periodic check for client writes that waited too long.</summary>
internal sealed record ExpireWrites
{
    public static readonly ExpireWrites Instance = new();
}
