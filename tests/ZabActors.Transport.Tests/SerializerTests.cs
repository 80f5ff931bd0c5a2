using System.Runtime.Serialization;
using Akka.Serialization;
using Xunit.Abstractions;
using ZabActors.Transport.Serialization;
using ZabActors.Transport.Wire;
using ZabActors.Zab;

namespace ZabActors.Transport.Tests;

/// <summary>The serializers as Akka finds them through the embedded HOCON: ids, round trips and malformed input.</summary>
public sealed class SerializerTests(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit(TransportConfig.Defaults, output: output)
{
    private static readonly ConnectionKey Key = new(2, 17, 3);

    public static TheoryData<int> PacketIndexes() => [.. Enumerable.Range(0, Samples.EveryPacket().Count)];

    [Fact]
    public void Hocon_binds_notification_packets_and_frames_to_the_binary_serializers()
    {
        Assert.Equal(ZabMessageSerializer.SerializerId, Sys.Serialization.FindSerializerFor(Samples.Vote(1)).Identifier);
        Assert.All(Samples.EveryPacket(), p => Assert.Equal(ZabMessageSerializer.SerializerId, Sys.Serialization.FindSerializerFor(p).Identifier));
        var batch = new PacketBatch(1, 1, Key, 1, Samples.EveryPacket());
        Assert.Equal(TransportFrameSerializer.SerializerId, Sys.Serialization.FindSerializerFor(batch).Identifier);
    }

    [Fact]
    public void Notification_round_trips_with_a_short_manifest()
    {
        var vote = Samples.Vote(from: 2, leader: 5, round: 9) with { State = ServerState.Leading, PeerEpoch = -1 };
        var back = RoundTrip(vote, out var manifest, out var bytes);
        Assert.Equal(vote, back);
        Assert.Equal("100", manifest);
        Assert.True(bytes.Length < 20, $"{bytes.Length} bytes");
    }

    [Theory]
    [MemberData(nameof(PacketIndexes))]
    public void Every_packet_round_trips(int index)
    {
        var packet = Samples.EveryPacket()[index];
        Assert.Equal(packet, RoundTrip(packet, out var manifest, out _));
        Assert.True(manifest.Length <= 3);
    }

    [Fact]
    public void Every_frame_round_trips()
    {
        TransportFrame[] frames =
        [
            new ElectionDatagram(3, 99, Samples.Vote(3)),
            new OpenConnection(2, 17, Key),
            new CloseConnection(1, 4, Key, "sync limit passed"),
            new PacketChunk(1, 4, Key, 8, 2, 5, Bytes.FromUtf8("piece")),
        ];
        foreach (var frame in frames)
        {
            Assert.Equal(frame, RoundTrip(frame, out var manifest, out _));
            Assert.Single(manifest);
        }
        var batch = new PacketBatch(1, 4, Key, 7, Samples.EveryPacket());
        var back = Assert.IsType<PacketBatch>(RoundTrip(batch, out _, out _));
        Assert.Equal((batch.FromSid, batch.FromIncarnation, batch.Key, batch.Seq), (back.FromSid, back.FromIncarnation, back.Key, back.Seq));
        Assert.Equal(batch.Packets, back.Packets);
    }

    [Fact]
    public void Truncated_or_extended_input_is_a_SerializationException()
    {
        var batch = new PacketBatch(1, 4, Key, 7, Samples.EveryPacket());
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerFor(batch);
        var bytes = serializer.ToBinary(batch);
        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.Throws<SerializationException>(() => serializer.FromBinary(bytes[..length], "B"));
        }
        Assert.Throws<SerializationException>(() => serializer.FromBinary([.. bytes, 0], "B"));
    }

    [Fact]
    public void Garbage_and_unknown_manifests_are_SerializationExceptions_never_crashes()
    {
        var frames = (SerializerWithStringManifest)Sys.Serialization.FindSerializerFor(new OpenConnection(1, 1, Key));
        var messages = (SerializerWithStringManifest)Sys.Serialization.FindSerializerFor(Samples.Vote(1));
        var random = new Random(4100);
        for (var i = 0; i < 2000; i++)
        {
            var garbage = Samples.Noise(random.Next(0, 64), seed: i);
            foreach (var manifest in new[] { "E", "O", "B", "K", "C" })
            {
                AssertRejectedOrDecoded(() => frames.FromBinary(garbage, manifest));
            }
            foreach (var manifest in new[] { "100", "2", "15", "12" })
            {
                AssertRejectedOrDecoded(() => messages.FromBinary(garbage, manifest));
            }
        }
        Assert.Throws<SerializationException>(() => frames.FromBinary([], "Z"));
        Assert.Throws<SerializationException>(() => messages.FromBinary([], "x"));
        Assert.Throws<SerializationException>(() => messages.FromBinary([], "99"));
        var badState = messages.ToBinary(Samples.Vote(1)).ToArray();
        badState[10] = 9;
        Assert.Throws<SerializationException>(() => messages.FromBinary(badState, "100"));
    }

    [Fact]
    public void A_packet_without_its_payload_is_refused_on_the_way_out()
    {
        var serializer = Sys.Serialization.FindSerializerFor(new Proposal(null!));
        Assert.Throws<SerializationException>(() => serializer.ToBinary(new Proposal(null!)));
    }

    private static void AssertRejectedOrDecoded(Func<object> decode)
    {
        try
        {
            Assert.NotNull(decode());
        }
        catch (SerializationException)
        {
            // The only failure a receiver may see from bad bytes.
        }
    }

    private object RoundTrip(object message, out string manifest, out byte[] bytes)
    {
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerFor(message);
        manifest = serializer.Manifest(message);
        bytes = serializer.ToBinary(message);
        return serializer.FromBinary(bytes, manifest);
    }
}
