using System.Globalization;
using ZabActors.FaultCampaign.Checking;
using ZabActors.FaultCampaign.Models;

namespace ZabActors.FaultCampaign.Tests;

/// <summary>
/// Histories made from a real sequential execution: each operation gets a linearization point, and
/// its call and return are drawn at random around it, so the history is linearizable by construction
/// whatever the overlaps. Some operations become unknown (return at infinity, output lost), including
/// writes that never took effect. A mutated history (a read that returns a value nobody wrote) never is.
/// </summary>
public sealed class RandomHistoryTests
{
    private const int Histories = 150;

    [Fact]
    public void Register_histories_from_a_sequential_execution_are_linearizable_and_mutants_are_not()
    {
        for (var seed = 1; seed <= Histories; seed++)
        {
            var random = new Random(seed);
            var history = RegisterHistory(random);
            var result = LinearizabilityChecker.Check(new KeyValueModel(), history);
            Assert.True(result.Verdict == Verdict.Linearizable, $"seed {seed}: {result}");
            var reads = history.Where(op => op.Input.Kind == KvKind.Get && op.Status == OperationStatus.Ok).ToList();
            if (reads.Count == 0)
            {
                continue;
            }
            var victim = reads[random.Next(reads.Count)];
            var mutant = history.Select(op => op.Id == victim.Id ? op with { Output = new KvOutput("never-written") } : op).ToList();
            Assert.Equal(Verdict.NotLinearizable, LinearizabilityChecker.Check(new KeyValueModel(), mutant, explain: false).Verdict);
        }
    }

    [Fact]
    public void Append_log_histories_from_a_sequential_execution_are_linearizable_and_mutants_are_not()
    {
        for (var seed = 1; seed <= Histories; seed++)
        {
            var random = new Random(seed);
            var history = AppendHistory(random);
            var result = LinearizabilityChecker.Check(new AppendLogModel(), history);
            Assert.True(result.Verdict == Verdict.Linearizable, $"seed {seed}: {result}");
            var reads = history.Where(op => op.Output?.Prefix is not null).ToList();
            if (reads.Count == 0)
            {
                continue;
            }
            var victim = reads[random.Next(reads.Count)];
            var forged = victim.Output!.Prefix! with { Digest = LogDigest.Extend(victim.Output.Prefix!.Digest, "never-written"), Count = victim.Output.Prefix.Count + 1 };
            var mutant = history.Select(op => op.Id == victim.Id ? op with { Output = victim.Output with { Prefix = forged } } : op).ToList();
            Assert.Equal(Verdict.NotLinearizable, LinearizabilityChecker.Check(new AppendLogModel(), mutant, explain: false).Verdict);
        }
    }

    private static List<Operation<KvInput, KvOutput>> RegisterHistory(Random random)
    {
        var store = new Dictionary<string, string>();
        var operations = new List<Operation<KvInput, KvOutput>>();
        var count = random.Next(5, 60);
        for (var i = 0; i < count; i++)
        {
            var key = "k" + random.Next(3).ToString(CultureInfo.InvariantCulture);
            var input = random.Next(3) switch
            {
                0 => KvInput.Get(key),
                1 => KvInput.Put(key, "v" + i.ToString(CultureInfo.InvariantCulture)),
                _ => KvInput.Cas(key, random.Next(2) == 0 ? store.GetValueOrDefault(key) : "v" + random.Next(i + 1).ToString(CultureInfo.InvariantCulture), "v" + i.ToString(CultureInfo.InvariantCulture)),
            };
            // An unknown write that never took effect is not applied to the store at all.
            var lost = input.Kind != KvKind.Get && random.Next(10) == 0;
            var output = lost ? null : Apply(store, input);
            operations.Add(Around(random, operations.Count, input, output, point: i * 10L, unknown: lost || random.Next(8) == 0));
        }
        return operations;
    }

    private static KvOutput Apply(Dictionary<string, string> store, KvInput input)
    {
        var current = store.GetValueOrDefault(input.Key);
        switch (input.Kind)
        {
            case KvKind.Get:
                return new KvOutput(current);
            case KvKind.Put:
                store[input.Key] = input.Value!;
                return KvOutput.Done;
            default:
                var applies = current == input.Expected;
                if (applies)
                {
                    store[input.Key] = input.Value!;
                }
                return new KvOutput(null, applies);
        }
    }

    private static List<Operation<Append, AppendResult>> AppendHistory(Random random)
    {
        var log = new List<string>();
        var operations = new List<Operation<Append, AppendResult>>();
        long zxid = 0;
        var zxidsLost = 0;
        var count = random.Next(5, 60);
        for (var i = 0; i < count; i++)
        {
            var reads = random.Next(3) == 0;
            var input = new Append((reads ? "r" : "w") + i.ToString(CultureInfo.InvariantCulture), reads);
            if (zxidsLost < 2 && random.Next(12) == 0)
            {
                zxidsLost++;
                // An append that timed out and never took effect.
                operations.Add(Around<Append, AppendResult>(random, operations.Count, input, null, point: i * 10L, unknown: true));
                continue;
            }
            var prefix = reads ? new LogPrefix(log.Count, LogDigest.Of(log), zxid) : null;
            zxid = random.Next(6) == 0 ? (((zxid >> 32) + 1) << 32) | 1 : zxid + 1;
            log.Add(input.Value);
            var unknown = random.Next(8) == 0;
            // An unknown append that took effect usually has its zxid, learned afterwards from the servers'
            // logs. Appends without one (lost zxid, or never applied) may go anywhere after their call and
            // each order has its own digest, which makes the search factorial in their number: the
            // campaign resolves them from the final logs, and these histories hold two at most.
            var zxidLost = unknown && zxidsLost < 2 && random.Next(2) == 0;
            zxidsLost += zxidLost ? 1 : 0;
            var output = zxidLost ? null : unknown ? new AppendResult(zxid) : new AppendResult(zxid, prefix);
            operations.Add(Around(random, operations.Count, input, output, point: i * 10L, unknown));
        }
        return operations;
    }

    private static Operation<TInput, TOutput> Around<TInput, TOutput>(Random random, int id, TInput input, TOutput? output, long point, bool unknown)
        where TOutput : class
    {
        var call = point - random.Next(1, 40);
        if (unknown)
        {
            return new Operation<TInput, TOutput>(id, random.Next(4), input, output, call, Operation<TInput, TOutput>.Infinity, OperationStatus.Unknown);
        }
        return new Operation<TInput, TOutput>(id, random.Next(4), input, output, call, point + random.Next(1, 40), OperationStatus.Ok);
    }
}
