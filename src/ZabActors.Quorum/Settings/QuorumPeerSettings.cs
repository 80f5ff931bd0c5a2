using System.Reflection;
using Akka.Actor;
using Akka.Configuration;
using Akka.Configuration.Hocon;
using ZabActors.Hocon;
using ZabActors.Zab;
using Config = Akka.Configuration.Config;
using ConfigurationFactory = Akka.Configuration.ConfigurationFactory;

namespace ZabActors.Quorum;

/// <summary>
/// Everything a peer is configured with: its own id, the ensemble, and the protocol timing. Parsed
/// once from the ActorSystem's HOCON (<c>zab.myid</c>, <c>zab.ensemble.servers</c>, <c>zab.*</c> timing) by
/// <see cref="Create"/>, over this module's quorum.conf; errors are <see cref="ConfigException"/>s naming the key.
/// </summary>
public sealed record QuorumPeerSettings(long MyId, IReadOnlyList<QuorumServer> Servers, ZabTiming Timing)
{
    private static readonly Lazy<Config> Defaults = new(LoadDefaults);

    /// <summary>
    /// Transactions a peer applies between two snapshots of its state machine (ZooKeeper's snapCount);
    /// null means half the committed log. Keep it below <c>CommittedLogSize</c>: a restarted peer holds
    /// only its latest snapshot in memory, and a leader can serve a SNAP only if its committed log
    /// reaches back to that snapshot.
    /// </summary>
    public int? SnapCount { get; init; }

    /// <summary>The snapshot interval in use: <see cref="SnapCount"/>, or half the committed log.</summary>
    public int EffectiveSnapCount => SnapCount ?? (Timing.CommittedLogSize > 1 ? Timing.CommittedLogSize / 2 : 1000);

    /// <summary>
    /// Snapshots kept on disk (ZooKeeper's autopurge.snapRetainCount, at least 3): after each new
    /// snapshot, older snapshots and the log before the oldest kept one are purged, when the storage
    /// supports it (<see cref="IPurgeableSnapshotStore"/>, <see cref="IPurgeableTxnLog"/>).
    /// </summary>
    public int SnapshotRetainCount { get; init; } = DefaultSnapshotRetainCount;

    /// <summary>
    /// The dispatcher the TxnLogActor runs on (a dispatcher path of the actor system's configuration;
    /// quorum.conf defines <c>zab.actor.pinned-dispatcher</c> and <c>zab.actor.default-dispatcher</c>).
    /// </summary>
    public string TxnLogDispatcher { get; init; } = "zab.actor.pinned-dispatcher";

    /// <summary>
    /// How long a learner waits before it connects again to a leader that refused it before saying
    /// anything (ZooKeeper's zookeeper.leaderConnectDelayDuringRetryMs in Learner.connectToLeader).
    /// A follower often decides a few milliseconds before its leader does, so this delay, not the
    /// election, sets how soon a new leader gets its quorum. Retries stop once the next one would
    /// fall outside the init-limit window.
    /// </summary>
    public TimeSpan LearnerConnectRetryDelay { get; init; } = DefaultLearnerConnectRetryDelay;

    /// <summary>ZooKeeper never keeps fewer than three snapshots (PurgeTxnLog).</summary>
    public const int DefaultSnapshotRetainCount = 3;

    /// <summary>ZooKeeper's default leaderConnectDelayDuringRetryMs.</summary>
    public static readonly TimeSpan DefaultLearnerConnectRetryDelay = TimeSpan.FromMilliseconds(100);

    /// <summary>The module's embedded defaults (ZooKeeper's timing), for layering a node's file over.</summary>
    public static Config DefaultConfig => Defaults.Value;

    /// <summary>Reads the settings; throws <see cref="ConfigException"/> naming the bad key on invalid input.</summary>
    public static QuorumPeerSettings Create(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        try
        {
            return Read(config.WithFallback(Defaults.Value));
        }
        catch (Exception e) when (e is not ConfigException and (ConfigurationException or FormatException or InvalidCastException or NullReferenceException))
        {
            throw new ConfigException($"invalid zab configuration: {e.Message}", e);
        }
    }

    /// <summary>
    /// The Akka address of every server, as the peer transport reaches it: <c>{protocol}://{systemName}@host:port</c>;
    /// the protocol is <c>akka.tcp</c>, or <c>akka.trttl.tcp</c> when the throttler adapter is applied.
    /// </summary>
    public IReadOnlyDictionary<long, Address> Addresses(string systemName, string protocol = "akka.tcp") =>
        Servers.ToDictionary(s => s.Id, s => new Address(protocol, systemName, s.Host, s.Port));

    private static QuorumPeerSettings Read(Config merged)
    {
        if (!merged.HasPath("zab.myid"))
        {
            throw new ConfigException("zab.myid is missing");
        }
        if (!merged.HasPath("zab.ensemble.servers"))
        {
            throw new ConfigException("zab.ensemble.servers is missing");
        }
        var servers = merged.GetValue("zab.ensemble.servers").GetArray()
            .Select((value, index) => ReadServer(new Config(new HoconRoot(value)), index)).ToList();
        var settings = new QuorumPeerSettings(merged.GetLong("zab.myid"), servers, ReadTiming(merged))
        {
            SnapCount = merged.HasPath("zab.snap-count") ? merged.GetInt("zab.snap-count") : null,
            SnapshotRetainCount = merged.GetInt("zab.snapshot-retain-count"),
            TxnLogDispatcher = merged.GetString("zab.txn-log.dispatcher"),
            LearnerConnectRetryDelay = TimeSpan.FromMilliseconds(Milliseconds(merged, LearnerConnectRetryDelayKey)),
        };
        try
        {
            return settings.Validate();
        }
        catch (ArgumentException e)
        {
            var key = e.ParamName is { } name && TimingKeys.TryGetValue(name, out var path) ? path : "zab";
            throw new ConfigException($"invalid {key}: {e.Message}", e);
        }
    }

    /// <summary>The quorum verifier of this ensemble: a majority of voters, or of their weight when any weight differs from one.</summary>
    public IQuorumVerifier CreateVerifier()
    {
        var voters = Servers.Where(s => s.Role == LearnerType.Participant).ToList();
        var observers = Servers.Where(s => s.Role == LearnerType.Observer).Select(s => s.Id);
        if (voters.All(s => s.Weight == 1))
        {
            return new QuorumMaj(voters.Select(s => s.Id), observers);
        }
        // One group holding every voter is exactly a weighted majority (ZooKeeper's QuorumHierarchical with group.1).
        var groups = new Dictionary<long, IReadOnlyCollection<long>> { [1] = voters.Select(s => s.Id).ToList() };
        return new QuorumHierarchical(groups, voters.ToDictionary(s => s.Id, s => s.Weight), observers);
    }

    /// <summary>The configuration every state machine of this peer shares.</summary>
    public PeerConfig CreatePeerConfig() => new(MyId, CreateVerifier(), Timing);

    /// <summary>Throws <see cref="ArgumentException"/> unless the ensemble is usable and holds this peer.</summary>
    public QuorumPeerSettings Validate()
    {
        Timing.Validate();
        if (Servers.Count == 0)
        {
            throw new ArgumentException("zab.ensemble.servers is empty");
        }
        var duplicate = Servers.GroupBy(s => s.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"server id {duplicate.Key} appears twice in zab.ensemble.servers");
        }
        if (Servers.All(s => s.Id != MyId))
        {
            throw new ArgumentException($"zab.myid {MyId} is not in zab.ensemble.servers");
        }
        if (Servers.All(s => s.Role != LearnerType.Participant))
        {
            throw new ArgumentException("zab.ensemble.servers holds no participant");
        }
        if (SnapCount is { } snapCount && (snapCount < 1 || (Timing.CommittedLogSize > 0 && snapCount > Timing.CommittedLogSize)))
        {
            throw new ArgumentException($"zab.snap-count {snapCount} must be between 1 and zab.committed-log-size ({Timing.CommittedLogSize})");
        }
        if (SnapshotRetainCount < DefaultSnapshotRetainCount)
        {
            throw new ArgumentException(
                $"zab.snapshot-retain-count {SnapshotRetainCount} must be at least {DefaultSnapshotRetainCount}", nameof(SnapshotRetainCount));
        }
        if (string.IsNullOrWhiteSpace(TxnLogDispatcher))
        {
            throw new ArgumentException("zab.txn-log.dispatcher must name a dispatcher", nameof(TxnLogDispatcher));
        }
        ValidateLearnerConnectRetryDelay();
        if (Servers.Any(s => s.Weight < 0 || s.Id < 0))
        {
            throw new ArgumentException("server ids and weights must not be negative");
        }
        return this;
    }

    private void ValidateLearnerConnectRetryDelay()
    {
        // A delay as long as the window would never retry: say so rather than silently not retrying.
        var windowMs = (long)Timing.TickTimeMs * Timing.InitLimitTicks;
        if (LearnerConnectRetryDelay <= TimeSpan.Zero || LearnerConnectRetryDelay.TotalMilliseconds >= windowMs)
        {
            throw new ArgumentException(
                $"{LearnerConnectRetryDelayKey} {LearnerConnectRetryDelay.TotalMilliseconds}ms must be above 0 and below "
                + $"zab.init-limit x zab.tick-time ({windowMs}ms)",
                nameof(LearnerConnectRetryDelay));
        }
    }

    private const string LearnerConnectRetryDelayKey = "zab.learner.connect-retry-delay";

    private static readonly Dictionary<string, string> TimingKeys = new()
    {
        [nameof(ZabTiming.TickTimeMs)] = "zab.tick-time",
        [nameof(ZabTiming.InitLimitTicks)] = "zab.init-limit",
        [nameof(ZabTiming.SyncLimitTicks)] = "zab.sync-limit",
        [nameof(ZabTiming.FinalizeWaitMs)] = "zab.election.finalize-wait",
        [nameof(ZabTiming.MinNotificationIntervalMs)] = "zab.election.min-notification-interval",
        [nameof(ZabTiming.MaxNotificationIntervalMs)] = "zab.election.max-notification-interval",
        [nameof(ZabTiming.CommittedLogSize)] = "zab.committed-log-size",
        [nameof(ZabTiming.MaxOutstandingProposals)] = "zab.max-outstanding-proposals",
        [nameof(SnapshotRetainCount)] = "zab.snapshot-retain-count",
        [nameof(TxnLogDispatcher)] = "zab.txn-log.dispatcher",
        [nameof(LearnerConnectRetryDelay)] = LearnerConnectRetryDelayKey,
    };

    private static Config LoadDefaults()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("ZabActors.Quorum.quorum.conf")
            ?? throw new InvalidOperationException("ZabActors.Quorum.quorum.conf is not embedded");
        using var reader = new StreamReader(stream);
        return ConfigurationFactory.ParseString(reader.ReadToEnd());
    }

    private static QuorumServer ReadServer(Config server, int index)
    {
        var where = $"zab.ensemble.servers[{index}]";
        var role = (server.GetString("role", "participant") ?? "participant").ToLowerInvariant() switch
        {
            "participant" => LearnerType.Participant,
            "observer" => LearnerType.Observer,
            var other => throw new ConfigException($"{where}.role must be participant or observer, not '{other}'"),
        };
        var port = server.GetInt("port");
        if (port is < 0 or > 65535)
        {
            throw new ConfigException($"{where}.port {port} is not a TCP port");
        }
        return new QuorumServer(server.GetLong("id"), server.GetString("host"), port, role, server.GetLong("weight", 1));
    }

    private static ZabTiming ReadTiming(Config config) => new()
    {
        TickTimeMs = Milliseconds(config, "zab.tick-time"),
        InitLimitTicks = config.GetInt("zab.init-limit"),
        SyncLimitTicks = config.GetInt("zab.sync-limit"),
        FinalizeWaitMs = Milliseconds(config, "zab.election.finalize-wait"),
        MinNotificationIntervalMs = Milliseconds(config, "zab.election.min-notification-interval"),
        MaxNotificationIntervalMs = Milliseconds(config, "zab.election.max-notification-interval"),
        CommittedLogSize = config.GetInt("zab.committed-log-size"),
        MaxOutstandingProposals = config.GetInt("zab.max-outstanding-proposals"),
    };

    private static int Milliseconds(Config config, string path)
    {
        double ms;
        try
        {
            ms = config.GetTimeSpan(path).TotalMilliseconds;
        }
        catch (Exception e) when (e is not ConfigException)
        {
            throw new ConfigException($"{path} is not a duration: {e.Message}", e);
        }
        if (ms is < 1 or > int.MaxValue)
        {
            throw new ConfigException($"{path} must be between 1ms and {int.MaxValue}ms");
        }
        return (int)ms;
    }
}
