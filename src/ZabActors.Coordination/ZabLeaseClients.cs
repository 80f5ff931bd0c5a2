using System.Collections.Concurrent;
using Akka.Actor;
using ZabActors.Client;

namespace ZabActors.Coordination;

/// <summary>
/// One ZooKeeper session per ensemble and session timeout, shared by every lease of an ActorSystem (as
/// ZooKeeper applications share one handle). A session that expired or closed is replaced on the next
/// request; the leases that held through it have already been told they lost.
/// </summary>
public sealed class ZabLeaseClients : IExtension, IDisposable
{
    private readonly ConcurrentDictionary<(string, TimeSpan), Lazy<Task<ZooKeeperClient>>> clients = new();

    public static ZabLeaseClients Get(ActorSystem system) => system.WithExtension<ZabLeaseClients, ZabLeaseClientsProvider>();

    public async Task<ZooKeeperClient> GetAsync(ZabLeaseSettings settings)
    {
        var key = (settings.ConnectString, settings.SessionTimeout);
        while (true)
        {
            var entry = clients.GetOrAdd(key, _ => new Lazy<Task<ZooKeeperClient>>(() => ZooKeeperClient.ConnectAsync(
                settings.ConnectString, new ZooKeeperClientOptions { SessionTimeout = settings.SessionTimeout })));
            try
            {
                var client = await entry.Value;
                if (client.State is not (SessionState.Expired or SessionState.Closed))
                {
                    return client;
                }
            }
            catch (Exception) when (!ReferenceEquals(clients.GetValueOrDefault(key), entry))
            {
                continue;
            }
            catch (Exception)
            {
                clients.TryRemove(KeyValuePair.Create(key, entry));
                throw;
            }
            clients.TryRemove(KeyValuePair.Create(key, entry));
        }
    }

    public void Dispose()
    {
        foreach (var entry in clients.Values.Where(e => e.IsValueCreated && e.Value.IsCompletedSuccessfully))
        {
            entry.Value.Result.CloseAsync().Wait(TimeSpan.FromSeconds(5));
        }
        clients.Clear();
    }
}

/// <summary>Creates the <see cref="ZabLeaseClients"/> extension; its sessions close with the ActorSystem.</summary>
public sealed class ZabLeaseClientsProvider : ExtensionIdProvider<ZabLeaseClients>
{
    public override ZabLeaseClients CreateExtension(ExtendedActorSystem system)
    {
        var clients = new ZabLeaseClients();
        system.RegisterOnTermination(clients.Dispose);
        return clients;
    }
}
