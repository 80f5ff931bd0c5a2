using System.Collections.Immutable;
using ZabActors.ZooKeeper.Data;
using ZabActors.ZooKeeper.Jute;
using ZabActors.ZooKeeper.Watches;

namespace ZabActors.ZooKeeper.Protocol;

/// <summary>The body of a reply, written after its <see cref="ReplyHeader"/>; an error reply has none.</summary>
public abstract record ClientResponse
{
    public abstract void Write(JuteWriter writer);
}

/// <summary>No body: delete, check, ping, closeSession, auth, setWatches, addWatch, removeWatches, and every error.</summary>
public sealed record EmptyResponse : ClientResponse
{
    public static EmptyResponse Instance { get; } = new();

    public override void Write(JuteWriter writer)
    {
    }
}

/// <summary>create (CreateResponse) and sync (SyncResponse): one path.</summary>
public sealed record PathResponse(string Path) : ClientResponse
{
    public override void Write(JuteWriter writer) => writer.WriteString(Path);
}

/// <summary>create2, createContainer and createTTL (Create2Response).</summary>
public sealed record Create2Response(string Path, Stat Stat) : ClientResponse
{
    public override void Write(JuteWriter writer)
    {
        writer.WriteString(Path);
        Stat.Write(writer);
    }
}

/// <summary>exists, setData and setACL: the node's stat.</summary>
public sealed record StatResponse(Stat Stat) : ClientResponse
{
    public override void Write(JuteWriter writer) => Stat.Write(writer);
}

public sealed record GetDataResponse(byte[]? Data, Stat Stat) : ClientResponse
{
    public override void Write(JuteWriter writer)
    {
        writer.WriteBuffer(Data);
        Stat.Write(writer);
    }
}

/// <summary>getChildren (no stat) and getChildren2 (with the parent's stat).</summary>
public sealed record GetChildrenResponse(ImmutableArray<string> Children, Stat? Stat) : ClientResponse
{
    public override void Write(JuteWriter writer)
    {
        writer.WriteVector(Children, (w, c) => w.WriteString(c));
        Stat?.Write(writer);
    }
}

public sealed record GetAclResponse(ImmutableArray<Acl> Acl, Stat Stat) : ClientResponse
{
    public override void Write(JuteWriter writer)
    {
        Data.Acl.WriteList(writer, Acl);
        Stat.Write(writer);
    }
}

/// <summary>getAllChildrenNumber.</summary>
public sealed record CountResponse(int Count) : ClientResponse
{
    public override void Write(JuteWriter writer) => writer.WriteInt(Count);
}

/// <summary>getEphemerals.</summary>
public sealed record PathsResponse(ImmutableArray<string> Paths) : ClientResponse
{
    public override void Write(JuteWriter writer) => writer.WriteVector(Paths, (w, p) => w.WriteString(p));
}

/// <summary>whoAmI: the connection's identities as (scheme, user) ClientInfo records.</summary>
public sealed record WhoAmIResponse(ImmutableArray<Id> Identities) : ClientResponse
{
    public override void Write(JuteWriter writer) => writer.WriteVector(Identities, (w, id) => w.WriteString(id.Scheme).WriteString(id.Value));
}

/// <summary>One result of a multi or multiRead: its op type (error for a failed op), its code and its body.</summary>
public sealed record MultiResult(OpCode Type, ErrorCode Error, ClientResponse Body);

/// <summary>
/// multi and multiRead: a MultiHeader and body per result, then the closing header (type -1, done).
/// A failed op is written as type error with an ErrorResponse body carrying its code.
/// </summary>
public sealed record MultiResponse(ImmutableArray<MultiResult> Results) : ClientResponse
{
    public override void Write(JuteWriter writer)
    {
        foreach (var result in Results)
        {
            writer.WriteInt((int)result.Type).WriteBool(false).WriteInt((int)result.Error);
            if (result.Type == OpCode.Error)
            {
                writer.WriteInt((int)result.Error);
            }
            else
            {
                result.Body.Write(writer);
            }
        }
        writer.WriteInt(-1).WriteBool(true).WriteInt(-1);
    }
}

/// <summary>A watch notification (xid -1): WatcherEvent(type, state, path).</summary>
public sealed record WatcherEvent(EventType Type, KeeperState State, string Path) : ClientResponse
{
    public override void Write(JuteWriter writer) => writer.WriteInt((int)Type).WriteInt((int)State).WriteString(Path);
}
