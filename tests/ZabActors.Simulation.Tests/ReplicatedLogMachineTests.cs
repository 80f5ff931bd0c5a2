using ZabActors.Simulation.Checkers;
using ZabActors.Simulation.Workload;
using ZabActors.Zab;

namespace ZabActors.Simulation.Tests;

/// <summary>The simulation's state machine: applies, snapshots and restores its whole history, and reports it.</summary>
public sealed class ReplicatedLogMachineTests
{
    private sealed class Sink : IHistorySink
    {
        public List<HistoryEvent> Events { get; } = [];

        public void Record(HistoryEvent evt) => Events.Add(evt);
    }

    [Fact]
    public void A_snapshot_restores_the_same_history_and_hash()
    {
        var sink = new Sink();
        var machine = new ReplicatedLogMachine(1, 1, sink, () => true);
        machine.Apply(new Txn(Zxid.Make(1, 1), Bytes.FromUtf8("a")));
        machine.Apply(new Txn(Zxid.Make(1, 2), Bytes.Empty));
        var snapshot = machine.TakeSnapshot();

        var copy = new ReplicatedLogMachine(2, 1, sink, () => true);
        copy.Restore(snapshot);

        Assert.Equal(machine.Entries, copy.Entries);
        Assert.Equal(machine.Hash, copy.Hash);
        Assert.Equal(Zxid.Make(1, 2), copy.LastApplied);
        var restored = Assert.IsType<StateRestored>(sink.Events[^1]);
        Assert.Equal(machine.Entries, restored.Txns);
    }

    [Fact]
    public void A_dead_incarnation_reports_nothing()
    {
        var sink = new Sink();
        var machine = new ReplicatedLogMachine(1, 1, sink, () => false);
        machine.Apply(new Txn(Zxid.Make(1, 1), Bytes.FromUtf8("a")));
        Assert.Empty(sink.Events);
        Assert.Equal(1, machine.Count);
    }

    [Theory]
    [InlineData(new byte[] { 1, 0 })]
    [InlineData(new byte[] { 1, 0, 0, 0, 1, 2, 3 })]
    [InlineData(new byte[] { 255, 255, 255, 255 })]
    [InlineData(new byte[] { 0, 0, 0, 0, 9 })]
    public void A_malformed_snapshot_is_refused_with_a_clear_error(byte[] data)
    {
        var machine = new ReplicatedLogMachine(1, 1, new Sink(), () => true);
        var error = Assert.Throws<InvalidDataException>(() => machine.Restore(new Snapshot(Zxid.Zero, Bytes.Wrap(data))));
        Assert.StartsWith("replicated-log snapshot:", error.Message);
    }
}
