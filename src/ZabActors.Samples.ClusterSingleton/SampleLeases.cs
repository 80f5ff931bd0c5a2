using Akka.Actor;

namespace ZabActors.Samples.ClusterSingleton;

/// <summary>The names Akka gives the leases of this sample, so the sample can find and watch them.</summary>
public static class SampleLeases
{
    /// <summary>ClusterSingletonManager names its lease "{system}-singleton-{manager's path}".</summary>
    public static string SingletonLeaseName(ActorSystem system, ActorPath managerPath) => $"{system.Name}-singleton-{managerPath}";

    /// <summary>Split Brain Resolver's lease-majority uses "{system}-akka-sbr" unless lease-name is set.</summary>
    public static string SbrLeaseName(ActorSystem system) => $"{system.Name}-akka-sbr";
}
