using Akka.TestKit.Xunit2;
using ZabActors.Client;
using ZabActors.Client.Tests;
using ZabActors.ZooKeeper.Watches;

namespace ZabActors.Coordination.Tests;

/// <summary>Watch events and session changes reach an actor as messages.</summary>
[Collection(ApacheZooKeeperCollection.Name)]
public sealed class ActorWatchersSpec(ApacheZooKeeper zookeeper) : TestKit
{
    [Fact]
    public async Task Watch_events_and_session_changes_arrive_as_messages()
    {
        var probe = CreateTestProbe();
        var client = await ZooKeeperClient.ConnectAsync(zookeeper.ConnectString);
        client.SubscribeSessionChanges(probe.Ref);
        var path = $"/actor-watch-{Guid.NewGuid():N}";
        await client.ExistsAsync(path, ActorWatchers.WatcherFor(probe.Ref));

        await client.CreateAsync(path, []);

        var fired = probe.FishForMessage<ZooKeeperWatchFired>(_ => true, TimeSpan.FromSeconds(10));
        Assert.Equal((EventType.NodeCreated, path), (fired.Event.Type, fired.Event.Path));
        await client.CloseAsync();
        probe.FishForMessage<ZooKeeperSessionChanged>(m => m.State == SessionState.Closed, TimeSpan.FromSeconds(10));
    }
}
