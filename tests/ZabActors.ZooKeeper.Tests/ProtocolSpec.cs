using ZabActors.ZooKeeper.Data;
using ZabActors.ZooKeeper.Jute;
using ZabActors.ZooKeeper.Prep;
using ZabActors.ZooKeeper.Protocol;
using ZabActors.ZooKeeper.Watches;

namespace ZabActors.ZooKeeper.Tests;

/// <summary>Client packets byte for byte as ZooKeeper 3.8's jute definitions lay them out.</summary>
public sealed class ProtocolSpec
{
    [Fact]
    public void A_getData_request_is_header_path_and_watch_flag()
    {
        var bytes = RequestWriter.Encode(1, new ReadRequest(OpCode.GetData, "/a", true));

        Assert.Equal(Convert.FromHexString("00000001" + "00000004" + "00000002" + "2F61" + "01"), bytes);
    }

    [Fact]
    public void A_connect_request_without_the_read_only_byte_is_accepted()
    {
        var writer = new JuteWriter().WriteInt(0).WriteLong(0).WriteInt(30000).WriteLong(0).WriteBuffer(new byte[16]);

        var request = ConnectRequest.Read(writer.Written, 1 << 20);

        Assert.Equal(30000, request.TimeoutMs);
        Assert.False(request.ReadOnly);
    }

    [Fact]
    public void A_connect_request_round_trips_with_the_read_only_byte()
    {
        var writer = new JuteWriter();
        new ConnectRequest(0, 5, 4000, 77, [1, 2], true).Write(writer);

        var request = ConnectRequest.Read(writer.Written, 1 << 20);

        Assert.Equal((0, 5L, 4000, 77L, true), (request.ProtocolVersion, request.LastZxidSeen, request.TimeoutMs, request.SessionId, request.ReadOnly));
        Assert.Equal([1, 2], request.Password);
    }

    public static TheoryData<ClientRequest> Requests => new()
    {
        new WriteRequest(new CreateOp(OpCode.Create, "/a", [1], Acl.OpenUnsafe, 3)),
        new WriteRequest(new CreateOp(OpCode.CreateTtl, "/t", [1], Acl.OpenUnsafe, 5, 1000)),
        new WriteRequest(new DeleteOp("/a", 2)),
        new WriteRequest(new SetDataOp("/a", null, -1)),
        new WriteRequest(new SetAclOp("/a", Acl.ReadUnsafe, 0)),
        new WriteRequest(new CheckVersionOp("/a", 4)),
        new WriteRequest(CloseSessionOp.Instance),
        new WriteRequest(new MultiOp([new CreateOp(OpCode.Create, "/m", [], Acl.OpenUnsafe, 0), new DeleteOp("/m", -1)])),
        new ReadRequest(OpCode.Exists, "/a", true),
        new ReadRequest(OpCode.GetChildren2, "/", false),
        new ReadRequest(OpCode.GetAcl, "/a", false),
        new ReadRequest(OpCode.Sync, "/a", false),
        new ReadRequest(OpCode.GetAllChildrenNumber, "/", false),
        new ReadRequest(OpCode.GetEphemerals, "/", false),
        new MultiReadRequest([new ReadRequest(OpCode.GetData, "/a", false), new ReadRequest(OpCode.GetChildren, "/", true)]),
        new AuthRequest(0, "digest", "u:p"u8.ToArray()),
        new SetWatchesRequest(9, ["/d"], ["/e"], ["/c"], [], []),
        new SetWatchesRequest(9, [], [], [], ["/p"], ["/r"]),
        new AddWatchRequest("/p", AddWatchMode.PersistentRecursive),
        new RemoveWatchesRequest("/p", WatcherType.Any, true),
        new RemoveWatchesRequest("/p", WatcherType.Data, false),
        PingRequest.Instance,
        WhoAmIRequest.Instance,
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public void Every_request_decodes_to_what_was_encoded(ClientRequest request)
    {
        var (header, decoded) = RequestCodec.Decode(RequestWriter.Encode(42, request), 1 << 20);

        Assert.Equal(42, header.Xid);
        Assert.Equal(RequestWriter.TypeOf(request), header.Type);
        Assert.Equal(Describe(request), Describe(decoded));
    }

    [Fact]
    public void Unsupported_and_malformed_requests_are_jute_errors()
    {
        Assert.Throws<JuteException>(() => RequestCodec.Decode(new JuteWriter().WriteInt(1).WriteInt((int)OpCode.Sasl).ToArray(), 1024));
        Assert.Throws<JuteException>(() => RequestCodec.Decode(new JuteWriter().WriteInt(1).WriteInt((int)OpCode.GetData).WriteString("/a").ToArray(), 1024));
        Assert.Throws<JuteException>(() => RequestCodec.Decode(new JuteWriter().WriteInt(1).WriteInt((int)OpCode.AddWatch).WriteString("/a").WriteInt(9).ToArray(), 1024));
    }

    [Fact]
    public void A_multi_response_ends_with_the_done_header_and_writes_errors_as_error_results()
    {
        var writer = new JuteWriter();
        new MultiResponse([new MultiResult(OpCode.Error, ErrorCode.NoNode, EmptyResponse.Instance)]).Write(writer);

        Assert.Equal(
            Convert.FromHexString("FFFFFFFF" + "00" + "FFFFFF9B" + "FFFFFF9B" + "FFFFFFFF" + "01" + "FFFFFFFF"),
            writer.ToArray());
    }

    [Fact]
    public void A_watcher_event_is_type_state_path()
    {
        var writer = new JuteWriter();
        new WatcherEvent(EventType.NodeDeleted, KeeperState.SyncConnected, "/a").Write(writer);

        Assert.Equal(Convert.FromHexString("00000002" + "00000003" + "00000002" + "2F61"), writer.ToArray());
    }

    // Records hold arrays and immutable arrays, whose equality is by reference: compare a printed form.
    private static string Describe(ClientRequest request) => request switch
    {
        WriteRequest { Op: CreateOp c } => $"create {c.CreateType} {c.Path} {Convert.ToHexString(c.Data ?? [])} {string.Join(",", c.Acl)} {c.Flags} {c.TtlMs}",
        WriteRequest { Op: SetDataOp s } => $"set {s.Path} {(s.Data is null ? "null" : Convert.ToHexString(s.Data))} {s.Version}",
        WriteRequest { Op: SetAclOp s } => $"acl {s.Path} {string.Join(",", s.Acl)} {s.Version}",
        WriteRequest { Op: MultiOp m } => $"multi {string.Join(";", m.Ops.Select(o => Describe(new WriteRequest(o))))}",
        MultiReadRequest m => $"multiRead {string.Join(";", m.Ops)}",
        AuthRequest a => $"auth {a.Type} {a.Scheme} {Convert.ToHexString(a.Credential)}",
        SetWatchesRequest s => $"setWatches {s.RelativeZxid} {string.Join(",", s.DataWatches)} {string.Join(",", s.ExistWatches)} {string.Join(",", s.ChildWatches)} {string.Join(",", s.PersistentWatches)} {string.Join(",", s.PersistentRecursiveWatches)}",
        _ => request.ToString(),
    };
}
