using System.Collections.Immutable;
using System.Text;
using ZabActors.ZooKeeper.Data;
using ZabActors.ZooKeeper.Jute;
using ZabActors.ZooKeeper.Prep;
using ZabActors.ZooKeeper.Protocol;
using ZabActors.ZooKeeper.Watches;

namespace ZabActors.Client;

// The operations of ZooKeeper's client API. Errors the server reports become KeeperException.
public sealed partial class ZooKeeperClient
{
    /// <summary>Creates a node and returns its path (with the counter for a sequential node).</summary>
    public async Task<string> CreateAsync(string path, byte[]? data, CreateMode mode = CreateMode.Persistent, IReadOnlyList<Acl>? acl = null, long ttlMs = -1, CancellationToken cancel = default)
    {
        var op = CreateOp(OpCode.Create, path, data, mode, acl, ttlMs);
        var reply = await WriteAsync(op, path, cancel);
        return op.CreateType == OpCode.Create ? ReadString(reply.Body) : ReadPathAndStat(reply.Body).Path;
    }

    /// <summary>create2: the path and the new node's stat.</summary>
    public async Task<(string Path, Stat Stat)> Create2Async(string path, byte[]? data, CreateMode mode = CreateMode.Persistent, IReadOnlyList<Acl>? acl = null, long ttlMs = -1, CancellationToken cancel = default)
    {
        var reply = await WriteAsync(CreateOp(OpCode.Create2, path, data, mode, acl, ttlMs), path, cancel);
        return ReadPathAndStat(reply.Body);
    }

    public async Task DeleteAsync(string path, int version = -1, CancellationToken cancel = default) =>
        await WriteAsync(new DeleteOp(path, version), path, cancel);

    public async Task<Stat> SetDataAsync(string path, byte[]? data, int version = -1, CancellationToken cancel = default) =>
        ReadStat((await WriteAsync(new SetDataOp(path, data, version), path, cancel)).Body);

    public async Task<Stat> SetAclAsync(string path, IReadOnlyList<Acl> acl, int version = -1, CancellationToken cancel = default) =>
        ReadStat((await WriteAsync(new SetAclOp(path, [.. acl], version), path, cancel)).Body);

    /// <summary>The node's data and stat; a <paramref name="watcher"/> hears the node's next change.</summary>
    public async Task<(byte[]? Data, Stat Stat)> GetDataAsync(string path, Action<WatchedEvent>? watcher = null, CancellationToken cancel = default)
    {
        var reply = await ReadAsync(new ReadRequest(OpCode.GetData, path, watcher is not null), path, cancel,
            OnOk(watcher, w => watches.AddData(path, w)));
        var reader = new JuteReader(reply.Body);
        var data = reader.ReadBuffer();
        return (data, Stat.Read(ref reader));
    }

    /// <summary>The node's stat, or null when it does not exist; a watcher hears its creation, change or deletion.</summary>
    public async Task<Stat?> ExistsAsync(string path, Action<WatchedEvent>? watcher = null, CancellationToken cancel = default)
    {
        var request = new ReadRequest(OpCode.Exists, path, watcher is not null);
        var reply = await SubmitAsync(request, path, cancel, watcher is null ? null : answer =>
        {
            if (answer.Header.Error == ErrorCode.NoNode)
            {
                watches.AddExist(path, watcher);
            }
            else if (answer.Header.Error == ErrorCode.Ok)
            {
                watches.AddData(path, watcher);
            }
        });
        if (reply.Header.Error == ErrorCode.NoNode)
        {
            return null;
        }
        Check(reply, path);
        return ReadStat(reply.Body);
    }

    public async Task<IReadOnlyList<string>> GetChildrenAsync(string path, Action<WatchedEvent>? watcher = null, CancellationToken cancel = default) =>
        (await GetChildren2Async(path, watcher, cancel)).Children;

    public async Task<(IReadOnlyList<string> Children, Stat Stat)> GetChildren2Async(string path, Action<WatchedEvent>? watcher = null, CancellationToken cancel = default)
    {
        var reply = await ReadAsync(new ReadRequest(OpCode.GetChildren2, path, watcher is not null), path, cancel,
            OnOk(watcher, w => watches.AddChild(path, w)));
        var reader = new JuteReader(reply.Body);
        var children = ReadStrings(ref reader);
        return (children, Stat.Read(ref reader));
    }

    public async Task<(ImmutableArray<Acl> Acl, Stat Stat)> GetAclAsync(string path, CancellationToken cancel = default)
    {
        var reply = await ReadAsync(new ReadRequest(OpCode.GetAcl, path, false), path, cancel);
        var reader = new JuteReader(reply.Body);
        var count = reader.ReadVectorCount();
        var acl = ImmutableArray.CreateBuilder<Acl>(Math.Max(count, 0));
        for (var i = 0; i < count; i++)
        {
            var perms = (Perms)reader.ReadInt();
            acl.Add(new Acl(perms, new Id(reader.ReadRequiredString("scheme"), reader.ReadRequiredString("id"))));
        }
        return (acl.ToImmutable(), Stat.Read(ref reader));
    }

    /// <summary>Waits until the server this client talks to has everything the leader committed before the call.</summary>
    public async Task SyncAsync(string path, CancellationToken cancel = default) =>
        await ReadAsync(new ReadRequest(OpCode.Sync, path, false), path, cancel);

    public async Task<int> GetAllChildrenNumberAsync(string path, CancellationToken cancel = default)
    {
        var reply = await ReadAsync(new ReadRequest(OpCode.GetAllChildrenNumber, path, false), path, cancel);
        return new JuteReader(reply.Body).ReadInt();
    }

    /// <summary>This session's ephemeral nodes under <paramref name="prefix"/> ("/" for all).</summary>
    public async Task<IReadOnlyList<string>> GetEphemeralsAsync(string prefix = "/", CancellationToken cancel = default)
    {
        var reply = await ReadAsync(new ReadRequest(OpCode.GetEphemerals, prefix, false), prefix, cancel);
        var reader = new JuteReader(reply.Body);
        return ReadStrings(ref reader);
    }

    /// <summary>Runs every op atomically: all apply, or none and the first failure is thrown with its path.</summary>
    public async Task<IReadOnlyList<MultiResult>> MultiAsync(IReadOnlyList<ZooOp> ops, CancellationToken cancel = default)
    {
        var reply = await WriteAsync(new MultiOp([.. ops]), null, cancel);
        var results = ReadMultiResults(reply.Body, ops);
        var failed = results.Select((r, i) => (r, i)).FirstOrDefault(x => x.r.Error is not ErrorCode.Ok and not ErrorCode.RuntimeInconsistency);
        if (failed.r is not null)
        {
            throw new KeeperException(failed.r.Error, PathOf(ops[failed.i]), $"multi op {failed.i} failed; nothing was applied");
        }
        return results;
    }

    /// <summary>Adds credentials to the session (e.g. "digest", "user:password"); they are sent again after a failover.</summary>
    public async Task AddAuthAsync(string scheme, string credential, CancellationToken cancel = default)
    {
        var bytes = Encoding.UTF8.GetBytes(credential);
        lock (authInfo)
        {
            authInfo.Add((scheme, bytes));
        }
        await connected.Task.WaitAsync(SessionTimeout, cancel);
        var reply = await connection!.SendAsync(Xids.Auth, RequestWriter.Encode(Xids.Auth, new AuthRequest(0, scheme, bytes)), cancel);
        if (reply.Header.Error != ErrorCode.Ok)
        {
            SetState(SessionState.AuthFailed);
            throw new KeeperException(reply.Header.Error, detail: $"addAuth {scheme}");
        }
    }

    /// <summary>A watch that stays after firing (persistent), optionally for the whole subtree (recursive).</summary>
    public async Task AddWatchAsync(string path, AddWatchMode mode, Action<WatchedEvent> watcher, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(watcher);
        Check(await SubmitAsync(new AddWatchRequest(path, mode), path, cancel, OnOk(watcher, w => watches.AddPersistent(path, w, mode))), path);
    }

    /// <summary>The identities the server knows this connection by.</summary>
    public async Task<IReadOnlyList<Id>> WhoAmIAsync(CancellationToken cancel = default)
    {
        var reply = await SubmitAsync(WhoAmIRequest.Instance, null, cancel);
        Check(reply, null);
        var reader = new JuteReader(reply.Body);
        var count = reader.ReadVectorCount();
        var ids = new List<Id>();
        for (var i = 0; i < count; i++)
        {
            ids.Add(new Id(reader.ReadRequiredString("scheme"), reader.ReadRequiredString("user")));
        }
        return ids;
    }

    private static CreateOp CreateOp(OpCode plain, string path, byte[]? data, CreateMode mode, IReadOnlyList<Acl>? acl, long ttlMs)
    {
        var type = mode switch
        {
            CreateMode.Container => OpCode.CreateContainer,
            CreateMode.PersistentWithTtl or CreateMode.PersistentSequentialWithTtl => OpCode.CreateTtl,
            _ => plain,
        };
        return new CreateOp(type, path, data, acl is null ? Acl.OpenUnsafe : [.. acl], (int)mode, ttlMs);
    }

    private async Task<Reply> WriteAsync(ZooOp op, string? path, CancellationToken cancel)
    {
        var reply = await SubmitAsync(new WriteRequest(op), path, cancel);
        Check(reply, path);
        return reply;
    }

    private async Task<Reply> ReadAsync(ReadRequest request, string path, CancellationToken cancel, Action<Reply>? onReply = null)
    {
        var reply = await SubmitAsync(request, path, cancel, onReply);
        Check(reply, path);
        return reply;
    }

    /// <summary>Registers a watch when its request succeeded, on the reading task (before any later notification).</summary>
    private static Action<Reply>? OnOk(Action<WatchedEvent>? watcher, Action<Action<WatchedEvent>> register) =>
        watcher is null ? null : reply =>
        {
            if (reply.Header.Error == ErrorCode.Ok)
            {
                register(watcher);
            }
        };

    private static void Check(Reply reply, string? path)
    {
        if (reply.Header.Error != ErrorCode.Ok)
        {
            throw new KeeperException(reply.Header.Error, path);
        }
    }

    private static string ReadString(byte[] body) => new JuteReader(body).ReadRequiredString("path");

    private static (string Path, Stat Stat) ReadPathAndStat(byte[] body)
    {
        var reader = new JuteReader(body);
        var path = reader.ReadRequiredString("path");
        return (path, Stat.Read(ref reader));
    }

    private static List<string> ReadStrings(ref JuteReader reader)
    {
        var count = reader.ReadVectorCount();
        var items = new List<string>(Math.Max(count, 0));
        for (var i = 0; i < count; i++)
        {
            items.Add(reader.ReadRequiredString("child"));
        }
        return items;
    }

    private static List<MultiResult> ReadMultiResults(byte[] body, IReadOnlyList<ZooOp> ops)
    {
        var reader = new JuteReader(body);
        var results = new List<MultiResult>();
        while (true)
        {
            var type = (OpCode)reader.ReadInt();
            var done = reader.ReadBool();
            var error = (ErrorCode)reader.ReadInt();
            if (done)
            {
                return results;
            }
            results.Add(type switch
            {
                OpCode.Error => new MultiResult(type, (ErrorCode)reader.ReadInt(), EmptyResponse.Instance),
                OpCode.Create => new MultiResult(type, error, new PathResponse(reader.ReadRequiredString("path"))),
                OpCode.Create2 or OpCode.CreateContainer or OpCode.CreateTtl => new MultiResult(type, error, new Create2Response(reader.ReadRequiredString("path"), Stat.Read(ref reader))),
                OpCode.SetData => new MultiResult(type, error, new StatResponse(Stat.Read(ref reader))),
                _ => new MultiResult(type, error, EmptyResponse.Instance),
            });
            if (results.Count > ops.Count)
            {
                throw new JuteException($"multi reply has more results than the {ops.Count} ops sent");
            }
        }
    }

    private static string? PathOf(ZooOp op) => op switch
    {
        CreateOp c => c.Path,
        DeleteOp d => d.Path,
        SetDataOp s => s.Path,
        SetAclOp s => s.Path,
        CheckVersionOp c => c.Path,
        _ => null,
    };
}
