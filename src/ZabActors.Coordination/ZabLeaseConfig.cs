using Akka.Configuration;

namespace ZabActors.Coordination;

/// <summary>The lease's defaults (reference.conf), to layer under an application's configuration.</summary>
public static class ZabLeaseConfig
{
    /// <summary>The config path to give Split Brain Resolver, Cluster Singleton or Sharding as their lease implementation.</summary>
    public const string Path = "akka.coordination.lease.zabactors";

    public static Config Default { get; } = Load();

    private static Config Load()
    {
        using var stream = typeof(ZabLeaseConfig).Assembly.GetManifestResourceStream("ZabActors.Coordination.reference.conf")
            ?? throw new InvalidOperationException("ZabActors.Coordination.reference.conf is not embedded");
        using var reader = new StreamReader(stream);
        return ConfigurationFactory.ParseString(reader.ReadToEnd());
    }
}
