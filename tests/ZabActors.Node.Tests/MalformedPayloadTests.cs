using ZabActors.Node.Serialization;
using ZabActors.Node.StateMachine;
using ZabActors.Remote;
using ZabActors.Remote.Serialization;
using ZabActors.Zab;

namespace ZabActors.Node.Tests;

public sealed class MalformedPayloadTests
{
    private static readonly ISerializer[] Serializers =
        [new ZabMessageSerializer(), new NetworkFrameSerializer(), new ClientMessageSerializer(), new AdminMessageSerializer()];

    private readonly SerializerRegistry registry = ZabSerializers.CreateRegistry();

    public static TheoryData<int> SerializerIds() => [ZabMessageSerializer.Id, NetworkFrameSerializer.Id, ClientMessageSerializer.Id, AdminMessageSerializer.Id];

    [Theory]
    [MemberData(nameof(SerializerIds))]
    public void Random_bytes_decode_or_fail_with_a_frame_format_error(int id)
    {
        var serializer = Serializers.Single(s => s.Identifier == id);
        var random = new Random(id);
        for (var i = 0; i < 20_000; i++)
        {
            var bytes = new byte[random.Next(0, 64)];
            random.NextBytes(bytes);
            if (bytes.Length > 0 && random.Next(2) == 0)
                bytes[0] = (byte)random.Next(0, 20); // mostly valid tags, so decoding goes deep
            AssertCleanDecode(serializer, bytes);
        }
    }

    [Fact]
    public void Every_truncation_of_a_valid_message_is_a_frame_format_error()
    {
        var generator = new MessageGenerator(5);
        for (var i = 0; i < 300; i++)
        {
            var message = generator.Message();
            var serializer = registry.FindSerializerFor(message);
            var bytes = serializer.ToBinary(message);
            // Large payloads: every cut near the ends and a sample in between.
            var cuts = bytes.Length <= 300 ? Enumerable.Range(0, bytes.Length) : Enumerable.Range(0, 150).Concat(Enumerable.Range(bytes.Length - 150, 150));
            foreach (var cut in cuts)
            {
                var error = Assert.Throws<FrameFormatException>(() => serializer.FromBinary(bytes.AsSpan(0, cut), ""));
                Assert.False(string.IsNullOrWhiteSpace(error.Message));
            }
        }
    }

    [Fact]
    public void A_trailing_byte_after_a_valid_message_is_a_frame_format_error()
    {
        var generator = new MessageGenerator(6);
        for (var i = 0; i < 500; i++)
        {
            var message = generator.Message();
            var serializer = registry.FindSerializerFor(message);
            var bytes = serializer.ToBinary(message).Append((byte)0).ToArray();
            var error = Assert.Throws<FrameFormatException>(() => serializer.FromBinary(bytes, ""));
            Assert.Contains("trailing", error.Message);
        }
    }

    [Theory]
    [InlineData(ZabMessageSerializer.Id, new byte[] { 99 }, "unknown ZAB packet tag 99")]
    [InlineData(NetworkFrameSerializer.Id, new byte[] { 9, 2, 0, 0, 0, 0, 0, 0, 0, 0, 1 }, "unknown connection frame tag 9")]
    [InlineData(ClientMessageSerializer.Id, new byte[] { 0 }, "unknown client message tag 0")]
    [InlineData(AdminMessageSerializer.Id, new byte[] { 200 }, "unknown admin message tag 200")]
    [InlineData(ZabMessageSerializer.Id, new byte[] { 100, 2, 0, 0, 0, 0, 0, 0, 0, 0, 2, 9 }, "server state 9")]
    [InlineData(ClientMessageSerializer.Id, new byte[] { 1, 2, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F }, "exceeds")]
    [InlineData(AdminMessageSerializer.Id, new byte[] { 3, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F }, "cannot fit")]
    [InlineData(ZabMessageSerializer.Id, new byte[] { 1, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80 }, "longer than 10 bytes")]
    public void Bad_fields_name_what_is_wrong(int id, byte[] bytes, string expected)
    {
        var serializer = Serializers.Single(s => s.Identifier == id);
        var error = Assert.Throws<FrameFormatException>(() => serializer.FromBinary(bytes, ""));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void A_corrupt_state_machine_snapshot_is_refused_and_changes_nothing()
    {
        var machine = new AppendLogStateMachine();
        machine.Apply(new Txn(Zxid.Make(1, 1), Bytes.FromUtf8("a")));
        var good = machine.TakeSnapshot();
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
            catch (FrameFormatException)
            {
                Assert.Equal(Zxid.Zero, target.LastApplied);
                Assert.Equal(0, target.Count);
            }
        }
        Assert.Throws<FrameFormatException>(() => new AppendLogStateMachine().Restore(new Snapshot(Zxid.Make(1, 1), Bytes.Wrap([1, 0x7F]))));
    }

    private static void AssertCleanDecode(ISerializer serializer, byte[] bytes)
    {
        try
        {
            Assert.NotNull(serializer.FromBinary(bytes, ""));
        }
        catch (FrameFormatException)
        {
            // The expected, clean refusal.
        }
        catch (Exception e)
        {
            Assert.Fail($"{serializer.GetType().Name} threw {e.GetType().Name} for [{Convert.ToHexString(bytes)}]: {e.Message}");
        }
    }
}
