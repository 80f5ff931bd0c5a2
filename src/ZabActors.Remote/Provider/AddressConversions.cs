using ZabActors.Actors;

namespace ZabActors.Remote;

/// <summary>
/// Converts between the actor runtime's <see cref="Address"/> and the transport's <see cref="RemoteAddress"/>:
/// the same four parts, but a remote address always has a host and a port.
/// </summary>
public static class AddressConversions
{
    public static Address ToActorAddress(this RemoteAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return new Address(address.Protocol, address.System, address.Host, address.Port);
    }

    /// <summary>The transport address of <paramref name="address"/>; fails for an address without host and port.</summary>
    public static RemoteAddress ToRemoteAddress(this Address address) =>
        TryToRemoteAddress(address, out var remote)
            ? remote
            : throw new ArgumentException($"{address} names no network location (expected protocol://system@host:port)", nameof(address));

    public static bool TryToRemoteAddress(this Address address, out RemoteAddress remote)
    {
        ArgumentNullException.ThrowIfNull(address);
        remote = null!;
        if (address.Host is not { } host || address.Port is not { } port)
            return false;
        try
        {
            remote = new RemoteAddress(address.Protocol, address.System, host, port);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
