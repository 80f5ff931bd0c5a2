namespace ZabActors.Zab.Tests;

public class QuorumTests
{
    [Theory]
    [InlineData(1, new long[] { 1 }, true)]
    [InlineData(3, new long[] { 1 }, false)]
    [InlineData(3, new long[] { 1, 3 }, true)]
    [InlineData(4, new long[] { 1, 2 }, false)]
    [InlineData(4, new long[] { 1, 2, 4 }, true)]
    [InlineData(5, new long[] { 2, 4, 5 }, true)]
    [InlineData(5, new long[] { 2, 4 }, false)]
    public void QuorumMaj_should_require_more_than_half_of_the_voters(int voters, long[] set, bool quorum)
    {
        var verifier = new QuorumMaj(Enumerable.Range(1, voters).Select(i => (long)i));

        Assert.Equal(quorum, verifier.ContainsQuorum(set));
    }

    [Fact]
    public void QuorumMaj_should_not_count_observers_unknown_ids_or_duplicates()
    {
        var verifier = new QuorumMaj([1, 2, 3], [4, 5]);

        Assert.False(verifier.ContainsQuorum([1, 4, 5, 9]));
        Assert.False(verifier.ContainsQuorum([1, 1, 1]));
        Assert.True(verifier.ContainsQuorum([1, 2, 4]));
        Assert.True(verifier.IsObserver(4));
        Assert.False(verifier.IsVoter(4));
        Assert.False(verifier.IsMember(9));
    }

    [Fact]
    public void QuorumMaj_should_refuse_an_empty_or_overlapping_configuration()
    {
        Assert.Throws<ArgumentException>(() => new QuorumMaj([]));
        Assert.Throws<ArgumentException>(() => new QuorumMaj([1, 2], [2]));
    }

    private static QuorumHierarchical ThreeGroupsOfThree(IReadOnlyDictionary<long, long>? weights = null) => new(
        new Dictionary<long, IReadOnlyCollection<long>>
        {
            [1] = [1, 2, 3],
            [2] = [4, 5, 6],
            [3] = [7, 8, 9],
        },
        weights);

    [Fact]
    public void QuorumHierarchical_should_require_a_majority_in_a_majority_of_groups()
    {
        var verifier = ThreeGroupsOfThree();

        Assert.True(verifier.ContainsQuorum([1, 2, 4, 5]));
        Assert.False(verifier.ContainsQuorum([1, 2, 3, 4]));
        Assert.False(verifier.ContainsQuorum([1, 4, 7]));
        Assert.True(verifier.ContainsQuorum([1, 2, 3, 4, 5, 6]));
        Assert.False(verifier.ContainsQuorum([]));
    }

    [Fact]
    public void QuorumHierarchical_should_weigh_servers_within_a_group()
    {
        // Server 1 alone outweighs 2 and 3 together in group 1.
        var verifier = ThreeGroupsOfThree(new Dictionary<long, long> { [1] = 3 });

        Assert.True(verifier.ContainsQuorum([1, 4, 5]));
        Assert.False(verifier.ContainsQuorum([2, 3, 4, 5]));
        Assert.Equal(3, verifier.Weight(1));
        Assert.Equal(1, verifier.Weight(2));
    }

    [Fact]
    public void QuorumHierarchical_should_ignore_groups_of_weight_zero()
    {
        // Group 3 weighs nothing, so a majority of groups means both remaining groups.
        var verifier = ThreeGroupsOfThree(new Dictionary<long, long> { [7] = 0, [8] = 0, [9] = 0 });

        Assert.True(verifier.ContainsQuorum([1, 2, 4, 5]));
        Assert.False(verifier.ContainsQuorum([1, 2, 7, 8, 9]));
        Assert.Equal(0, verifier.Weight(7));
    }

    [Fact]
    public void QuorumHierarchical_should_refuse_a_server_in_two_groups()
    {
        Assert.Throws<ArgumentException>(() => new QuorumHierarchical(
            new Dictionary<long, IReadOnlyCollection<long>> { [1] = [1, 2], [2] = [2, 3] }));
    }
}
