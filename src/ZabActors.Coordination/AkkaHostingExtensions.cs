using Akka.Configuration;
using Akka.Hosting;

namespace ZabActors.Coordination;

/// <summary>Options of <see cref="AkkaHostingExtensions.WithZabLease"/>; each maps onto a key under akka.coordination.lease.zabactors.</summary>
public sealed record ZabLeaseOptions
{
    /// <summary>The ensemble's servers ("h1:2181,h2:2181"). Required.</summary>
    public required string ConnectString { get; init; }

    public string LeaseRoot { get; init; } = "/zabactors/leases";

    /// <summary>The holder's session timeout; null uses heartbeat-timeout.</summary>
    public TimeSpan? SessionTimeout { get; init; }

    public TimeSpan OperationTimeout { get; init; } = TimeSpan.FromSeconds(5);
}

/// <summary>Akka.Hosting: <c>builder.WithZabLease(new ZabLeaseOptions { ConnectString = "..." })</c>.</summary>
public static class AkkaHostingExtensions
{
    /// <summary>
    /// Configures the ZabActors lease under <see cref="ZabLeaseConfig.Path"/> (give that path to Split
    /// Brain Resolver's lease-majority, or to Cluster Singleton's and Sharding's use-lease) and checks the
    /// options at once, so a wrong connect string fails at startup rather than at the first partition.
    /// </summary>
    public static AkkaConfigurationBuilder WithZabLease(this AkkaConfigurationBuilder builder, ZabLeaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        var session = options.SessionTimeout is { } timeout ? $"{(long)timeout.TotalMilliseconds}ms" : "off";
        var config = ConfigurationFactory.ParseString($$"""
            {{ZabLeaseConfig.Path}} {
              connect-string = "{{options.ConnectString}}"
              lease-root = "{{options.LeaseRoot}}"
              session-timeout = {{session}}
              lease-operation-timeout = {{(long)options.OperationTimeout.TotalMilliseconds}}ms
            }
            """).WithFallback(ZabLeaseConfig.Default);
        var lease = config.GetConfig(ZabLeaseConfig.Path);
        ZabLeaseSettings.Create(new Akka.Coordination.LeaseSettings("startup-check", "startup-check", Akka.Coordination.TimeoutSettings.Create(lease), lease));
        return builder.AddHocon(config, HoconAddMode.Prepend);
    }
}
