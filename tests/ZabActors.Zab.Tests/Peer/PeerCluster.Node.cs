namespace ZabActors.Zab.Tests.Peer;

internal sealed partial class PeerCluster
{
    /// <summary>One peer of the harness: its storage (which outlives crashes), and the peer of its current incarnation.</summary>
    public sealed class Node(PeerCluster cluster, long sid)
    {
        public long Sid { get; } = sid;

        public MemoryPeerStorage Storage { get; } = new();

        public int Incarnation { get; set; }

        public bool IsUp { get; set; }

        public QuorumPeerHandle Peer { get; private set; } = null!;

        public PeerDriver Driver { get; private set; } = null!;

        public ListStateMachine StateMachine { get; private set; } = null!;

        /// <summary>Every event of every incarnation, in order.</summary>
        public List<IPeerEvent> Events { get; } = [];

        /// <summary>Every message the peer asked to send, in order.</summary>
        public List<PeerMessage> Messages { get; } = [];

        public List<Txn> AppliedTxns => StateMachine.Applied.ToList();

        public IEnumerable<T> EventsOf<T>() => Events.OfType<T>();

        public void Boot(PeerOptions options)
        {
            StateMachine = new ListStateMachine();
            var peer = new QuorumPeer(options, StateMachine);
            Peer = new QuorumPeerHandle(peer, options);
            Driver = new PeerDriver(peer, new Effects(cluster, this));
            IsUp = true;
        }
    }

    /// <summary>The peer with the options it was built with.</summary>
    public sealed class QuorumPeerHandle(QuorumPeer peer, PeerOptions options)
    {
        public QuorumPeer Core { get; } = peer;

        public PeerOptions Options { get; } = options;

        public ServerState State => Core.State;

        public bool IsBroadcasting => Core.IsBroadcasting;

        public bool IsStopped => Core.IsStopped;

        public TimeSpan? NextDeadline => Core.NextDeadline;

        public long Epoch => Core.Epoch;

        public long? LeaderSid => Core.LeaderSid;
    }
}
