using ZabActors.FaultCampaign.Checking;
using ZabActors.FaultCampaign.Models;

namespace ZabActors.FaultCampaign.Tests;

/// <summary>The classic register histories, linearizable and not, checked per key.</summary>
public sealed class RegisterHistoryTests
{
    private static readonly KeyValueModel Model = new();

    private static Histories<KvInput, KvOutput> History() => new();

    private static KvOutput Read(string? value) => new(value);

    private static Verdict Check(Histories<KvInput, KvOutput> history) => LinearizabilityChecker.Check(Model, history.Operations).Verdict;

    [Fact]
    public void A_read_after_a_completed_write_sees_it()
    {
        var history = History()
            .Ok(1, KvInput.Put("x", "1"), KvOutput.Done, 1, 2)
            .Ok(2, KvInput.Get("x"), Read("1"), 3, 4);
        Assert.Equal(Verdict.Linearizable, Check(history));
    }

    [Fact]
    public void A_stale_read_after_a_completed_write_is_not_linearizable()
    {
        var history = History()
            .Ok(1, KvInput.Put("x", "1"), KvOutput.Done, 1, 2)
            .Ok(1, KvInput.Put("x", "2"), KvOutput.Done, 3, 4)
            .Ok(2, KvInput.Get("x"), Read("1"), 5, 6);
        var result = LinearizabilityChecker.Check(Model, history.Operations);
        Assert.Equal(Verdict.NotLinearizable, result.Verdict);
        Assert.Contains(result.Explanation, line => line.Contains("ends when operation #2 returns", StringComparison.Ordinal));
        Assert.Contains(result.Explanation, line => line.Contains("involved: #2", StringComparison.Ordinal) && line.Contains("get(x) -> 1", StringComparison.Ordinal));
    }

    [Fact]
    public void A_read_concurrent_with_a_write_may_see_the_old_or_the_new_value()
    {
        foreach (var seen in new[] { "1", "2" })
        {
            var history = History()
                .Ok(1, KvInput.Put("x", "1"), KvOutput.Done, 1, 2)
                .Ok(1, KvInput.Put("x", "2"), KvOutput.Done, 3, 6)
                .Ok(2, KvInput.Get("x"), Read(seen), 4, 5);
            Assert.Equal(Verdict.Linearizable, Check(history));
        }
    }

    [Fact]
    public void Reads_that_disagree_on_the_order_of_two_concurrent_writes_are_not_linearizable()
    {
        var history = History()
            .Ok(1, KvInput.Put("x", "1"), KvOutput.Done, 1, 20)
            .Ok(2, KvInput.Put("x", "2"), KvOutput.Done, 2, 21)
            .Ok(3, KvInput.Get("x"), Read("1"), 3, 4)
            .Ok(3, KvInput.Get("x"), Read("2"), 5, 6)
            .Ok(4, KvInput.Get("x"), Read("2"), 7, 8)
            .Ok(4, KvInput.Get("x"), Read("1"), 9, 10);
        Assert.Equal(Verdict.NotLinearizable, Check(history));
    }

    [Fact]
    public void Reads_that_agree_on_the_order_of_two_concurrent_writes_are_linearizable()
    {
        var history = History()
            .Ok(1, KvInput.Put("x", "1"), KvOutput.Done, 1, 20)
            .Ok(2, KvInput.Put("x", "2"), KvOutput.Done, 2, 21)
            .Ok(3, KvInput.Get("x"), Read("1"), 3, 4)
            .Ok(3, KvInput.Get("x"), Read("2"), 5, 6)
            .Ok(4, KvInput.Get("x"), Read("1"), 3, 4)
            .Ok(4, KvInput.Get("x"), Read("2"), 9, 10);
        Assert.Equal(Verdict.Linearizable, Check(history));
    }

    [Fact]
    public void An_unknown_write_may_take_effect_late()
    {
        var history = History()
            .Unknown(1, KvInput.Put("x", "1"), 1)
            .Ok(2, KvInput.Get("x"), Read(null), 2, 3)
            .Ok(2, KvInput.Get("x"), Read("1"), 100, 101);
        Assert.Equal(Verdict.Linearizable, Check(history));
    }

    [Fact]
    public void An_unknown_write_may_never_take_effect()
    {
        var history = History()
            .Unknown(1, KvInput.Put("x", "1"), 1)
            .Ok(2, KvInput.Get("x"), Read(null), 200, 201);
        Assert.Equal(Verdict.Linearizable, Check(history));
    }

    [Fact]
    public void An_unknown_write_cannot_be_undone_once_seen()
    {
        var history = History()
            .Unknown(1, KvInput.Put("x", "1"), 1)
            .Ok(2, KvInput.Get("x"), Read("1"), 2, 3)
            .Ok(2, KvInput.Get("x"), Read(null), 4, 5);
        Assert.Equal(Verdict.NotLinearizable, Check(history));
    }

    [Fact]
    public void A_failed_write_is_dropped_so_reading_its_value_is_not_linearizable()
    {
        var history = History()
            .Fail(1, KvInput.Put("x", "1"), 1, 2)
            .Ok(2, KvInput.Get("x"), Read("1"), 3, 4);
        Assert.Equal(Verdict.NotLinearizable, Check(history));
    }

    [Fact]
    public void Compare_and_set_applies_only_from_the_expected_value()
    {
        var history = History()
            .Ok(1, KvInput.Put("x", "1"), KvOutput.Done, 1, 2)
            .Ok(1, KvInput.Cas("x", "1", "2"), new KvOutput(null, Ok: true), 3, 4)
            .Ok(2, KvInput.Cas("x", "1", "3"), new KvOutput(null, Ok: false), 5, 6)
            .Ok(2, KvInput.Get("x"), Read("2"), 7, 8);
        Assert.Equal(Verdict.Linearizable, Check(history));
        var lying = History()
            .Ok(1, KvInput.Put("x", "1"), KvOutput.Done, 1, 2)
            .Ok(2, KvInput.Cas("x", "1", "3"), new KvOutput(null, Ok: false), 3, 4);
        Assert.Equal(Verdict.NotLinearizable, Check(lying));
    }

    [Fact]
    public void Keys_are_checked_as_separate_parts_and_a_violation_in_one_is_found()
    {
        var history = History()
            .Ok(1, KvInput.Put("x", "1"), KvOutput.Done, 1, 2)
            .Ok(1, KvInput.Put("y", "1"), KvOutput.Done, 3, 4)
            .Ok(2, KvInput.Get("x"), Read("1"), 5, 6)
            .Ok(2, KvInput.Get("y"), Read(null), 7, 8);
        var result = LinearizabilityChecker.Check(Model, history.Operations);
        Assert.Equal(Verdict.NotLinearizable, result.Verdict);
        Assert.Equal(2, result.Parts);
        Assert.Contains(result.Explanation, line => line.Contains("get(y) -> absent", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Explanation, line => line.Contains("get(x)", StringComparison.Ordinal));
    }

    [Fact]
    public void A_search_that_exceeds_its_budget_is_unknown_not_a_violation()
    {
        var history = History();
        for (var i = 0; i < 12; i++)
        {
            history.Unknown(i, KvInput.Put("x", i.ToString(System.Globalization.CultureInfo.InvariantCulture)), i + 1);
        }
        history.Ok(99, KvInput.Get("x"), Read("11"), 100, 101);
        var result = LinearizabilityChecker.Check(Model, history.Operations, new CheckBudget(MaxSteps: 5, TimeSpan.FromSeconds(10)));
        Assert.Equal(Verdict.Unknown, result.Verdict);
        Assert.Equal(Verdict.Linearizable, LinearizabilityChecker.Check(Model, history.Operations).Verdict);
    }
}
