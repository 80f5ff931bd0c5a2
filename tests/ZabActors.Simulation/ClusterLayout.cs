using ZabActors.Zab;

namespace ZabActors.Simulation;

/// <summary>The ensemble of a run: voters get ids 1..Voters, observers the ids after them.</summary>
public sealed record ClusterLayout(int Voters, int Observers)
{
    public IReadOnlyList<long> VoterIds => [.. Enumerable.Range(1, Voters).Select(i => (long)i)];

    public IReadOnlyList<long> ObserverIds => [.. Enumerable.Range(Voters + 1, Observers).Select(i => (long)i)];

    public IReadOnlyList<long> AllIds => [.. VoterIds, .. ObserverIds];

    /// <summary>The voters a quorum needs (a strict majority).</summary>
    public int QuorumSize => Voters / 2 + 1;

    /// <summary>The most voters that may fail while a quorum remains.</summary>
    public int MinorityMax => (Voters - 1) / 2;

    public IQuorumVerifier Verifier() => new QuorumMaj(VoterIds, ObserverIds);

    public bool IsVoter(long sid) => sid >= 1 && sid <= Voters;

    public override string ToString() => $"{Voters} voters, {Observers} observers";
}
