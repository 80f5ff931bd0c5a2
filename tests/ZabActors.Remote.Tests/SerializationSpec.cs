using System.Buffers;

namespace ZabActors.Remote.Tests;

public sealed class SerializationSpec
{
    private readonly SerializerRegistry _registry = SerializerRegistry.CreateDefault();

    [Theory]
    [InlineData("hello")]
    [InlineData("")]
    [InlineData("ünïcødé ✓ and a longer text that does not fit the short-string fast path of the writer")]
    public void String_serializer_round_trips(string text) => Assert.Equal(text, RoundTrip(text));

    [Fact]
    public void Byte_array_serializer_round_trips() =>
        Assert.Equal(new byte[] { 0, 1, 2, 255 }, (byte[])RoundTrip(new byte[] { 0, 1, 2, 255 }));

    [Fact]
    public void Test_message_serializer_round_trips() =>
        Assert.Equal(new TestMessage(long.MinValue, "abc"), RoundTrip(new TestMessage(long.MinValue, "abc")));

    [Fact]
    public void Test_message_serializer_rejects_truncated_and_trailing_bytes()
    {
        var serializer = new TestMessageSerializer();
        var bytes = serializer.ToBinary(new TestMessage(7, "seven"));
        Assert.Throws<FrameFormatException>(() => serializer.FromBinary(bytes.AsSpan(0, bytes.Length - 1), ""));
        Assert.Throws<FrameFormatException>(() => serializer.FromBinary(bytes.Concat(new byte[] { 1 }).ToArray(), ""));
    }

    [Fact]
    public void Registry_finds_serializer_by_identifier()
    {
        Assert.True(_registry.TryGetSerializer(StringSerializer.Id, out var s));
        Assert.IsType<StringSerializer>(s);
        Assert.False(_registry.TryGetSerializer(999, out _));
    }

    [Fact]
    public void Registry_resolves_subtypes_through_their_base_binding()
    {
        var registry = new SerializerRegistry();
        var serializer = new BaseSerializer();
        registry.Bind<Base>(serializer);
        Assert.Same(serializer, registry.FindSerializerFor(new Derived()));
    }

    [Fact]
    public void Registry_refuses_unbound_types_and_conflicting_identifiers()
    {
        Assert.Throws<NotSerializableException>(() => _registry.FindSerializerFor(new object()));
        var conflict = Assert.Throws<ArgumentException>(() => _registry.Register(new BaseSerializer(StringSerializer.Id)));
        Assert.Contains("already taken", conflict.Message);
    }

    [Fact]
    public void Span_reader_reports_lengths_beyond_the_input()
    {
        var buffer = new ArrayBufferWriter<byte>();
        buffer.WriteVarUInt64(1000);
        var ex = Assert.Throws<FrameFormatException>(() =>
        {
            var reader = new SpanReader(buffer.WrittenSpan);
            reader.ReadString();
        });
        Assert.Contains("exceeds", ex.Message);
    }

    [Theory]
    [InlineData(0UL)]
    [InlineData(127UL)]
    [InlineData(128UL)]
    [InlineData(ulong.MaxValue)]
    public void Varints_round_trip(ulong value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        buffer.WriteVarUInt64(value);
        var reader = new SpanReader(buffer.WrittenSpan);
        Assert.Equal(value, reader.ReadVarUInt64());
        reader.EnsureConsumed();
    }

    private object RoundTrip(object message)
    {
        var serializer = _registry.FindSerializerFor(message);
        var buffer = new ArrayBufferWriter<byte>();
        serializer.ToBinary(message, buffer);
        Assert.Equal(serializer.ToBinary(message), buffer.WrittenSpan.ToArray());
        return serializer.FromBinary(buffer.WrittenSpan, serializer.Manifest(message));
    }

    private class Base;

    private sealed class Derived : Base;

    private sealed class BaseSerializer(int id = 50) : ISerializer
    {
        public int Identifier => id;
        public string Manifest(object message) => "";
        public byte[] ToBinary(object message) => [];
        public object FromBinary(ReadOnlySpan<byte> bytes, string manifest) => new Derived();
    }
}
