using System.Buffers.Binary;
using System.Text;

namespace ZabActors.Persistence.Serialization;

/// <summary>
/// The stored form of a persistent actor's snapshot: the snapshot plugins keep bare bytes, so the
/// serializer's manifest travels in front of the payload.
/// </summary>
/// <remarks>Layout: u8 format version (1) | u32 LE manifest length | UTF-8 manifest | payload.</remarks>
internal static class SnapshotEnvelope
{
    private const byte FormatVersion = 1;
    private const int HeaderBytes = 1 + sizeof(int);
    private const int MaxManifestBytes = 1024;

    public static byte[] Encode(string manifest, byte[] payload)
    {
        var manifestBytes = Encoding.UTF8.GetBytes(manifest);
        var envelope = new byte[HeaderBytes + manifestBytes.Length + payload.Length];
        envelope[0] = FormatVersion;
        BinaryPrimitives.WriteInt32LittleEndian(envelope.AsSpan(1), manifestBytes.Length);
        manifestBytes.CopyTo(envelope.AsSpan(HeaderBytes));
        payload.CopyTo(envelope.AsSpan(HeaderBytes + manifestBytes.Length));
        return envelope;
    }

    public static (string Manifest, byte[] Payload) Decode(byte[] envelope)
    {
        if (envelope.Length < HeaderBytes)
            throw new EventSerializationException($"snapshot of {envelope.Length} byte(s) is too short for its header");
        if (envelope[0] != FormatVersion)
            throw new EventSerializationException($"snapshot format version {envelope[0]} is unknown (this build reads {FormatVersion})");
        var manifestLength = BinaryPrimitives.ReadInt32LittleEndian(envelope.AsSpan(1));
        if (manifestLength < 0 || manifestLength > MaxManifestBytes || HeaderBytes + manifestLength > envelope.Length)
            throw new EventSerializationException($"snapshot manifest length {manifestLength} does not fit its {envelope.Length} byte(s)");
        var manifest = Encoding.UTF8.GetString(envelope, HeaderBytes, manifestLength);
        return (manifest, envelope[(HeaderBytes + manifestLength)..]);
    }
}
