using ZabActors.Compatibility.Clients;
using ZabActors.Compatibility.Ensembles;

namespace ZabActors.Compatibility;

/// <summary>
/// node-zookeeper-client (npm, pinned in node/package-lock.json, installed by .ci/run) against the
/// ensemble: scripts/node/node_client.js run with node.
/// </summary>
[Collection(CompatibilityCollection.Name)]
public sealed class NodeClientSpec(CompatibilityEnsemble fixture)
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(60);
    private readonly IEnsembleUnderTest ensemble = fixture.Ensemble;

    [Fact]
    public async Task Node_client_should_perform_operations_transactions_and_watches()
    {
        ClientRuntimes.RequireNodeZooKeeperClient();
        var script = Path.Combine(ClientRuntimes.Scripts("node"), "node_client.js");
        var result = await ChildProcess.RunAsync("node", [script, ensemble.ConnectString, TestRoot.For("node", "client")], ScriptTimeout);
        result.ShouldSucceed("ok create", "ok setData stale version", "ok getData missing", "ok ephemeral owner is the session",
            "ok sequential suffix", "ok getChildren", "ok delete", "ok transaction applied", "ok transaction failure is atomic",
            "ok data watch type", "ok child watch type", "PASS");
    }
}
