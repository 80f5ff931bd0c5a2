using ZabActors.Simulation.Checkers;
using ZabActors.Zab;
using static ZabActors.Simulation.Tests.HistoryBuilder;

namespace ZabActors.Simulation.Tests;

/// <summary>Each checker accepts a legal history and catches a hand-made history that breaks its property.</summary>
public sealed class CheckerTests
{
    private static readonly Txn A = T(1, 1, "a");
    private static readonly Txn B = T(1, 2, "b");
    private static readonly Txn C = T(2, 1, "c");
    private static readonly Txn D = T(2, 2, "d");

    /// <summary>Two epochs, a lagging peer, a crash with a restart from a snapshot, acknowledged writes.</summary>
    private static HistoryBuilder Legal() => new HistoryBuilder()
        .Start(1, 2, 3)
        .Establish(1, 1).Write(1, A, B)
        .Deliver(1, A, B).Deliver(2, A, B).Deliver(3, A)
        .Ack(1, 1, A.Zxid).Ack(2, 2, B.Zxid)
        .Restart(1).Restore(1, A, B)
        .Establish(2, 2).Write(2, C, D)
        .Deliver(2, C).Deliver(3, B, C).Deliver(1, C, D).Deliver(2, D)
        .Ack(3, 2, C.Zxid);

    [Fact]
    public void Every_checker_accepts_a_legal_history_with_crashes_epochs_and_snapshots()
    {
        var suite = new CheckerSuite();
        Assert.Null(Legal().Check(suite));
        Assert.Equal(4, suite.Prefix.Global.Count);
        Assert.Equal(9, suite.Checkers.Count);
        Assert.Equal(10, new CheckerSuite(new ClusterLayout(3, 0)).Checkers.Count);
    }

    [Fact]
    public void Leadership_catches_two_leaders_established_in_one_epoch()
    {
        var history = new HistoryBuilder().Establish(1, 3).Establish(1, 3).Establish(2, 3);
        AssertViolates<LeadershipChecker>(history, "Leadership", "epoch 3 has two leaders: 1 and 2");
    }

    [Fact]
    public void Leadership_catches_two_peers_broadcasting_in_one_epoch()
    {
        var history = new HistoryBuilder().Write(1, A).Write(2, B);
        AssertViolates<LeadershipChecker>(history, "Leadership", "epoch 1 has two leaders");
    }

    [Fact]
    public void Integrity_catches_a_delivery_no_leader_broadcast()
    {
        var history = new HistoryBuilder().Start(1).Write(1, A).Deliver(1, A, B);
        AssertViolates<IntegrityChecker>(history, "Integrity", "peer 1 delivered 0x100000002:b that no leader broadcast");
    }

    [Fact]
    public void Integrity_catches_a_broadcast_no_client_wrote()
    {
        var history = new HistoryBuilder().Submit(1, "a").Broadcast(1, A).Broadcast(1, B);
        AssertViolates<IntegrityChecker>(history, "Integrity", "broadcast 0x100000002:b that no client wrote");
    }

    [Fact]
    public void Integrity_catches_a_restored_snapshot_holding_an_invented_transaction()
    {
        var history = new HistoryBuilder().Start(1).Write(1, A).Restore(1, A, T(1, 2, "forged"));
        AssertViolates<IntegrityChecker>(history, "Integrity", "forged");
    }

    [Fact]
    public void Agreement_catches_two_transactions_delivered_under_one_zxid()
    {
        var other = T(1, 1, "x");
        var history = new HistoryBuilder().Start(1, 2).Write(1, A).Deliver(1, A).Deliver(2, other);
        AssertViolates<AgreementChecker>(history, "Agreement", "peer 2 delivered 0x100000001:x but peer 1 delivered 0x100000001:a");
    }

    [Fact]
    public void Agreement_catches_a_zxid_delivered_twice_by_one_peer()
    {
        var history = new HistoryBuilder().Start(1).Deliver(1, A, A);
        AssertViolates<AgreementChecker>(history, "Agreement", "peer 1 delivered 0x100000001 twice");
    }

    [Fact]
    public void PrefixConsistency_catches_diverging_sequences()
    {
        var history = new HistoryBuilder().Start(1, 2).Deliver(1, A, B).Deliver(2, A, C);
        AssertViolates<PrefixConsistencyChecker>(history, "PrefixConsistency", "peer 2 delivered 0x200000001:c at position 1 where another peer delivered 0x100000002:b");
    }

    [Fact]
    public void PrefixConsistency_catches_a_committed_transaction_lost_across_a_restart()
    {
        // Peer 1 delivered A and B, crashed, and its next incarnation comes back without B but with C.
        var history = new HistoryBuilder().Start(1).Deliver(1, A, B).Restart(1).Restore(1, A).Deliver(1, C);
        AssertViolates<PrefixConsistencyChecker>(history, "PrefixConsistency", "position 1");
    }

    [Fact]
    public void PrefixConsistency_accepts_peers_that_lag()
    {
        var checker = new PrefixConsistencyChecker();
        var history = new HistoryBuilder().Start(1, 2, 3).Deliver(1, A, B, C).Deliver(2, A).Restore(3, A, B);
        Assert.Null(history.Check(checker));
        Assert.Equal([A, B, C], checker.Global);
        Assert.Equal(1, checker.DeliveredCount(2));
    }

    [Fact]
    public void TotalOrder_catches_a_transaction_delivered_without_its_predecessor()
    {
        var history = new HistoryBuilder().Start(1, 2).Deliver(1, A, B).Deliver(2, B);
        AssertViolates<TotalOrderChecker>(history, "TotalOrder", "peer 2 delivered 0x100000002:b after 0 transactions, peer 1 after 1");
    }

    [Fact]
    public void TotalOrder_catches_two_transactions_delivered_in_opposite_orders()
    {
        var history = new HistoryBuilder().Start(1, 2).Deliver(1, A, B).Deliver(2, B, A);
        AssertViolates<TotalOrderChecker>(history, "TotalOrder", "peer 2 delivered 0x100000002:b");
    }

    [Fact]
    public void LocalPrimaryOrder_catches_a_delivery_that_skips_an_earlier_broadcast()
    {
        var history = new HistoryBuilder().Start(1).Write(1, A, B).Deliver(1, B);
        AssertViolates<LocalPrimaryOrderChecker>(history, "LocalPrimaryOrder", "peer 1 delivered 0x100000002:b (broadcast #1 of epoch 1) after only 0 of that epoch; 0x100000001 must come first");
    }

    [Fact]
    public void LocalPrimaryOrder_catches_a_primary_broadcasting_out_of_zxid_order()
    {
        var history = new HistoryBuilder().Write(1, B, A);
        AssertViolates<LocalPrimaryOrderChecker>(history, "LocalPrimaryOrder", "leader 1 broadcast 0x100000001 after 0x100000002 in epoch 1");
    }

    [Fact]
    public void LocalPrimaryOrder_follows_a_restored_snapshot_into_the_middle_of_an_epoch()
    {
        var history = new HistoryBuilder().Start(1).Write(1, A, B, T(1, 3, "e")).Restore(1, A, B).Deliver(1, T(1, 3, "e"));
        Assert.Null(history.Check(new LocalPrimaryOrderChecker()));
    }

    [Fact]
    public void GlobalPrimaryOrder_catches_an_older_epoch_delivered_after_a_newer_one()
    {
        var history = new HistoryBuilder().Start(1).Deliver(1, C, A);
        AssertViolates<GlobalPrimaryOrderChecker>(history, "GlobalPrimaryOrder", "peer 1 delivered 0x100000001:a of epoch 1 after 0x200000001:c of epoch 2");
    }

    [Fact]
    public void PrimaryIntegrity_catches_a_new_primary_history_missing_a_delivered_transaction()
    {
        // Peer 1 delivered B of epoch 1 before epoch 2's primary broadcast C; peer 2 then delivers C without B.
        var history = new HistoryBuilder().Start(1, 2).Write(1, A, B).Deliver(1, A, B).Write(2, C).Deliver(2, A, C);
        AssertViolates<PrimaryIntegrityChecker>(history, "PrimaryIntegrity", "peer 2 delivered 0x200000001:c of epoch 2 without 0x100000002");
    }

    [Fact]
    public void PrimaryIntegrity_ignores_older_transactions_delivered_only_after_the_new_primary_began()
    {
        var history = new HistoryBuilder().Start(1, 2).Write(1, A, B).Deliver(1, A).Write(2, C).Deliver(2, A, C);
        Assert.Null(history.Check(new PrimaryIntegrityChecker()));
    }

    [Fact]
    public void AckedWrites_catches_an_acknowledgement_of_a_transaction_the_peer_never_delivered()
    {
        var history = new HistoryBuilder().Start(1).Write(1, A).Ack(1, 1, A.Zxid);
        AssertViolates<AckedWritesChecker>(history, "AckedWritesNeverLost", "peer 1 acknowledged r1 (a) as 0x100000001 but delivered nothing there");
    }

    [Fact]
    public void AckedWrites_catches_an_acknowledgement_under_another_write_s_zxid()
    {
        var history = new HistoryBuilder().Start(1).Write(1, A, B).Deliver(1, A, B).Ack(2, 1, A.Zxid);
        AssertViolates<AckedWritesChecker>(history, "AckedWritesNeverLost", "acknowledged r2 (b) as 0x100000001");
    }

    [Fact]
    public void AckedWrites_catches_a_peer_that_moves_past_an_acknowledged_write_without_it()
    {
        var history = new HistoryBuilder().Start(1, 2).Write(1, A, B).Deliver(1, A, B).Ack(2, 1, B.Zxid).Deliver(2, A, C);
        AssertViolates<AckedWritesChecker>(history, "AckedWritesNeverLost", "peer 2 reached 0x200000001 without acknowledged 0x100000002 (r2)");
    }

    [Fact]
    public void AckedWrites_catches_a_restored_snapshot_that_lost_an_acknowledged_write()
    {
        var history = new HistoryBuilder().Start(1).Write(1, A, B, C).Deliver(1, A, B).Ack(2, 1, B.Zxid).Restart(1).Restore(1, A, C);
        AssertViolates<AckedWritesChecker>(history, "AckedWritesNeverLost", "restored a snapshot at 0x200000001 without acknowledged 0x100000002");
    }

    [Fact]
    public void AckedWrites_accepts_an_acknowledgement_that_lagging_peers_have_not_reached()
    {
        var history = new HistoryBuilder().Start(1, 2).Write(1, A, B).Deliver(1, A, B).Ack(2, 1, B.Zxid).Deliver(2, A).Deliver(2, B);
        Assert.Null(history.Check(new AckedWritesChecker()));
    }

    [Fact]
    public void QuorumDurability_catches_an_acknowledgement_durable_on_less_than_a_quorum()
    {
        var checker = new QuorumDurabilityChecker(new HashSet<long> { 1, 2, 3 }, 2);
        var history = new HistoryBuilder().Start(1).Write(1, A).Flushed(1, A.Zxid).Flushed(4, A.Zxid).Deliver(1, A).Ack(1, 1, A.Zxid);
        var violation = history.Check(checker);
        Assert.NotNull(violation);
        Assert.Equal("QuorumDurability", violation.Property);
        Assert.Contains("0x100000001 (r1) is durable on 1 voters [1], fewer than a quorum of 2", violation.Detail);
    }

    [Fact]
    public void QuorumDurability_catches_a_truncation_that_leaves_an_acknowledged_write_short_of_a_quorum()
    {
        var checker = new QuorumDurabilityChecker(new HashSet<long> { 1, 2, 3 }, 2);
        var history = new HistoryBuilder().Start(1).Write(1, A, B).Flushed(1, A.Zxid, B.Zxid).Flushed(2, A.Zxid, B.Zxid)
            .Deliver(1, A, B).Ack(1, 1, A.Zxid).Ack(2, 1, B.Zxid).SnapshotAt(3, B.Zxid).Truncated(2, Zxid.Zero);
        Assert.Null(history.Check(checker));
        var violation = new HistoryBuilder().Start(1).Write(1, A).Flushed(1, A.Zxid).Flushed(2, A.Zxid).Deliver(1, A).Ack(1, 1, A.Zxid)
            .Truncated(2, Zxid.Zero).Check(new QuorumDurabilityChecker(new HashSet<long> { 1, 2, 3 }, 2));
        Assert.NotNull(violation);
        Assert.Contains("after server 2 truncated its log after 0x0", violation.Detail);
    }

    private static void AssertViolates<TChecker>(HistoryBuilder history, string property, string detail)
        where TChecker : InvariantChecker, new()
    {
        var violation = history.Check(new TChecker());
        Assert.NotNull(violation);
        Assert.Equal(property, violation.Property);
        Assert.Contains(detail, violation.Detail);
        // The same history also fails the whole suite (possibly on an earlier, more specific checker).
        Assert.NotNull(history.Check(new CheckerSuite()));
    }
}
