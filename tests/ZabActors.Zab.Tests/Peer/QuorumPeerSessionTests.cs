using System.Collections.Immutable;

namespace ZabActors.Zab.Tests.Peer;

/// <summary>Links and sessions: one session per learner sid on the leader, and the learner's connect retries.</summary>
public sealed class QuorumPeerSessionTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);

    [Fact]
    public void Leader_should_replace_the_session_of_a_learner_that_connects_again()
    {
        var cluster = new PeerCluster(3);
        cluster.Establish();
        var leader = cluster[3];
        var oldLink = cluster.LeaderSideLinkOf(1);
        var newLink = new Link(10_000, Outgoing: false);
        var sentBefore = leader.Messages.Count;

        leader.Driver.Step(new LinkOpened(newLink, 1));
        leader.Driver.Step(new LinkPacket(newLink, 1, new FollowerInfo(1, cluster[1].Peer.Core.AcceptedEpoch)));

        var sent = leader.Messages.Skip(sentBefore).ToList();
        Assert.Contains(new CloseLink(oldLink, "replaced by a new connection"), sent);
        Assert.Contains(new SendPacket(newLink, new LeaderInfo(leader.Peer.Epoch)), sent);
        Assert.True(leader.Peer.IsBroadcasting);
    }

    [Fact]
    public void Leader_should_end_the_session_of_a_learner_claiming_another_id()
    {
        var cluster = new PeerCluster(3);
        cluster.Establish();
        var leader = cluster[3];
        var link = new Link(10_000, Outgoing: false);

        leader.Driver.Step(new LinkOpened(link, 1));
        leader.Driver.Step(new LinkPacket(link, 1, new FollowerInfo(2, 0)));

        Assert.Contains(new CloseLink(link, "packet from the wrong server"), leader.Messages);
        Assert.Contains(leader.Events, evt => evt is ProtocolViolation);
    }

    [Fact]
    public void Peer_should_refuse_a_learner_link_while_it_is_not_leading()
    {
        var cluster = new PeerCluster(3);
        cluster.Establish();
        var follower = cluster[1];
        var link = new Link(10_000, Outgoing: false);

        follower.Driver.Step(new LinkOpened(link, 2));

        Assert.Contains(new CloseLink(link, "server 1 is not leading"), follower.Messages);
    }

    [Fact]
    public void Learner_should_retry_a_refused_connection_within_the_init_limit_window()
    {
        var options = new PeerOptions(Z.Maj(1, 3));
        var peer = new QuorumPeer(options, new ListStateMachine());
        var disk = new PeerDisk(0, 0, Zxid.Zero, Zxid.Zero, ImmutableArray<Txn>.Empty);
        peer.Step(new PeerStart(TimeSpan.Zero, disk, null));
        FollowLeaderThree(peer);
        var first = Assert.Single(peer.TakeReady().Messages.OfType<OpenLink>());
        Assert.Equal(3, first.LeaderSid);

        peer.Step(new LinkClosed(first.Link, "refused"));
        Assert.Empty(peer.TakeReady().Messages.OfType<OpenLink>());
        Assert.Equal(options.LearnerConnectRetryDelay, peer.NextDeadline);
        peer.Step(new PeerTick(options.LearnerConnectRetryDelay));
        var second = Assert.Single(peer.TakeReady().Messages.OfType<OpenLink>());
        Assert.NotEqual(first.Link, second.Link);

        // A refusal that leaves no room for another retry inside init-limit x tick-time ends the role.
        var late = options.LearnerRetryWindow - options.LearnerConnectRetryDelay;
        peer.Step(new PeerTick(late));
        peer.TakeReady();
        peer.Step(new LinkClosed(second.Link, "refused"));
        var ready = peer.TakeReady();
        Assert.Contains(ready.Events, evt => evt is PeerRoleEnded);
        Assert.Contains(new LoadDisk(Zxid.Zero, options.Timing.CommittedLogSize), ready.Storage);
        Assert.Equal(ServerState.Looking, peer.State);
    }

    [Fact]
    public void Driver_should_throw_on_an_output_its_executor_does_not_know()
    {
        var ready = new PeerReady([new InstallSnapshot(new Snapshot(Zxid.Zero, Bytes.Empty))], [], []);

        Assert.Throws<InvalidOperationException>(() => PeerDriver.Dispatch(ready, new NoEffects()));
    }

    [Fact]
    public void Peer_should_reject_a_confirmation_of_an_operation_it_never_asked_for()
    {
        var peer = new QuorumPeer(new PeerOptions(Z.Maj(1, 3)), new ListStateMachine());
        peer.Step(new PeerStart(TimeSpan.Zero, new PeerDisk(0, 0, Zxid.Zero, Zxid.Zero, []), null));

        Assert.Throws<InvalidOperationException>(() => peer.Step(new LogDurable(Zxid.Make(1, 1))));
    }

    /// <summary>Peer 1 hears that 2 follows 3 and 3 leads: it joins them without a round of its own (outofelection).</summary>
    private static void FollowLeaderThree(QuorumPeer peer)
    {
        peer.TakeReady();
        peer.Step(new NotificationReceived(2, new Notification(3, Zxid.Zero, 1, ServerState.Following, 2, 1)));
        peer.Step(new NotificationReceived(3, new Notification(3, Zxid.Zero, 1, ServerState.Leading, 3, 1)));
        Assert.Equal(ServerState.Following, peer.State);
    }

    private sealed class NoEffects : IPeerEffects
    {
        public void AppendTxns(AppendTxns op) => throw new InvalidOperationException("unexpected");

        public void SaveEpochs(SaveEpochs op) => throw new InvalidOperationException("unexpected");

        public void WriteSnapshot(WriteSnapshot op) => throw new InvalidOperationException("unexpected");

        public void DeleteSnapshotsAfter(DeleteSnapshotsAfter op) => throw new InvalidOperationException("unexpected");

        public void TruncateLog(TruncateLog op) => throw new InvalidOperationException("unexpected");

        public void PurgeBefore(PurgeBefore op) => throw new InvalidOperationException("unexpected");

        public void LoadDisk(LoadDisk op) => throw new InvalidOperationException("unexpected");

        public void SendNotification(SendNotification message) => throw new InvalidOperationException("unexpected");

        public void OpenLink(OpenLink message) => throw new InvalidOperationException("unexpected");

        public void SendPacket(SendPacket message) => throw new InvalidOperationException("unexpected");

        public void CloseLink(CloseLink message) => throw new InvalidOperationException("unexpected");

        public void Publish(IPeerEvent evt) => throw new InvalidOperationException("unexpected");
    }
}
