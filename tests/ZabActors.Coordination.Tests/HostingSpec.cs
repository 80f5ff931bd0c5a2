using Akka.Actor;
using Akka.Configuration;
using Akka.Coordination;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ZabActors.Client.Tests;

namespace ZabActors.Coordination.Tests;

/// <summary>The lease configured through Akka.Hosting, as an application adds it.</summary>
[Collection(ApacheZooKeeperCollection.Name)]
public sealed class HostingSpec(ApacheZooKeeper zookeeper)
{
    [Fact]
    public async Task WithZabLease_configures_a_lease_that_works()
    {
        using var host = new HostBuilder()
            .ConfigureServices(services => services.AddAkka("hosted", builder => builder
                .AddHocon("akka.loglevel = WARNING", HoconAddMode.Prepend)
                .WithZabLease(new ZabLeaseOptions { ConnectString = zookeeper.ConnectString, LeaseRoot = $"/hosted-{Guid.NewGuid():N}", SessionTimeout = TimeSpan.FromSeconds(4) })))
            .Build();
        await host.StartAsync();
        var system = host.Services.GetRequiredService<ActorSystem>();

        var lease = LeaseProvider.Get(system).GetLease("hosted-lease", ZabLeaseConfig.Path, "me");

        Assert.IsType<ZabLease>(lease);
        Assert.True(await lease.Acquire());
        Assert.True(await lease.Release());
        await host.StopAsync();
    }

    [Fact]
    public void A_bad_connect_string_fails_at_configuration_time()
    {
        var error = Assert.Throws<ConfigurationException>(() => new AkkaConfigurationBuilder(new ServiceCollection(), "bad")
            .WithZabLease(new ZabLeaseOptions { ConnectString = "nonsense" }));

        Assert.Contains("host:port", error.Message);
    }
}
