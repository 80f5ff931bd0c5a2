namespace ZabActors.Zab.Tests.Peer;

/// <summary>
/// Seeded runs of whole peers under crashes, restarts, partitions, slow disks, lost datagrams and broken links, checking after every action that
/// the peers' applied histories agree (each is a prefix of the longest) and, at the end, once everyone
/// is back, that every write a peer answered as committed is in the one history.
/// </summary>
public sealed class QuorumPeerRandomizedTests
{
    public static TheoryData<int> Seeds => [.. Enumerable.Range(1, 24)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Peers_should_agree_on_one_history_through_crashes_and_partitions(int seed)
    {
        var random = new Random(seed);
        var voters = seed % 3 == 0 ? 5 : 3;
        var cluster = new PeerCluster(voters, observers: seed % 2 == 0 ? [voters + 1L] : null, seed: seed,
            timing: Z.Timing with { CommittedLogSize = 8 }, tune: options => options with { SnapCount = 5 });
        cluster.DatagramLoss = 0.05;
        cluster.LinkBreakage = 0.002;
        var down = new HashSet<long>();
        var cut = new HashSet<long>();
        var slow = new HashSet<long>();
        var request = 0L;
        for (var round = 0; round < 40; round++)
        {
            Act(cluster, random, voters, down, cut, slow, ref request);
            cluster.RunFor(TimeSpan.FromMilliseconds(random.Next(20, 600)));
            AssertPrefixAgreement(cluster);
        }
        cluster.DatagramLoss = 0;
        cluster.LinkBreakage = 0;
        foreach (var sid in down)
        {
            cluster.Start(sid);
        }
        foreach (var sid in cut)
        {
            cluster.Heal(sid);
        }
        foreach (var sid in slow)
        {
            cluster.ReleaseDisk(sid);
        }
        cluster.Establish();
        Assert.IsType<PeerWriteCommitted>(cluster.Commit(1, ++request, "final"));
        cluster.Establish();
        cluster.Settle(TimeSpan.FromSeconds(30));

        var history = cluster.EstablishedLeader!.AppliedTxns;
        Assert.All(cluster.Nodes.Values, node => Assert.Equal(history, node.AppliedTxns));
        var committed = cluster.Nodes.Values.SelectMany(node => node.EventsOf<PeerWriteCommitted>()).ToList();
        Assert.All(committed, answer => Assert.Contains(answer.Zxid, history.Select(txn => txn.Zxid)));
        Assert.NotEmpty(committed);
    }

    private static void Act(PeerCluster cluster, Random random, int voters, HashSet<long> down, HashSet<long> cut, HashSet<long> slow, ref long request)
    {
        var sids = cluster.Nodes.Keys.ToList();
        var sid = sids[random.Next(sids.Count)];
        // At most a minority of voters is down or cut off at once, so a quorum can always make progress.
        var spare = (voters - 1) / 2 - down.Concat(cut).Count(s => s <= voters);
        switch (random.Next(12))
        {
            case 0 when !down.Contains(sid) && !cut.Contains(sid) && (sid > voters || spare > 0):
                cluster.Crash(sid);
                down.Add(sid);
                break;
            case 1 when down.Remove(sid):
                cluster.Start(sid);
                break;
            case 2 when !down.Contains(sid) && !cut.Contains(sid) && (sid > voters || spare > 0):
                cluster.Isolate(sid);
                cut.Add(sid);
                break;
            case 3 when cut.Remove(sid):
                cluster.Heal(sid);
                break;
            case 4 when spare > 0 && cluster.EstablishedLeader is { } leader:
                // A leader dies with a proposal only it logged, so when it returns it gets a TRUNC or a SNAP.
                cluster.Isolate(leader.Sid);
                cluster.Write(leader.Sid, ++request, $"r{request}");
                cluster.Crash(leader.Sid);
                cluster.Heal(leader.Sid);
                down.Add(leader.Sid);
                break;
            case 5:
                // A slow disk: its confirmations wait (group commit piles up; acks and applies wait).
                cluster.HoldDisk(sid);
                slow.Add(sid);
                break;
            case 6:
                foreach (var held in slow)
                {
                    cluster.ReleaseDisk(held);
                }
                slow.Clear();
                break;
            default:
                var up = cluster.Up.Select(node => node.Sid).ToList();
                if (up.Count > 0)
                {
                    cluster.Write(up[random.Next(up.Count)], ++request, $"r{request}");
                }
                break;
        }
    }

    private static void AssertPrefixAgreement(PeerCluster cluster)
    {
        var histories = cluster.Up.Select(node => node.AppliedTxns).OrderByDescending(history => history.Count).ToList();
        var longest = histories.FirstOrDefault() ?? [];
        foreach (var history in histories)
        {
            Assert.Equal(longest.Take(history.Count), history);
        }
    }
}
