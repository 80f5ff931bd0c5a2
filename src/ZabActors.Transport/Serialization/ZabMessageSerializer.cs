using System.Globalization;
using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Serialization;
using ZabActors.Zab;

namespace ZabActors.Transport.Serialization;

/// <summary>
/// Akka serializer for the election <see cref="Notification"/> and every <see cref="QuorumPacket"/>
/// sent on their own: the manifest is the message's tag in decimal (ZooKeeper's packet type, 100 for
/// a notification) and the body is <see cref="ZabCodec"/>'s layout without the tag.
/// </summary>
public sealed class ZabMessageSerializer : SerializerWithStringManifest
{
    /// <summary>Outside Akka's reserved 0-100 range; 4101 is <see cref="TransportFrameSerializer"/>.</summary>
    public const int SerializerId = 4100;

    public ZabMessageSerializer(ExtendedActorSystem system)
        : base(system)
    {
    }

    public override int Identifier => SerializerId;

    public override string Manifest(object o) => o is ZabMessage message
        ? ZabCodec.TagOf(message).ToString(CultureInfo.InvariantCulture)
        : throw new SerializationException($"{nameof(ZabMessageSerializer)} cannot serialize {o.GetType().FullName}");

    public override byte[] ToBinary(object obj)
    {
        if (obj is not ZabMessage message)
        {
            throw new SerializationException($"{nameof(ZabMessageSerializer)} cannot serialize {obj.GetType().FullName}");
        }
        var output = new WireWriter();
        ZabCodec.WriteBody(output, message);
        return output.ToArray();
    }

    public override object FromBinary(byte[] bytes, string manifest)
    {
        if (!byte.TryParse(manifest, NumberStyles.None, CultureInfo.InvariantCulture, out var tag))
        {
            throw new SerializationException($"unknown ZAB message manifest '{manifest}'");
        }
        var input = new WireReader(bytes);
        var message = ZabCodec.ReadBody(tag, ref input);
        input.EnsureConsumed();
        return message;
    }
}
