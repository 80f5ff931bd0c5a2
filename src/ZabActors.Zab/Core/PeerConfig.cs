namespace ZabActors.Zab;

/// <summary>What every state machine of one peer needs to know about itself and the ensemble.</summary>
public sealed record PeerConfig
{
    public PeerConfig(long myId, IQuorumVerifier verifier, ZabTiming? timing = null)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        if (!verifier.IsMember(myId))
        {
            throw new ArgumentException($"server {myId} is not a member of the ensemble", nameof(myId));
        }
        MyId = myId;
        Verifier = verifier;
        Timing = (timing ?? ZabTiming.Default).Validate();
    }

    public long MyId { get; }

    public IQuorumVerifier Verifier { get; }

    public ZabTiming Timing { get; }

    public LearnerType LearnerType => Verifier.IsVoter(MyId) ? LearnerType.Participant : LearnerType.Observer;
}
