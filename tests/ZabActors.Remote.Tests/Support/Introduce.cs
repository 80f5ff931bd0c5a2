using System.Buffers;
using ZabActors.Actors;

namespace ZabActors.Remote.Tests.Support;

/// <summary>An application message carrying an actor ref, with the serializer an application would write for it.</summary>
public sealed record Introduce(IActorRef Who, string Note);

/// <summary>Writes the ref with <see cref="ActorRefSerialization"/>, so it arrives as a ref of the receiving system.</summary>
public sealed class IntroduceSerializer : ISerializer
{
    public const int Id = 150;

    public int Identifier => Id;

    public string Manifest(object message) => "";

    public byte[] ToBinary(object message)
    {
        var buffer = new ArrayBufferWriter<byte>();
        ToBinary(message, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    public void ToBinary(object message, IBufferWriter<byte> output)
    {
        var introduce = (Introduce)message;
        output.WriteActorRef(introduce.Who);
        output.WriteString(introduce.Note);
    }

    public object FromBinary(ReadOnlySpan<byte> bytes, string manifest)
    {
        var reader = new SpanReader(bytes);
        var who = ActorRefSerialization.ReadActorRef(ref reader) ?? ActorRefs.Nobody;
        var note = reader.ReadString();
        reader.EnsureConsumed();
        return new Introduce(who, note);
    }
}
