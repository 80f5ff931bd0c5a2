namespace ZabActors.Actors;

/// <summary>
/// Where an actor system lives: <c>zab://system</c> for a local system, or
/// <c>zab.tcp://system@host:port</c> once a transport gives it a network location.
/// </summary>
public sealed record Address
{
    public const string LocalProtocol = "zab";

    public Address(string protocol, string system, string? host = null, int? port = null)
    {
        if (string.IsNullOrWhiteSpace(protocol)) throw new ArgumentException("protocol must not be empty", nameof(protocol));
        if (string.IsNullOrWhiteSpace(system)) throw new ArgumentException("system name must not be empty", nameof(system));
        if (port is < 0 or > 65535) throw new ArgumentOutOfRangeException(nameof(port), port, "port must be in 0..65535");
        if (port is not null && host is null) throw new ArgumentException("a port needs a host", nameof(port));
        Protocol = protocol;
        System = system;
        Host = host;
        Port = port;
    }

    public string Protocol { get; }
    public string System { get; }
    public string? Host { get; }
    public int? Port { get; }

    /// <summary>True when the address names no network location, i.e. an in-process system.</summary>
    public bool HasLocalScope => Host is null;

    public bool HasGlobalScope => Host is not null;

    public static Address Local(string system) => new(LocalProtocol, system);

    public override string ToString()
    {
        if (Host is null) return $"{Protocol}://{System}";
        return Port is null ? $"{Protocol}://{System}@{Host}" : $"{Protocol}://{System}@{Host}:{Port}";
    }

    /// <summary>Parses <c>protocol://system</c> or <c>protocol://system@host[:port]</c>.</summary>
    public static Address Parse(string text)
    {
        if (!TryParse(text, out var address, out var rest) || rest.Length != 0)
            throw new FormatException($"'{text}' is not an actor system address (expected protocol://system[@host:port])");
        return address;
    }

    /// <summary>Parses the address prefix of an actor path; <paramref name="rest"/> is what follows it.</summary>
    internal static bool TryParse(string text, out Address address, out string rest)
    {
        address = null!;
        rest = "";
        int schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0) return false;
        string protocol = text[..schemeEnd];
        int authorityStart = schemeEnd + 3;
        int slash = text.IndexOf('/', authorityStart);
        string authority = slash < 0 ? text[authorityStart..] : text[authorityStart..slash];
        rest = slash < 0 ? "" : text[slash..];
        int at = authority.IndexOf('@');
        if (at < 0)
        {
            if (authority.Length == 0) return false;
            address = new Address(protocol, authority);
            return true;
        }
        string system = authority[..at];
        string hostPort = authority[(at + 1)..];
        if (system.Length == 0 || hostPort.Length == 0) return false;
        int colon = hostPort.LastIndexOf(':');
        if (colon < 0)
        {
            address = new Address(protocol, system, hostPort);
            return true;
        }
        if (!int.TryParse(hostPort[(colon + 1)..], out int port) || port is < 0 or > 65535) return false;
        string host = hostPort[..colon];
        if (host.Length == 0) return false;
        address = new Address(protocol, system, host, port);
        return true;
    }
}
