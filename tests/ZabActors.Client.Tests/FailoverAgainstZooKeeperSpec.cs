using System.Net;
using System.Threading.Channels;
using ZabActors.ZooKeeper.Data;
using ZabActors.ZooKeeper.Watches;

namespace ZabActors.Client.Tests;

/// <summary>
/// A session outlives the server it was connected to: killed with SIGKILL, the client moves to
/// another server within the session timeout and keeps its id, ephemerals and watches (Apache
/// ZooKeeper 3.8 ensemble of three JVMs).
/// </summary>
public sealed class FailoverAgainstZooKeeperSpec
{
    [Fact]
    public async Task A_session_moves_to_another_server_and_keeps_ephemerals_and_watches()
    {
        await using var ensemble = new ApacheZooKeeperEnsemble();
        await ensemble.StartAsync();
        await using var client = await ZooKeeperClient.ConnectAsync(ensemble.ConnectString, new ZooKeeperClientOptions { SessionTimeout = TimeSpan.FromSeconds(8) });
        var states = Channel.CreateUnbounded<SessionState>();
        client.StateChanged += s => states.Writer.TryWrite(s);
        await client.CreateAsync("/owned", [], CreateMode.Ephemeral);
        var events = Channel.CreateUnbounded<WatchedEvent>();
        await client.CreateAsync("/watched", []);
        await client.GetDataAsync("/watched", e => events.Writer.TryWrite(e));
        var session = client.SessionId;
        var connectedTo = ((IPEndPoint)client.CurrentServer!).Port;
        var killed = Enumerable.Range(1, 3).Single(id => ensemble.ClientPort(id) == connectedTo);

        ensemble.Kill(killed);

        await WaitForStateAsync(states, SessionState.Disconnected);
        await WaitForStateAsync(states, SessionState.Connected);
        Assert.Equal(session, client.SessionId);
        Assert.NotEqual(connectedTo, ((IPEndPoint)client.CurrentServer!).Port);
        Assert.NotNull(await client.ExistsAsync("/owned"));

        await using var other = await ZooKeeperClient.ConnectAsync(ensemble.ConnectString);
        await other.SetDataAsync("/watched", [1]);

        var fired = await FirstNodeEventAsync(events);
        Assert.Equal(EventType.NodeDataChanged, fired.Type);
    }

    /// <summary>Skips earlier states (the first Connected may arrive after subscribing) up to <paramref name="target"/>.</summary>
    private static async Task WaitForStateAsync(Channel<SessionState> states, SessionState target)
    {
        while (await states.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20)) != target)
        {
        }
    }

    private static async Task<WatchedEvent> FirstNodeEventAsync(Channel<WatchedEvent> events)
    {
        while (true)
        {
            var e = await events.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20));
            if (e.Type != EventType.None)
            {
                return e;
            }
        }
    }
}
