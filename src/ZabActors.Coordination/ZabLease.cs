using System.Text;
using Akka.Actor;
using Akka.Coordination;
using Akka.Event;
using ZabActors.Client;
using ZabActors.ZooKeeper.Data;
using ZabActors.ZooKeeper.Watches;

namespace ZabActors.Coordination;

/// <summary>
/// An Akka.Coordination lease held as an ephemeral znode <c>{lease-root}/{escaped lease name}</c> whose data is
/// the owner's name. The znode lives as long as the holder's ZooKeeper session: a holder cut off from
/// the ensemble loses the lease once its session expires (session-timeout after it last reached a
/// server), and is told through the lease-lost callback; a holder that only loses one server keeps it,
/// because the session moves to another server. Every grant has a <see cref="FencingToken"/> (the
/// znode's creation zxid), which grows from grant to grant, so a store can refuse a stale holder.
/// Acquire and Release are idempotent under retries: both check that the znode belongs to this
/// owner's session before treating it as theirs, and Release deletes only that version of it.
/// </summary>
public sealed class ZabLease : Lease
{
    private readonly ZabLeaseSettings settings;
    private readonly ZabLeaseClients clients;
    private readonly ILoggingAdapter log;
    private readonly object gate = new();
    private Holding? holding;

    public ZabLease(LeaseSettings settings, ExtendedActorSystem system)
        : base(settings)
    {
        this.settings = ZabLeaseSettings.Create(settings);
        clients = ZabLeaseClients.Get(system);
        log = Logging.GetLogger(system, typeof(ZabLease));
    }

    private string LeasePath => $"{settings.LeaseRoot}/{ZabLeaseSettings.NodeName(Settings.LeaseName)}";

    /// <summary>The creation zxid of the lease znode while held, else 0.</summary>
    public long FencingToken
    {
        get
        {
            lock (gate)
            {
                return holding?.FencingToken ?? 0;
            }
        }
    }

    public override Task<bool> Acquire() => Acquire(null);

    public override Task<bool> Acquire(Action<Exception?>? leaseLostCallback) =>
        WithTimeout("acquire", () => AcquireAsync(leaseLostCallback));

    public override Task<bool> Release() => WithTimeout("release", ReleaseAsync);

    /// <summary>True only while held and the session is connected; false means it might not be held.</summary>
    public override bool CheckLease()
    {
        lock (gate)
        {
            return holding is { Lost: false } held && held.Client.State == SessionState.Connected;
        }
    }

    private async Task<bool> AcquireAsync(Action<Exception?>? leaseLost)
    {
        var client = await clients.GetAsync(settings);
        lock (gate)
        {
            if (holding is { Lost: false } current && ReferenceEquals(current.Client, client))
            {
                return true;
            }
        }
        await EnsureRootAsync(client);
        var owner = Encoding.UTF8.GetBytes(Settings.OwnerName);
        while (true)
        {
            try
            {
                var (_, stat) = await client.Create2Async(LeasePath, owner, CreateMode.Ephemeral);
                return Hold(client, stat.Czxid, leaseLost);
            }
            catch (KeeperException e) when (e.Code is ErrorCode.NodeExists or ErrorCode.ConnectionLoss)
            {
                // A retried create (lost reply) or someone else's lease: the znode says which.
                var existing = await ReadHolderAsync(client);
                if (existing is null)
                {
                    continue;
                }
                var (stat, holder) = existing.Value;
                if (stat.EphemeralOwner == client.SessionId && holder == Settings.OwnerName)
                {
                    return Hold(client, stat.Czxid, leaseLost);
                }
                log.Debug("lease {0} is held by {1}", Settings.LeaseName, holder);
                return false;
            }
        }
    }

    private async Task<bool> ReleaseAsync()
    {
        Holding? held;
        lock (gate)
        {
            held = holding;
            holding = null;
        }
        if (held is null)
        {
            return false;
        }
        var existing = await ReadHolderAsync(held.Client);
        if (existing is not { } node || node.Stat.EphemeralOwner != held.Client.SessionId || node.Stat.Czxid != held.FencingToken)
        {
            // Gone with the session, or someone else's since: nothing of ours to delete.
            return false;
        }
        try
        {
            await held.Client.DeleteAsync(LeasePath, node.Stat.Version);
            return true;
        }
        catch (KeeperException e) when (e.Code is ErrorCode.NoNode or ErrorCode.BadVersion)
        {
            return false;
        }
    }

    private bool Hold(ZooKeeperClient client, long fencingToken, Action<Exception?>? leaseLost)
    {
        var held = new Holding(client, fencingToken, leaseLost);
        lock (gate)
        {
            holding = held;
        }
        client.StateChanged += state =>
        {
            if (state is SessionState.Expired or SessionState.Closed)
            {
                Lose(held, $"the ZooKeeper session {client.SessionId:x} {state.ToString().ToLowerInvariant()}");
            }
        };
        _ = WatchNodeAsync(held);
        log.Info("lease {0} acquired by {1} (fencing token {2:x})", Settings.LeaseName, Settings.OwnerName, fencingToken);
        return true;
    }

    /// <summary>The znode deleted or replaced while we hold it (an operator, or a bug) is a lost lease too.</summary>
    private async Task WatchNodeAsync(Holding held)
    {
        try
        {
            var stat = await held.Client.ExistsAsync(LeasePath, e =>
            {
                if (e.Type == EventType.NodeDeleted)
                {
                    Lose(held, "the lease znode was deleted");
                }
            });
            if (stat is null || stat.Value.Czxid != held.FencingToken)
            {
                Lose(held, "the lease znode is gone");
            }
        }
        catch (KeeperException e)
        {
            log.Warning("lease {0}: cannot watch its znode ({1}); it is still held", Settings.LeaseName, e.Message);
        }
    }

    private void Lose(Holding held, string reason)
    {
        lock (gate)
        {
            if (held.Lost || !ReferenceEquals(holding, held))
            {
                return;
            }
            held.Lost = true;
            holding = null;
        }
        log.Warning("lease {0} lost by {1}: {2}", Settings.LeaseName, Settings.OwnerName, reason);
        held.LeaseLost?.Invoke(new LeaseTimeoutException($"lease {Settings.LeaseName} lost: {reason}"));
    }

    private async Task<(Stat Stat, string Holder)?> ReadHolderAsync(ZooKeeperClient client)
    {
        try
        {
            var (data, stat) = await client.GetDataAsync(LeasePath);
            return (stat, Encoding.UTF8.GetString(data ?? []));
        }
        catch (KeeperException e) when (e.Code == ErrorCode.NoNode)
        {
            return null;
        }
    }

    private async Task EnsureRootAsync(ZooKeeperClient client)
    {
        var path = "";
        foreach (var segment in settings.LeaseRoot.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            path += "/" + segment;
            try
            {
                await client.CreateAsync(path, []);
            }
            catch (KeeperException e) when (e.Code == ErrorCode.NodeExists)
            {
            }
        }
    }

    private async Task<bool> WithTimeout(string operation, Func<Task<bool>> run)
    {
        try
        {
            return await run().WaitAsync(settings.OperationTimeout);
        }
        catch (TimeoutException e)
        {
            throw new LeaseTimeoutException($"lease {Settings.LeaseName}: {operation} took longer than {settings.OperationTimeout}", e);
        }
        catch (KeeperException e)
        {
            throw new LeaseException($"lease {Settings.LeaseName}: {operation} failed: {e.Message}", e);
        }
    }

    /// <summary>What this owner holds: the session it holds through and the grant's fencing token.</summary>
    private sealed class Holding(ZooKeeperClient client, long fencingToken, Action<Exception?>? leaseLost)
    {
        public ZooKeeperClient Client { get; } = client;

        public long FencingToken { get; } = fencingToken;

        public Action<Exception?>? LeaseLost { get; } = leaseLost;

        public bool Lost { get; set; }
    }
}
