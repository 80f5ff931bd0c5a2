using Akka.Actor;
using Akka.Serialization;
using ZabActors.Node.Admin;
using ZabActors.Node.Serialization;
using ZabActors.Node.StateMachine;
using ZabActors.Quorum;
using ZabActors.Zab;
using ClientWrite = ZabActors.Quorum.ClientWrite;

namespace ZabActors.Node.Tests;

/// <summary>The admin protocol's serializer: every message round-trips through the ActorSystem's bindings, bad bytes fail cleanly.</summary>
public sealed class AdminSerializerTests : IDisposable
{
    private readonly ActorSystem system = ActorSystem.Create("admin-serializer", Akka.Configuration.ConfigurationFactory.ParseString(AdminMessageSerializer.Hocon));

    public void Dispose() => system.Terminate().Wait(TimeSpan.FromSeconds(10));

    public static IEnumerable<object[]> Messages() =>
    [
        [new GetHistory(Zxid.Make(2, 7), 100)],
        [new HistoryChunk([new HistoryEntry(Zxid.Make(1, 1), 3, Bytes.FromUtf8("a")), new HistoryEntry(Zxid.Make(1, 2), -1, Bytes.Empty)], Zxid.Make(1, 2), true)],
        [new PartitionFrom([2, 3])],
        [HealPartitions.Instance],
        [AdminAck.Instance],
        [new AdminRefused("no")],
        [GetNodeStatus.Instance],
        [new NodeStatus(new PeerStatus(1, ServerState.Leading, 3, 3, Zxid.Make(3, 18), Zxid.Make(3, 17), 1, ZabState.Broadcast), ZabState.Broadcast)],
        [new PeerStatus(2, ServerState.Looking, 3, 2, Zxid.Make(2, 9), Zxid.Make(2, 9), null)],
        [new WriteCommitted(7, Zxid.Make(1, 5))],
        [new WriteFailed(8, "no leader")],
        [GetPeerStatus.Instance],
    ];

    [Theory]
    [MemberData(nameof(Messages))]
    public void Every_admin_message_round_trips_through_the_bound_serializer(object message)
    {
        var serializer = (SerializerWithStringManifest)system.Serialization.FindSerializerFor(message);
        Assert.Equal(AdminMessageSerializer.Id, serializer.Identifier);
        var copy = serializer.FromBinary(serializer.ToBinary(message), serializer.Manifest(message));
        Assert.Equal(message, copy);
    }

    [Fact]
    public void A_client_write_keeps_its_request_id_and_data()
    {
        var write = new ClientWrite(42, [1, 2, 3]);
        var serializer = (SerializerWithStringManifest)system.Serialization.FindSerializerFor(write);
        var copy = Assert.IsType<ClientWrite>(serializer.FromBinary(serializer.ToBinary(write), serializer.Manifest(write)));
        Assert.Equal(42, copy.RequestId);
        Assert.Equal(write.Data, copy.Data);
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void Every_truncation_and_a_trailing_byte_fail_with_invalid_data(object message)
    {
        var serializer = (SerializerWithStringManifest)system.Serialization.FindSerializerFor(message);
        var bytes = serializer.ToBinary(message);
        var manifest = serializer.Manifest(message);
        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.Throws<InvalidDataException>(() => serializer.FromBinary(bytes[..length], manifest));
        }
        Assert.Throws<InvalidDataException>(() => serializer.FromBinary([.. bytes, 0], manifest));
    }

    [Fact]
    public void Random_bytes_decode_or_fail_with_invalid_data_and_an_unknown_manifest_is_refused()
    {
        var serializer = (SerializerWithStringManifest)system.Serialization.FindSerializerFor(AdminAck.Instance);
        var random = new Random(5);
        foreach (var manifest in new[] { "H", "C", "P", "R", "S", "T", "W", "M", "F" })
        {
            for (var i = 0; i < 300; i++)
            {
                var bytes = new byte[random.Next(0, 64)];
                random.NextBytes(bytes);
                try
                {
                    Assert.NotNull(serializer.FromBinary(bytes, manifest));
                }
                catch (InvalidDataException)
                {
                    // The expected, clean refusal.
                }
            }
        }
        Assert.Throws<InvalidDataException>(() => serializer.FromBinary([], "?"));
    }

    [Fact]
    public void A_corrupt_state_machine_snapshot_is_refused_and_changes_nothing()
    {
        var machine = new AppendLogStateMachine();
        machine.Apply(new Txn(Zxid.Make(1, 1), Bytes.FromUtf8("a")));
        machine.Apply(new Txn(Zxid.Make(1, 2), Bytes.FromUtf8("bc")));
        var good = machine.TakeSnapshot();
        var restored = new AppendLogStateMachine();
        restored.Restore(good);
        Assert.Equal(machine.ReadHistory(Zxid.Zero, 10), restored.ReadHistory(Zxid.Zero, 10));
        var random = new Random(3);
        for (var i = 0; i < 2000; i++)
        {
            var bytes = good.Data.Span.ToArray();
            bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
            var target = new AppendLogStateMachine();
            try
            {
                target.Restore(new Snapshot(good.Zxid, Bytes.Wrap(bytes)));
            }
            catch (InvalidDataException)
            {
                Assert.Equal(Zxid.Zero, target.LastApplied);
                Assert.Equal(0, target.Count);
            }
        }
        Assert.Throws<InvalidDataException>(() => new AppendLogStateMachine().Restore(new Snapshot(Zxid.Make(1, 1), Bytes.Wrap([1, 0x7F]))));
    }

    [Fact]
    public void A_history_chunk_stops_at_its_byte_budget_but_always_carries_one_entry()
    {
        var machine = new AppendLogStateMachine();
        for (var i = 1; i <= 10; i++)
        {
            machine.Apply(new Txn(Zxid.Make(1, i), Bytes.Wrap(new byte[1000])));
        }
        var chunk = machine.ReadHistory(Zxid.Zero, 100, 3100);
        Assert.Equal(3, chunk.Entries.Count);
        Assert.True(chunk.More);
        Assert.Single(machine.ReadHistory(Zxid.Zero, 100, 10).Entries);
        Assert.Equal(10, machine.ReadHistory(Zxid.Zero, 100).Entries.Count);
    }
}
