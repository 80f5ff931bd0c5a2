using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace ZabActors.ZooKeeper.Data;

/// <summary>
/// The authentication schemes ZooKeeper ships (world, auth, digest, ip, super): how an addAuth
/// credential becomes an identity, which ids are valid in an ACL, and whether an identity matches an
/// ACL entry (AuthenticationProvider.matches).
/// </summary>
public static class AuthIds
{
    public const string World = "world";
    public const string Auth = "auth";
    public const string Digest = "digest";
    public const string Ip = "ip";
    public const string Super = "super";

    /// <summary>digest's id for "user:password": "user:" + base64(sha1("user:password")), as ZooKeeper computes it.</summary>
    public static string DigestOf(string userColonPassword)
    {
        ArgumentNullException.ThrowIfNull(userColonPassword);
        var colon = userColonPassword.IndexOf(':');
        if (colon < 0)
        {
            throw new ArgumentException("a digest credential is user:password", nameof(userColonPassword));
        }
        var hash = SHA1.HashData(Encoding.UTF8.GetBytes(userColonPassword));
        return userColonPassword[..colon] + ":" + Convert.ToBase64String(hash);
    }

    /// <summary>Whether the scheme's ids count as authenticated (they may stand in for auth:"" in an ACL).</summary>
    public static bool IsAuthenticated(string scheme) => scheme is Digest or Super;

    /// <summary>Whether <paramref name="id"/> may appear in an ACL.</summary>
    public static bool IsValid(Id id) => id.Scheme switch
    {
        World => id.Value == "anyone",
        Digest => id.Value.Contains(':'),
        Ip => TryParseNetwork(id.Value, out _, out _),
        _ => false,
    };

    /// <summary>Whether the connection's identity <paramref name="auth"/> is covered by the ACL's <paramref name="aclId"/>.</summary>
    public static bool Matches(Id auth, Id aclId)
    {
        if (auth.Scheme != aclId.Scheme)
        {
            return false;
        }
        return aclId.Scheme switch
        {
            Digest or Super => auth.Value == aclId.Value,
            Ip => IpMatches(auth.Value, aclId.Value),
            _ => false,
        };
    }

    private static bool IpMatches(string address, string network)
    {
        if (!IPAddress.TryParse(address, out var ip) || !TryParseNetwork(network, out var prefix, out var bits))
        {
            return false;
        }
        var a = ip.GetAddressBytes();
        var n = prefix.GetAddressBytes();
        if (a.Length != n.Length)
        {
            return false;
        }
        for (var i = 0; i < a.Length && bits > 0; i++, bits -= 8)
        {
            var mask = bits >= 8 ? 0xFF : (0xFF << (8 - bits)) & 0xFF;
            if ((a[i] & mask) != (n[i] & mask))
            {
                return false;
            }
        }
        return true;
    }

    private static bool TryParseNetwork(string value, out IPAddress prefix, out int bits)
    {
        var slash = value.IndexOf('/');
        var text = slash < 0 ? value : value[..slash];
        bits = 0;
        if (!IPAddress.TryParse(text, out prefix!))
        {
            return false;
        }
        var max = prefix.GetAddressBytes().Length * 8;
        if (slash < 0)
        {
            bits = max;
            return true;
        }
        return int.TryParse(value[(slash + 1)..], out bits) && bits >= 0 && bits <= max;
    }
}
