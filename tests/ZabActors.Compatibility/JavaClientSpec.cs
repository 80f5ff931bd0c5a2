using ZabActors.Compatibility.Clients;
using ZabActors.Compatibility.Ensembles;

namespace ZabActors.Compatibility;

/// <summary>
/// The Apache ZooKeeper Java client (Debian's zookeeper.jar) against the ensemble: a small program,
/// scripts/java/CompatClient.java, compiled at test time, one scenario per test.
/// </summary>
[Collection(CompatibilityCollection.Name)]
public sealed class JavaClientSpec(CompatibilityEnsemble fixture)
{
    private static readonly TimeSpan ProgramTimeout = TimeSpan.FromSeconds(60);
    private readonly IEnsembleUnderTest ensemble = fixture.Ensemble;

    [Fact]
    public async Task Java_client_should_perform_the_operations_and_see_their_errors()
    {
        (await RunAsync("ops")).ShouldSucceed("ok create", "ok setData stale version", "ok ephemeral owner", "ok sequential name",
            "ok create2 returns stat", "ok getChildren", "ok delete non-empty", "ok deleted", "ok sync", "PASS");
    }

    [Fact]
    public async Task Java_client_container_and_ttl_nodes_should_be_reaped()
    {
        var expected = ensemble.TtlNodesEnabled ? "ok ttl node expires" : "ok ttl not enabled on this ensemble";
        (await RunAsync("container_ttl", ensemble.TtlNodesEnabled ? ["ttl"] : [])).ShouldSucceed("ok container removed once emptied", expected, "PASS");
    }

    [Fact]
    public async Task Java_client_watch_should_fire_once()
    {
        (await RunAsync("watch")).ShouldSucceed("ok data watch fires", "ok one-shot watch stays quiet", "ok child watch fires", "PASS");
    }

    [Fact]
    public async Task Java_client_multi_should_commit_atomically_or_not_at_all()
    {
        (await RunAsync("multi")).ShouldSucceed("ok multi results", "ok multi failure code", "ok rolled back op code", "ok multi failure is atomic", "ok read multi", "PASS");
    }

    [Fact]
    public async Task Java_client_ephemeral_sequential_lock_should_exclude()
    {
        (await RunAsync("lock")).ShouldSucceed("ok mutual exclusion", "ok every round held the lock", "PASS");
    }

    private Task<ChildResult> RunAsync(string scenario, params string[] extra) =>
        JavaClient.RunAsync(ensemble.ConnectString, TestRoot.For("java", scenario), scenario, ProgramTimeout, extra);
}
