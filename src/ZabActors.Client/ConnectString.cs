using System.Net;

namespace ZabActors.Client;

/// <summary>A ZooKeeper connect string: comma-separated host:port pairs ("h1:2181,h2:2181").</summary>
public static class ConnectString
{
    public static IReadOnlyList<DnsEndPoint> Parse(string connectString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectString);
        if (connectString.Contains('/'))
        {
            throw new ArgumentException($"a chroot suffix is not supported: '{connectString}'", nameof(connectString));
        }
        return [.. connectString.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Endpoint)];
    }

    private static DnsEndPoint Endpoint(string hostPort)
    {
        var colon = hostPort.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(hostPort[(colon + 1)..], out var port) || port is <= 0 or > 65535)
        {
            throw new ArgumentException($"'{hostPort}' is not host:port", nameof(hostPort));
        }
        return new DnsEndPoint(hostPort[..colon].Trim('[', ']'), port);
    }
}
