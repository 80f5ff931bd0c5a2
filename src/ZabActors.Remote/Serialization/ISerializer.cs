using System.Buffers;

namespace ZabActors.Remote.Serialization;

/// <summary>
/// Turns messages of the types bound to it into bytes and back, as Akka's
/// <c>SerializerWithStringManifest</c>. <see cref="Identifier"/> travels with every message and must be
/// unique and stable across releases; <see cref="Manifest"/> tells the receiving side which type to build.
/// </summary>
public interface ISerializer
{
    /// <summary>Wire identifier; 1..99 are reserved for ZabActors.Remote, 100..199 for ZabActors.Quorum.</summary>
    int Identifier { get; }

    /// <summary>Short type tag written with each message; empty when the serializer handles one type.</summary>
    string Manifest(object message);

    byte[] ToBinary(object message);

    /// <summary>
    /// Writes the message straight into the outgoing frame. Serializers on the hot path override this;
    /// the default copies <see cref="ToBinary(object)"/>.
    /// </summary>
    void ToBinary(object message, IBufferWriter<byte> output) => output.Write(ToBinary(message));

    /// <summary>Rebuilds a message; throws (any exception) when the bytes do not form one.</summary>
    object FromBinary(ReadOnlySpan<byte> bytes, string manifest);
}
