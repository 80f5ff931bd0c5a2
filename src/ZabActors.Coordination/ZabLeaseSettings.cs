using Akka.Configuration;
using Akka.Coordination;
using ZabActors.ZooKeeper.Tree;

namespace ZabActors.Coordination;

/// <summary>
/// The lease's configuration, read and checked once: the ensemble's connect string, the lease root
/// znode, the session timeout (from <c>session-timeout</c>, else Akka's heartbeat-timeout) and the
/// operation timeout. Every problem is a <see cref="ConfigurationException"/> naming the key.
/// </summary>
public sealed record ZabLeaseSettings(string ConnectString, string LeaseRoot, TimeSpan SessionTimeout, TimeSpan OperationTimeout)
{
    /// <summary>
    /// The znode name of a lease: the lease name with '/', ':' and other reserved characters
    /// percent-escaped, because Akka builds names from actor paths (Cluster Singleton's lease is
    /// "{system}-singleton-akka://{system}/user/{manager}") and a znode name is one path segment.
    /// </summary>
    public static string NodeName(string leaseName) => Uri.EscapeDataString(leaseName);

    public static ZabLeaseSettings Create(LeaseSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var config = settings.LeaseConfig;
        var connect = config.GetString("connect-string", "");
        if (string.IsNullOrWhiteSpace(connect))
        {
            throw new ConfigurationException("akka.coordination.lease.zabactors.connect-string is empty: name the ensemble's servers, e.g. \"h1:2181,h2:2181\"");
        }
        try
        {
            Client.ConnectString.Parse(connect);
        }
        catch (ArgumentException e)
        {
            throw new ConfigurationException($"akka.coordination.lease.zabactors.connect-string: {e.Message}");
        }
        var root = config.GetString("lease-root", "/zabactors/leases");
        var rootProblem = root == ZooPath.Root ? "the root itself cannot hold leases" : ZooPath.Validate(root);
        if (rootProblem is not null)
        {
            throw new ConfigurationException($"akka.coordination.lease.zabactors.lease-root '{root}': {rootProblem}");
        }
        if (ZooPath.Validate($"{root}/{NodeName(settings.LeaseName)}") is { } nameReason)
        {
            throw new ConfigurationException($"lease name '{settings.LeaseName}' is not a valid znode name: {nameReason}");
        }
        var session = config.HasPath("session-timeout") && config.GetString("session-timeout") is not ("off" or "")
            ? config.GetTimeSpan("session-timeout")
            : settings.TimeoutSettings.HeartbeatTimeout;
        if (session <= TimeSpan.Zero)
        {
            throw new ConfigurationException($"akka.coordination.lease.zabactors.session-timeout must be positive, got {session}");
        }
        return new ZabLeaseSettings(connect, root, session, settings.TimeoutSettings.OperationTimeout);
    }
}
