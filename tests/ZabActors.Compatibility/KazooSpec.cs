using ZabActors.Compatibility.Clients;
using ZabActors.Compatibility.Ensembles;

namespace ZabActors.Compatibility;

/// <summary>
/// kazoo (Debian python3-kazoo 2.8) against the ensemble: operations, error codes, watches, session
/// recovery across a killed server, and kazoo's recipes. Each scenario is a script under
/// scripts/kazoo run as a child process; it prints "ok CHECK" per check and PASS at the end.
/// </summary>
[Collection(CompatibilityCollection.Name)]
public sealed class KazooSpec(CompatibilityEnsemble fixture)
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(60);
    private readonly IEnsembleUnderTest ensemble = fixture.Ensemble;

    [Fact]
    public async Task Kazoo_should_perform_every_basic_operation()
    {
        (await RunAsync("kazoo_operations.py", "operations")).ShouldSucceed(
            "ok create ephemeral path", "ok ephemeral sequential", "ok set with stale version", "ok read with digest auth",
            "ok multi success results", "ok multi failure is atomic", "ok sync", "PASS");
    }

    [Fact]
    public async Task Kazoo_container_and_ttl_nodes_should_be_created_and_reaped()
    {
        var ttl = ensemble.TtlNodesEnabled ? "ttl" : "nottl";
        var expected = ensemble.TtlNodesEnabled ? "ok ttl node expires" : "ok ttl not enabled on this ensemble";
        (await RunAsync("kazoo_extended_types.py", "extended-types", ttl)).ShouldSucceed("ok createContainer path", "ok container reaped once emptied", expected, "PASS");
    }

    [Fact]
    public async Task Kazoo_should_receive_each_error_code()
    {
        (await RunAsync("kazoo_errors.py", "errors")).ShouldSucceed(
            "ok get missing NoNodeError", "ok create twice NodeExistsError", "ok set stale version BadVersionError",
            "ok delete parent NotEmptyError", "ok get without auth NoAuthError", "PASS");
    }

    [Fact]
    public async Task Kazoo_watches_should_fire_once_and_drive_the_watch_helpers()
    {
        (await RunAsync("kazoo_watches.py", "watches")).ShouldSucceed(
            "ok data watch fires once", "ok child watch fires", "ok watch across sessions",
            "ok DataWatch sees delete", "ok ChildrenWatch sees delete", "PASS");
    }

    [Theory]
    [InlineData("election")]
    [InlineData("barrier")]
    [InlineData("double_barrier")]
    [InlineData("counter")]
    [InlineData("party")]
    [InlineData("queue")]
    [InlineData("locking_queue")]
    [InlineData("tree_cache")]
    public async Task Kazoo_recipe_should_work(string recipe)
    {
        (await RunAsync("kazoo_recipes.py", recipe, recipe)).ShouldSucceed("PASS");
    }

    [Fact]
    public async Task Kazoo_lock_should_exclude_across_processes()
    {
        const int Workers = 3;
        const int Iterations = 5;
        var python = await ClientRuntimes.PythonWithKazooAsync();
        var root = TestRoot.For("kazoo", "lock");
        var script = Path.Combine(ClientRuntimes.Scripts("kazoo"), "kazoo_lock_worker.py");
        var workers = Enumerable.Range(1, Workers)
            .Select(i => ChildProcess.RunAsync(python, [script, ensemble.ConnectString, root, $"w{i}", $"{Iterations}"], ScriptTimeout, ClientRuntimes.Scripts("kazoo")))
            .ToList();
        foreach (var (result, i) in (await Task.WhenAll(workers)).Select((r, i) => (r, i + 1)))
        {
            result.ShouldSucceed($"ok w{i} done", "PASS");
        }
        // The counter adds up only if no two read-modify-writes interleaved.
        (await RunInlineAsync(python, $"print(zk.get('{root}/counter')[0].decode())")).ShouldSucceed($"{Workers * Iterations}");
    }

    [Fact]
    public async Task Kazoo_session_should_survive_the_loss_of_its_server()
    {
        const int Victim = 1;
        var python = await ClientRuntimes.PythonWithKazooAsync();
        // The victim first and randomization off in the script: the client is connected to the victim.
        var hosts = string.Join(',', new[] { Victim }.Concat(Enumerable.Range(1, ensemble.ServerCount).Where(id => id != Victim)).Select(ensemble.ServerAddress));
        var root = TestRoot.For("kazoo", "session");
        await using var client = ChildProcess.Start(python, [Path.Combine(ClientRuntimes.Scripts("kazoo"), "kazoo_session.py"), hosts, root], ScriptTimeout, ClientRuntimes.Scripts("kazoo"));
        await client.WaitForLineAsync("READY", TimeSpan.FromSeconds(30));
        await ensemble.KillAsync(Victim);
        try
        {
            await client.SendLineAsync("GO");
            (await client.WaitForExitAsync()).ShouldSucceed("ok same session after reconnect", "ok ephemeral survives", "PASS");
        }
        finally
        {
            using var restart = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await ensemble.RestartAsync(Victim, restart.Token);
        }
    }

    private async Task<ChildResult> RunAsync(string script, string test, params string[] extra)
    {
        var python = await ClientRuntimes.PythonWithKazooAsync();
        var dir = ClientRuntimes.Scripts("kazoo");
        return await ChildProcess.RunAsync(python, [Path.Combine(dir, script), ensemble.ConnectString, TestRoot.For("kazoo", test), .. extra], ScriptTimeout, dir);
    }

    private async Task<ChildResult> RunInlineAsync(string python, string code) =>
        await ChildProcess.RunAsync(python, ["-c", $"from compat import connect\nzk = connect('{ensemble.ConnectString}')\n{code}\nzk.stop()"], ScriptTimeout, ClientRuntimes.Scripts("kazoo"));
}
