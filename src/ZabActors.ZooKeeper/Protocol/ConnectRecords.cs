using ZabActors.ZooKeeper.Jute;

namespace ZabActors.ZooKeeper.Protocol;

/// <summary>
/// The first packet of a client connection (ConnectRequest): the last zxid the client saw, the session
/// timeout it asks for, the session id and password when it resumes a session (0 and 16 zero bytes
/// when new), and — from 3.4 clients on — whether it accepts a read-only server.
/// </summary>
public sealed record ConnectRequest(int ProtocolVersion, long LastZxidSeen, int TimeoutMs, long SessionId, byte[] Password, bool ReadOnly)
{
    /// <summary>Old clients end the packet after the password; the read-only flag is optional on the wire.</summary>
    public static ConnectRequest Read(ReadOnlySpan<byte> packet, int maxLength)
    {
        var reader = new JuteReader(packet, maxLength);
        var version = reader.ReadInt();
        var lastZxid = reader.ReadLong();
        var timeout = reader.ReadInt();
        var session = reader.ReadLong();
        var password = reader.ReadBuffer() ?? [];
        var readOnly = reader.Remaining > 0 && reader.ReadBool();
        reader.EnsureConsumed("ConnectRequest");
        return new ConnectRequest(version, lastZxid, timeout, session, password, readOnly);
    }

    public void Write(JuteWriter writer) =>
        writer.WriteInt(ProtocolVersion).WriteLong(LastZxidSeen).WriteInt(TimeoutMs).WriteLong(SessionId).WriteBuffer(Password).WriteBool(ReadOnly);
}

/// <summary>The answer to <see cref="ConnectRequest"/>; a timeout of 0 tells the client its session is gone.</summary>
public sealed record ConnectResponse(int ProtocolVersion, int TimeoutMs, long SessionId, byte[] Password, bool ReadOnly)
{
    public void Write(JuteWriter writer) =>
        writer.WriteInt(ProtocolVersion).WriteInt(TimeoutMs).WriteLong(SessionId).WriteBuffer(Password).WriteBool(ReadOnly);

    public static ConnectResponse Read(ReadOnlySpan<byte> packet)
    {
        var reader = new JuteReader(packet);
        var response = new ConnectResponse(reader.ReadInt(), reader.ReadInt(), reader.ReadLong(), reader.ReadBuffer() ?? [], reader.Remaining > 0 && reader.ReadBool());
        reader.EnsureConsumed("ConnectResponse");
        return response;
    }
}
