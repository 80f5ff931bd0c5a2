using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Cluster.Tools.Singleton;
using Akka.Configuration;
using Akka.Hosting;
using Akka.Remote.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ZabActors.Coordination;

namespace ZabActors.Samples.ClusterSingleton;

/// <summary>
/// One cluster node: Akka.Remote and Akka.Cluster through Akka.Hosting, the ZabActors lease, the
/// singleton manager (which takes the lease before it starts the singleton), and the actors that log
/// the cluster and the leases. It runs until Ctrl+C / SIGTERM, or until its ActorSystem terminates
/// (Split Brain Resolver downed it).
/// </summary>
public static class SampleNode
{
    public static async Task<int> RunAsync(SampleOptions options)
    {
        var config = SampleConfig.Load(options.ConfigFile);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddAkka(options.SystemName, (akka, _) => Configure(akka, options, config));
        using var host = builder.Build();
        await host.StartAsync();
        var system = host.Services.GetRequiredService<ActorSystem>();
        await Task.WhenAny(host.WaitForShutdownAsync(), system.WhenTerminated);
        await host.StopAsync(TimeSpan.FromSeconds(30));
        return 0;
    }

    private static void Configure(AkkaConfigurationBuilder akka, SampleOptions options, Config config)
    {
        // Lowest first: the sample's HOCON, then Akka's singleton defaults; the command line goes on top.
        akka.AddHocon(config, HoconAddMode.Append);
        akka.AddHocon(Akka.Cluster.Tools.Singleton.ClusterSingleton.DefaultConfig(), HoconAddMode.Append);
        if (options.Port is { } port)
        {
            akka.WithRemoting("127.0.0.1", port);
        }
        akka.WithClustering(new ClusterOptions
        {
            SeedNodes = options.Seeds.Count == 0 ? null : options.Seeds.Select(s => $"akka.tcp://{options.SystemName}@{s}").ToArray(),
        });
        if (options.ZooKeeper is { } zk)
        {
            var lease = config.GetConfig(ZabLeaseConfig.Path);
            akka.WithZabLease(new ZabLeaseOptions
            {
                ConnectString = zk,
                LeaseRoot = lease.GetString("lease-root", "/zabactors/leases"),
                SessionTimeout = lease.GetString("session-timeout", "off") is "off" ? null : lease.GetTimeSpan("session-timeout"),
                OperationTimeout = lease.GetTimeSpan("lease-operation-timeout", TimeSpan.FromSeconds(5)),
            });
        }
        else
        {
            akka.AddHocon(ZabLeaseConfig.Default, HoconAddMode.Append);
        }
        akka.WithActors((system, _) => StartActors(system, options, config));
    }

    private static void StartActors(ActorSystem system, SampleOptions options, Config config)
    {
        var record = options.Record is null ? null : new ActivationLog(options.Record);
        var settings = ClusterSingletonManagerSettings.Create(system);
        var manager = system.ActorOf(
            ClusterSingletonManager.Props(SingletonActor.Props(record), PoisonPill.Instance, settings), "singleton-manager");
        system.ActorOf(ClusterStatusActor.Props(), "cluster-status");
        if (config.GetBoolean("sample.watch-singleton-lease", true))
        {
            system.ActorOf(LeaseWatcherActor.Props(SampleLeases.SingletonLeaseName(system, manager.Path)), "singleton-lease-watcher");
            system.ActorOf(LeaseWatcherActor.Props(SampleLeases.SbrLeaseName(system)), "sbr-lease-watcher");
        }
    }
}
