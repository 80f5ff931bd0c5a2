using ZabActors.Hocon;
using ZabActors.Zab;

namespace ZabActors.Quorum.Tests;

public sealed class QuorumPeerSettingsSpec
{
    private const string Ensemble = """
        zab.myid = 2
        zab.ensemble.servers = [
          { id = 1, host = "10.0.0.1", port = 2888 }
          { id = 2, host = "10.0.0.2", port = 2888, role = participant }
          { id = 3, host = "10.0.0.3", port = 2888 }
          { id = 4, host = "10.0.0.4", port = 2888, role = observer }
        ]
        """;

    [Fact]
    public void Defaults_are_ZooKeepers()
    {
        var settings = QuorumPeerSettings.Create(ConfigurationFactory.ParseString(Ensemble));
        Assert.Equal(2, settings.MyId);
        Assert.Equal(ZabTiming.Default, settings.Timing);
        Assert.Equal(new QuorumServer(4, "10.0.0.4", 2888, LearnerType.Observer), settings.Servers[3]);
        Assert.Equal(250, settings.EffectiveSnapCount);
        Assert.Equal(3, settings.SnapshotRetainCount);
        Assert.Equal("zab.actor.pinned-dispatcher", settings.TxnLogDispatcher);
        Assert.Equal(TimeSpan.FromMilliseconds(100), settings.LearnerConnectRetryDelay);
        var verifier = settings.CreateVerifier();
        Assert.True(verifier.ContainsQuorum([1, 2]));
        Assert.False(verifier.ContainsQuorum([1, 4]));
    }

    [Fact]
    public void Timing_keys_override_the_defaults()
    {
        var settings = QuorumPeerSettings.Create(ConfigurationFactory.ParseString(Ensemble + """

            zab {
              tick-time = 500ms
              init-limit = 20
              sync-limit = 4
              committed-log-size = 100
              snap-count = 40
              snapshot-retain-count = 5
              txn-log.dispatcher = "zab.actor.default-dispatcher"
              learner.connect-retry-delay = 250ms
              election { finalize-wait = 50ms, min-notification-interval = 100ms, max-notification-interval = 2s }
            }
            """));
        Assert.Equal(
            ZabTiming.Default with
            {
                TickTimeMs = 500, InitLimitTicks = 20, SyncLimitTicks = 4, CommittedLogSize = 100,
                FinalizeWaitMs = 50, MinNotificationIntervalMs = 100, MaxNotificationIntervalMs = 2000,
            },
            settings.Timing);
        Assert.Equal(40, settings.EffectiveSnapCount);
        Assert.Equal(5, settings.SnapshotRetainCount);
        Assert.Equal("zab.actor.default-dispatcher", settings.TxnLogDispatcher);
        Assert.Equal(TimeSpan.FromMilliseconds(250), settings.LearnerConnectRetryDelay);
    }

    [Fact]
    public void Settings_built_in_code_get_ZooKeepers_connect_retry_delay_and_check_it()
    {
        var settings = new QuorumPeerSettings(1, TestTiming.Servers(3), ZabTiming.Default);
        Assert.Equal(QuorumPeerSettings.DefaultLearnerConnectRetryDelay, settings.LearnerConnectRetryDelay);
        Assert.Same(settings, settings.Validate());
        var zero = Assert.Throws<ArgumentException>(() => (settings with { LearnerConnectRetryDelay = TimeSpan.Zero }).Validate());
        Assert.Equal(nameof(QuorumPeerSettings.LearnerConnectRetryDelay), zero.ParamName);
        // The window is init-limit x tick-time: 10 x 2000 ms.
        Assert.Throws<ArgumentException>(() => (settings with { LearnerConnectRetryDelay = TimeSpan.FromSeconds(20) }).Validate());
        (settings with { LearnerConnectRetryDelay = TimeSpan.FromMilliseconds(19_999) }).Validate();
    }

    [Fact]
    public void Weights_make_a_weighted_majority()
    {
        var settings = QuorumPeerSettings.Create(ConfigurationFactory.ParseString("""
            zab.myid = 1
            zab.ensemble.servers = [
              { id = 1, host = a, port = 1, weight = 3 }
              { id = 2, host = b, port = 1 }
              { id = 3, host = c, port = 1 }
            ]
            """));
        var verifier = settings.CreateVerifier();
        Assert.True(verifier.ContainsQuorum([1]));
        Assert.False(verifier.ContainsQuorum([2, 3]));
    }

    [Theory]
    [InlineData("zab.myid = 9", "not in zab.ensemble.servers")]
    [InlineData("zab.ensemble.servers = [{ id = 1, host = a, port = 1, role = leader }]", "role")]
    [InlineData("zab.ensemble.servers = [{ id = 2, host = a, port = 70000 }]", "port")]
    [InlineData("zab.ensemble.servers = [{ id = 2, host = a, port = 1 }, { id = 2, host = b, port = 1 }]", "twice")]
    [InlineData("zab.tick-time = 0ms", "tick-time")]
    [InlineData("zab.sync-limit = 0", "zab.sync-limit")]
    [InlineData("zab.snap-count = 501", "snap-count")]
    [InlineData("zab.snapshot-retain-count = 2", "zab.snapshot-retain-count")]
    [InlineData("zab.txn-log.dispatcher = \"\"", "zab.txn-log.dispatcher")]
    [InlineData("zab.election.max-notification-interval = 10ms", "zab.election.max-notification-interval")]
    [InlineData("zab.committed-log-size = -1", "zab.committed-log-size")]
    [InlineData("zab.learner.connect-retry-delay = 0ms", "zab.learner.connect-retry-delay")]
    [InlineData("zab.learner.connect-retry-delay = 20s", "zab.learner.connect-retry-delay")]
    [InlineData("zab { tick-time = 10ms, init-limit = 5 }", "zab.learner.connect-retry-delay")]
    [InlineData("zab.learner.connect-retry-delay = soon", "zab.learner.connect-retry-delay")]
    public void Bad_settings_are_clear_config_errors(string bad, string mentions)
    {
        var config = ConfigurationFactory.ParseString(bad).WithFallback(ConfigurationFactory.ParseString(Ensemble));
        var error = Assert.ThrowsAny<ConfigException>(() => QuorumPeerSettings.Create(config));
        Assert.Contains(mentions, error.Message);
    }

    [Fact]
    public void Reference_conf_documents_the_module_defaults()
    {
        var reference = ConfigurationFactory.ParseFile(FindReferenceConf());
        var fromReference = QuorumPeerSettings.Create(ConfigurationFactory.ParseString(Ensemble).WithFallback(reference));
        Assert.Equal(ZabTiming.Default, fromReference.Timing);
        Assert.Equal(QuorumPeerSettings.DefaultLearnerConnectRetryDelay, fromReference.LearnerConnectRetryDelay);
        foreach (var key in new[] { "tick-time", "init-limit", "sync-limit", "committed-log-size", "max-outstanding-proposals",
                     "election.finalize-wait", "election.min-notification-interval", "election.max-notification-interval",
                     "snapshot-retain-count", "txn-log.dispatcher", "learner.connect-retry-delay" })
        {
            Assert.True(reference.HasPath($"zab.{key}"), $"reference.conf lacks zab.{key}");
            Assert.True(QuorumPeerSettings.DefaultConfig.HasPath($"zab.{key}"), $"quorum.conf lacks zab.{key}");
        }
    }

    private static string FindReferenceConf()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "hocon", "reference.conf");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException("hocon/reference.conf not found above the test directory");
    }
}
