using Microsoft.Extensions.Logging.Abstractions;
using ZabActors.Actors;
using ZabActors.Hocon;

namespace ZabActors.Remote;

/// <summary>How a system gets remoting (<see cref="WithRemoting"/>) and how code finds it again (<see cref="GetRemoting"/>).</summary>
public static class RemotingSetupExtensions
{
    /// <summary>
    /// Binds the transport now (the system's address includes the port actually bound) and makes the
    /// system use the <see cref="RemoteActorRefProvider"/>. The returned setup creates one system named
    /// <paramref name="systemName"/>; call <c>WithLoggerFactory</c> before this so remoting logs there too.
    /// </summary>
    public static ActorSystemSetup WithRemoting(this ActorSystemSetup setup, string systemName, RemoteSetup remote) =>
        WithRemoting(setup, systemName, remote, out _);

    /// <summary>The remoting of <paramref name="system"/>; fails for a system created without it.</summary>
    public static Remoting GetRemoting(this ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return system.TryGetExtension<Remoting>(out var remoting) && remoting is not null
            ? remoting
            : throw new InvalidOperationException($"actor system {system.Name} has no remoting; create it with ActorSystemSetup.WithRemoting or RemoteActorSystem.Create");
    }

    internal static ActorSystemSetup WithRemoting(this ActorSystemSetup setup, string systemName, RemoteSetup remote, out Remoting remoting)
    {
        ArgumentNullException.ThrowIfNull(setup);
        remoting = Remoting.Start(systemName, remote, remote.LoggerFactory ?? setup.LoggerFactory ?? NullLoggerFactory.Instance);
        return setup.WithAddress(remoting.Address).WithProvider(remoting.Attach);
    }
}

/// <summary>Creates actor systems with remoting in one call.</summary>
public static class RemoteActorSystem
{
    /// <summary>
    /// Creates system <paramref name="name"/> configured by <paramref name="config"/>, reachable at
    /// <c>zab.tcp://name@host:port</c>. When the system cannot be created, the bound transport is closed again.
    /// </summary>
    public static ActorSystem Create(string name, Config? config, RemoteSetup remote, ActorSystemSetup? setup = null)
    {
        var full = (setup ?? ActorSystemSetup.Empty).WithRemoting(name, remote, out var remoting);
        try
        {
            return ActorSystem.Create(name, config, full);
        }
        catch
        {
            remoting.Abort();
            throw;
        }
    }
}
