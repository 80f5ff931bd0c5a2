using System.Buffers.Binary;
using System.Security.Cryptography;

namespace ZabActors.ZooKeeper.Server;

/// <summary>
/// A session's password: 16 bytes every server of the ensemble derives alike from the session id and
/// the ensemble's shared secret (ZooKeeper seeds java.util.Random with id ^ a constant; we use
/// HMAC-SHA256, so a password cannot be computed from the id without the secret). A client that
/// moves to another server presents it there; a wrong one is refused, so a guessed id is not a session.
/// </summary>
public sealed class SessionPasswords(byte[] secret)
{
    private readonly byte[] secret = secret.Length >= 16 ? secret : throw new ArgumentException("the session secret needs at least 16 bytes", nameof(secret));

    public byte[] For(long sessionId)
    {
        Span<byte> id = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(id, sessionId);
        return HMACSHA256.HashData(secret, id)[..16];
    }

    public bool Check(long sessionId, ReadOnlySpan<byte> password) =>
        CryptographicOperations.FixedTimeEquals(For(sessionId), password);
}
