namespace ZabActors.Remote;

/// <summary>
/// Names one actor system reachable over a transport, written <c>protocol://system@host:port</c> as
/// Akka's <c>Address</c> (for example <c>zab.tcp://zab@10.0.0.1:2552</c>). Equality is ordinal on every
/// part and the hash is computed once, because endpoints are looked up by address on every send.
/// </summary>
public sealed record RemoteAddress
{
    private readonly int _hash;
    private string? _text;

    public RemoteAddress(string protocol, string system, string host, int port)
    {
        ValidatePart(protocol, nameof(protocol), ":/@");
        ValidatePart(system, nameof(system), ":/@");
        ValidatePart(host, nameof(host), "/@");
        if (port is < 0 or > 65535)
            throw new ArgumentOutOfRangeException(nameof(port), port, "port must be within 0..65535");
        Protocol = protocol;
        System = system;
        Host = host;
        Port = port;
        _hash = HashCode.Combine(protocol, system, host, port);
    }

    public string Protocol { get; }
    public string System { get; }
    public string Host { get; }
    public int Port { get; }

    public RemoteAddress WithPort(int port) => new(Protocol, System, Host, port);

    public RemoteAddress WithHost(string host) => new(Protocol, System, host, Port);

    public bool Equals(RemoteAddress? other) =>
        other is not null
        && (ReferenceEquals(this, other)
            || (_hash == other._hash
                && Port == other.Port
                && string.Equals(Host, other.Host, StringComparison.Ordinal)
                && string.Equals(System, other.System, StringComparison.Ordinal)
                && string.Equals(Protocol, other.Protocol, StringComparison.Ordinal)));

    public override int GetHashCode() => _hash;

    public override string ToString() =>
        _text ??= Host.Contains(':') ? $"{Protocol}://{System}@[{Host}]:{Port}" : $"{Protocol}://{System}@{Host}:{Port}";

    /// <summary>Parses <c>protocol://system@host:port</c>; IPv6 hosts are written in brackets.</summary>
    public static RemoteAddress Parse(string text) =>
        TryParse(text, out var address, out var error) ? address : throw new FormatException(error);

    public static bool TryParse(string text, out RemoteAddress address, out string error)
    {
        address = null!;
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        var at = scheme < 0 ? -1 : text.IndexOf('@', scheme + 3);
        if (scheme <= 0 || at < 0)
        {
            error = $"'{text}' is not an address of the form protocol://system@host:port";
            return false;
        }
        var hostAndPort = text.AsSpan(at + 1);
        var colon = hostAndPort.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(hostAndPort[(colon + 1)..], out var port) || port is < 0 or > 65535)
        {
            error = $"'{text}' has no valid port";
            return false;
        }
        var host = hostAndPort[..colon];
        if (host.Length > 2 && host[0] == '[' && host[^1] == ']')
            host = host[1..^1];
        try
        {
            address = new RemoteAddress(text[..scheme], text[(scheme + 3)..at], host.ToString(), port);
            error = "";
            return true;
        }
        catch (ArgumentException e)
        {
            error = $"'{text}': {e.Message}";
            return false;
        }
    }

    private static void ValidatePart(string value, string name, string forbidden)
    {
        ArgumentNullException.ThrowIfNull(value, name);
        if (value.Length == 0)
            throw new ArgumentException($"{name} must not be empty", name);
        if (value.AsSpan().IndexOfAny(forbidden) >= 0 || value.AsSpan().IndexOfAny(" \t\r\n") >= 0)
            throw new ArgumentException($"{name} '{value}' contains a character out of [{forbidden}] or whitespace", name);
    }
}
