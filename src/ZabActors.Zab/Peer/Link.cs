namespace ZabActors.Zab;

/// <summary>
/// Names one leader–learner connection as the <see cref="QuorumPeer"/> sees it. <see cref="Outgoing"/>
/// links are the ones this peer opened to its leader (the peer chooses their ids, <see cref="OpenLink"/>);
/// incoming links are learners' connections to this peer as leader (the executor chooses their ids,
/// <see cref="LinkOpened"/>). The two id spaces are separate.
/// </summary>
public readonly record struct Link(long Id, bool Outgoing)
{
    public override string ToString() => Outgoing ? $"out-{Id}" : $"in-{Id}";
}
