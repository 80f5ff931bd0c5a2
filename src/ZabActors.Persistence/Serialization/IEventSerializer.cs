namespace ZabActors.Persistence.Serialization;

/// <summary>
/// Turns the events and snapshots of one application type into bytes and back. The manifest is
/// stored with every record and chooses the serializer at replay, so it must stay stable for as
/// long as records written with it exist.
/// </summary>
public interface IEventSerializer
{
    /// <summary>The type this serializer writes; values of derived types are written with it too.</summary>
    Type Type { get; }

    /// <summary>Stored with each record; unique among the serializers of one system.</summary>
    string Manifest { get; }

    byte[] ToBinary(object value);

    /// <summary>Rebuilds a value from <see cref="ToBinary"/>'s bytes; throws on bytes it cannot read.</summary>
    object FromBinary(byte[] bytes);
}
