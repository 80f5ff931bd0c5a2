using System.Text;
using ZabActors.Persistence.Serialization;

namespace ZabActors.Persistence.Tests.Serialization;

public sealed class EventSerializationTests
{
    private interface IShape;

    private sealed record Circle(int Radius) : IShape;

    private sealed record Square(int Side) : IShape;

    private static readonly IEventSerializer ShapeSerializer = EventSerializer.Create<IShape>("shape",
        shape => Encoding.UTF8.GetBytes(shape switch { Circle c => $"c{c.Radius}", Square s => $"s{s.Side}", _ => "?" }),
        bytes => Encoding.UTF8.GetString(bytes) is var text && text[0] == 'c' ? new Circle(int.Parse(text[1..])) : new Square(int.Parse(text[1..])));

    [Fact]
    public void Bytes_and_strings_are_built_in()
    {
        var serialization = new EventSerialization();
        var (manifest, payload) = serialization.Serialize("héllo");
        Assert.Equal(EventSerialization.StringManifest, manifest);
        Assert.Equal("héllo", serialization.Deserialize(manifest, payload));
        (manifest, payload) = serialization.Serialize(new byte[] { 1, 2, 3 });
        Assert.Equal(EventSerialization.BytesManifest, manifest);
        Assert.Equal(new byte[] { 1, 2, 3 }, serialization.Deserialize(manifest, payload));
    }

    [Fact]
    public void A_serializer_registered_for_a_base_type_writes_its_derived_types()
    {
        var serialization = new EventSerialization().Register(ShapeSerializer);
        var (manifest, payload) = serialization.Serialize(new Square(4));
        Assert.Equal("shape", manifest);
        Assert.Equal(new Square(4), serialization.Deserialize(manifest, payload));
        Assert.Equal(new Circle(2), serialization.Deserialize(manifest, serialization.Serialize(new Circle(2)).Payload));
    }

    [Fact]
    public void A_type_without_a_serializer_is_a_clear_error()
    {
        var error = Assert.Throws<EventSerializationException>(() => new EventSerialization().Serialize(new Circle(1)));
        Assert.Contains("Circle", error.Message);
        Assert.Contains("register an IEventSerializer", error.Message);
    }

    [Fact]
    public void An_unknown_manifest_or_unreadable_bytes_are_clear_errors()
    {
        var serialization = new EventSerialization().Register(ShapeSerializer);
        Assert.Contains("'app.gone'", Assert.Throws<EventSerializationException>(() => serialization.Deserialize("app.gone", [])).Message);
        var unreadable = Assert.Throws<EventSerializationException>(() => serialization.Deserialize("string", [0xFF, 0xFE]));
        Assert.Contains("serializer 'string' cannot read 2 byte(s)", unreadable.Message);
    }

    [Fact]
    public void A_manifest_or_type_cannot_be_registered_twice()
    {
        var serialization = new EventSerialization().Register(ShapeSerializer);
        Assert.Throws<ArgumentException>(() => serialization.Register(EventSerializer.Create<Circle>("shape", _ => [], _ => new Circle(0))));
        Assert.Throws<ArgumentException>(() => serialization.Register(EventSerializer.Create<string>("text2", _ => [], _ => "")));
    }

    [Fact]
    public void Snapshot_envelopes_carry_the_manifest_and_refuse_damaged_headers()
    {
        var envelope = SnapshotEnvelope.Encode("shape", [9, 8, 7]);
        var (manifest, payload) = SnapshotEnvelope.Decode(envelope);
        Assert.Equal("shape", manifest);
        Assert.Equal(new byte[] { 9, 8, 7 }, payload);
        Assert.Throws<EventSerializationException>(() => SnapshotEnvelope.Decode([1, 2]));
        envelope[0] = 7;
        Assert.Contains("format version 7", Assert.Throws<EventSerializationException>(() => SnapshotEnvelope.Decode(envelope)).Message);
        var tooLong = SnapshotEnvelope.Encode("shape", []);
        tooLong[1] = 200;
        Assert.Throws<EventSerializationException>(() => SnapshotEnvelope.Decode(tooLong));
    }
}
