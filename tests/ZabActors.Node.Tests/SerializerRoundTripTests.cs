using System.Buffers;
using ZabActors.Node.Networking;
using ZabActors.Node.Serialization;
using ZabActors.Quorum;
using ZabActors.Remote.Serialization;
using ZabActors.Zab;
using ClientWrite = ZabActors.Quorum.ClientWrite;

namespace ZabActors.Node.Tests;

public sealed class SerializerRoundTripTests
{
    private readonly SerializerRegistry registry = ZabSerializers.CreateRegistry();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Every_message_survives_a_round_trip(int seed)
    {
        var generator = new MessageGenerator(seed);
        for (var i = 0; i < 2000; i++)
        {
            var message = generator.Message();
            var copy = RoundTrip(message);
            Assert.True(Same(message, copy), $"seed {seed}, message {i}: {message} came back as {copy}");
        }
    }

    [Fact]
    public void Every_quorum_packet_type_has_a_generator_and_round_trips_alone_and_in_a_connection_frame()
    {
        var generator = new MessageGenerator(7);
        Assert.Equal(15, MessageGenerator.PacketTypes.Count);
        foreach (var type in MessageGenerator.PacketTypes)
        {
            for (var i = 0; i < 50; i++)
            {
                var packet = generator.Packet(type);
                Assert.Equal(packet, RoundTrip(packet));
                var frame = new ConnectionPacket(generator.Key(), i + 1, packet);
                Assert.Equal(frame, RoundTrip(frame));
            }
        }
    }

    [Fact]
    public void Zab_messages_use_the_reserved_serializer_ids()
    {
        Assert.Equal(ZabMessageSerializer.Id, registry.FindSerializerFor(typeof(Proposal)).Identifier);
        Assert.Equal(ZabMessageSerializer.Id, registry.FindSerializerFor(typeof(Notification)).Identifier);
        Assert.Equal(NetworkFrameSerializer.Id, registry.FindSerializerFor(typeof(ConnectionPacket)).Identifier);
        Assert.Equal(ClientMessageSerializer.Id, registry.FindSerializerFor(typeof(ClientWrite)).Identifier);
        Assert.Equal(AdminMessageSerializer.Id, registry.FindSerializerFor(typeof(Admin.NodeStatus)).Identifier);
        Assert.All(new[] { ZabMessageSerializer.Id, NetworkFrameSerializer.Id, ClientMessageSerializer.Id, AdminMessageSerializer.Id },
            id => Assert.InRange(id, 100, 199));
    }

    [Fact]
    public void A_proposal_costs_its_payload_plus_a_few_bytes()
    {
        var txn = new Txn(Zxid.Make(3, 12), Bytes.Wrap(new byte[100]));
        var frame = new ConnectionPacket(new ConnectionKey(2, 1234567, 1), 42, new Proposal(txn));
        var bytes = registry.FindSerializerFor(frame).ToBinary(frame);
        // tag, key (sid, 8-byte incarnation, number), seq, packet tag, 8-byte zxid, length, payload.
        Assert.InRange(bytes.Length, 100, 100 + 25);
    }

    [Fact]
    public void Both_write_paths_produce_the_same_bytes()
    {
        var generator = new MessageGenerator(11);
        for (var i = 0; i < 300; i++)
        {
            var message = generator.Message();
            var serializer = registry.FindSerializerFor(message);
            var buffer = new ArrayBufferWriter<byte>();
            serializer.ToBinary(message, buffer);
            Assert.Equal(serializer.ToBinary(message), buffer.WrittenSpan.ToArray());
        }
    }

    [Fact]
    public void A_packet_without_its_payload_is_refused_when_sending()
    {
        var broken = new Proposal(null!);
        var serializer = registry.FindSerializerFor(broken);
        Assert.Throws<ZabActors.Remote.Serialization.NotSerializableException>(() => serializer.ToBinary(broken));
    }

    private object RoundTrip(object message)
    {
        var serializer = registry.FindSerializerFor(message);
        var bytes = serializer.ToBinary(message);
        Assert.True(registry.TryGetSerializer(serializer.Identifier, out var decoder));
        return decoder.FromBinary(bytes, serializer.Manifest(message));
    }

    // ClientWrite carries a byte[] (reference equality); everything else compares as a value.
    private static bool Same(object expected, object actual) => (expected, actual) switch
    {
        (ClientWrite a, ClientWrite b) => a.RequestId == b.RequestId && a.Data.AsSpan().SequenceEqual(b.Data),
        _ => expected.Equals(actual),
    };
}
