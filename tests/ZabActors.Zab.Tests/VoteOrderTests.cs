namespace ZabActors.Zab.Tests;

public class VoteOrderTests
{
    private static readonly long[] Ids = [1, 2, 3];
    private static readonly Zxid[] Zxids = [Zxid.Make(1, 1), Zxid.Make(1, 2), Zxid.Make(2, 1)];
    private static readonly long[] Epochs = [0, 1, 2];

    /// <summary>Every pair of candidates over a small domain, against the lexicographic order (epoch, zxid, id).</summary>
    [Fact]
    public void TotalOrderPredicate_should_prefer_epoch_then_zxid_then_id_for_every_pair()
    {
        var candidates = (from id in Ids from zxid in Zxids from epoch in Epochs select (id, zxid, epoch)).ToList();
        foreach (var n in candidates)
        {
            foreach (var c in candidates)
            {
                var expected = (n.epoch, n.zxid.Value, n.id).CompareTo((c.epoch, c.zxid.Value, c.id)) > 0;
                var actual = VoteOrder.TotalOrderPredicate(1, n.id, n.zxid, n.epoch, c.id, c.zxid, c.epoch);
                Assert.True(expected == actual, $"new {n} vs current {c}: expected {expected}");
            }
        }
    }

    [Fact]
    public void TotalOrderPredicate_should_never_prefer_a_candidate_of_weight_zero()
    {
        foreach (var zxid in Zxids)
        {
            foreach (var epoch in Epochs)
            {
                Assert.False(VoteOrder.TotalOrderPredicate(0, 9, zxid, epoch + 10, 1, Zxid.Make(1, 1), 0));
            }
        }
    }

    [Fact]
    public void TotalOrderPredicate_should_be_irreflexive_and_asymmetric()
    {
        var candidates = (from id in Ids from zxid in Zxids from epoch in Epochs select (id, zxid, epoch)).ToList();
        foreach (var a in candidates)
        {
            Assert.False(VoteOrder.TotalOrderPredicate(1, a.id, a.zxid, a.epoch, a.id, a.zxid, a.epoch));
            foreach (var b in candidates.Where(b => b != a))
            {
                var ab = VoteOrder.TotalOrderPredicate(1, a.id, a.zxid, a.epoch, b.id, b.zxid, b.epoch);
                var ba = VoteOrder.TotalOrderPredicate(1, b.id, b.zxid, b.epoch, a.id, a.zxid, a.epoch);
                Assert.True(ab ^ ba, $"{a} and {b} must be strictly ordered");
            }
        }
    }

    [Fact]
    public void TotalOrderPredicate_should_use_the_verifier_weight()
    {
        var verifier = new QuorumHierarchical(
            new Dictionary<long, IReadOnlyCollection<long>> { [1] = [1, 2, 3] },
            new Dictionary<long, long> { [3] = 0 });
        var heavy = new Vote(2, Zxid.Make(1, 1), 1, 1);
        var weightless = new Vote(3, Zxid.Make(1, 9), 1, 2);

        Assert.False(VoteOrder.TotalOrderPredicate(verifier, weightless, heavy));
        Assert.True(VoteOrder.TotalOrderPredicate(verifier, heavy with { PeerEpoch = 3 }, weightless));
    }

    [Fact]
    public void Votes_should_agree_on_every_field_while_looking_and_on_leader_and_epoch_otherwise()
    {
        var looking = new Vote(3, Zxid.Make(1, 5), 2, 1);
        Assert.True(looking.Agrees(looking with { }));
        Assert.False(looking.Agrees(looking with { ElectionEpoch = 3 }));
        Assert.False(looking.Agrees(looking with { Zxid = Zxid.Make(1, 6), State = ServerState.Following }));

        var following = looking with { State = ServerState.Following };
        Assert.True(following.Agrees(looking with { Zxid = Zxid.Make(1, 9), ElectionEpoch = 7, State = ServerState.Leading }));
        Assert.False(following.Agrees(following with { PeerEpoch = 2 }));
    }
}
