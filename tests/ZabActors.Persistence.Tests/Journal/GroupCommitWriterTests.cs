using Microsoft.Extensions.Logging.Abstractions;
using ZabActors.Persistence.Journal;

namespace ZabActors.Persistence.Tests.Journal;

/// <summary>
/// The group-commit writer against a scripted store that can hold a commit "in flight", so the
/// batching rules are checked deterministically: what arrives during a commit goes into the next
/// single transaction, within the record limit, and callers hear back only after their commit.
/// </summary>
public sealed class GroupCommitWriterTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly ScriptedStore store = new();

    public void Dispose() => store.ReleaseAll();

    private GroupCommitWriter CreateWriter(int maxBatchRecords = 4096) =>
        new("test", store, new GroupCommitSettings(maxBatchRecords, QueueCapacity: 64), NullLogger.Instance);

    private static AtomicWrite Write(string persistenceId, long from, int count = 1) =>
        new(Enumerable.Range(0, count).Select(i => new Persistent(persistenceId, from + i, "m", [1, 2, 3])).ToList());

    [Fact]
    public async Task Writes_queued_during_a_commit_share_the_next_transaction()
    {
        using var writer = CreateWriter();
        store.HoldCommit(1);
        var first = writer.WriteAsync([Write("a", 1)]);
        store.WaitUntilHeld(1);
        var queued = Enumerable.Range(0, 10).Select(i => writer.WriteAsync([Write($"b{i}", 1)])).ToList();
        Assert.False(first.IsCompleted, "a write is acknowledged only after its commit returns");
        store.Release(1);
        await first.WaitAsync(Patience);
        await Task.WhenAll(queued).WaitAsync(Patience);

        Assert.Equal(["commit 1", "commit 10"], store.Operations);
        Assert.Equal(2, writer.Statistics.BatchesCommitted);
        Assert.Equal(11, writer.Statistics.RecordsCommitted);
    }

    [Fact]
    public async Task A_batch_never_exceeds_the_record_limit_but_never_splits_a_request()
    {
        using var writer = CreateWriter(maxBatchRecords: 4);
        store.HoldCommit(1);
        var first = writer.WriteAsync([Write("a", 1)]);
        store.WaitUntilHeld(1);
        var queued = Enumerable.Range(0, 10).Select(i => writer.WriteAsync([Write($"b{i}", 1)])).ToList();
        queued.Add(writer.WriteAsync([Write("big", 1, count: 6)]));
        store.Release(1);
        await Task.WhenAll(queued.Append(first)).WaitAsync(Patience);

        Assert.Equal(["commit 1", "commit 4", "commit 4", "commit 2", "commit 6"], store.Operations);
    }

    [Fact]
    public async Task A_failed_commit_fails_every_caller_of_its_batch_and_later_batches_recover()
    {
        using var writer = CreateWriter();
        store.HoldCommit(1);
        store.FailCommit(2, new IOException("disk on fire"));
        var first = writer.WriteAsync([Write("a", 1)]);
        store.WaitUntilHeld(1);
        var doomed = new[] { writer.WriteAsync([Write("a", 2)]), writer.WriteAsync([Write("b", 1)]) };
        store.Release(1);
        await first.WaitAsync(Patience);
        foreach (var write in doomed)
            Assert.Equal("disk on fire", (await Assert.ThrowsAsync<IOException>(() => write.WaitAsync(Patience))).Message);

        // Nothing of the failed batch is stored, so the same sequence numbers are the next ones.
        Assert.All(await writer.WriteAsync([Write("a", 2), Write("b", 1)]).WaitAsync(Patience), Assert.Null);
        Assert.Equal(["commit 1", "commit 2 failed", "commit 2"], store.Operations);
        Assert.Equal(1, writer.Statistics.BatchesFailed);
        Assert.Equal(2, store.HighestReads("a"));
    }

    [Fact]
    public async Task Deletes_and_truncates_run_alone_in_the_order_they_were_issued()
    {
        using var writer = CreateWriter();
        store.HoldCommit(1);
        var first = writer.WriteAsync([Write("a", 1, count: 3)]);
        store.WaitUntilHeld(1);
        var truncate = writer.TruncateAfterAsync("a", 1);
        var second = writer.WriteAsync([Write("a", 2)]);
        var third = writer.WriteAsync([Write("b", 1)]);
        var delete = writer.DeleteMessagesToAsync("a", 1);
        store.Release(1);
        await Task.WhenAll(first, truncate, second, third, delete).WaitAsync(Patience);

        Assert.Null((await second)[0]);
        Assert.Equal(["commit 3", "truncate a after 1", "commit 2", "delete a to 1 (highest 2)"], store.Operations);
    }

    [Fact]
    public async Task Dispose_finishes_queued_writes_then_refuses_new_ones()
    {
        var writer = CreateWriter();
        store.HoldCommit(1);
        var first = writer.WriteAsync([Write("a", 1)]);
        store.WaitUntilHeld(1);
        var queued = writer.WriteAsync([Write("a", 2)]);
        var disposing = Task.Run(writer.Dispose);
        store.Release(1);
        await disposing.WaitAsync(Patience);

        Assert.Null((await first)[0]);
        Assert.Null((await queued)[0]);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => writer.WriteAsync([Write("a", 3)]));
    }

    /// <summary>
    /// A store that records what the writer asks of it, can keep a chosen commit "in flight"
    /// until the test releases it, and can fail a chosen commit.
    /// </summary>
    private sealed class ScriptedStore : IGroupCommitStore
    {
        private readonly object gate = new();
        private readonly Dictionary<string, long> highest = [];
        private readonly Dictionary<string, int> highestReads = [];
        private readonly List<string> operations = [];
        private readonly Dictionary<int, (ManualResetEventSlim Held, ManualResetEventSlim Release)> holds = [];
        private readonly Dictionary<int, Exception> failures = [];
        private int commits;

        public List<string> Operations
        {
            get { lock (gate) return [.. operations]; }
        }

        public int HighestReads(string persistenceId)
        {
            lock (gate) return highestReads.GetValueOrDefault(persistenceId);
        }

        public void HoldCommit(int number) => holds[number] = (new ManualResetEventSlim(), new ManualResetEventSlim());

        public void WaitUntilHeld(int number) => Assert.True(holds[number].Held.Wait(Patience), $"commit {number} never started");

        public void Release(int number) => holds[number].Release.Set();

        public void ReleaseAll()
        {
            foreach (var (_, release) in holds.Values)
                release.Set();
        }

        public void FailCommit(int number, Exception error) => failures[number] = error;

        public long ReadHighestSequenceNr(string persistenceId)
        {
            lock (gate)
            {
                highestReads[persistenceId] = highestReads.GetValueOrDefault(persistenceId) + 1;
                return highest.GetValueOrDefault(persistenceId);
            }
        }

        public void CommitBatch(IReadOnlyList<AtomicWrite> writes)
        {
            var number = Interlocked.Increment(ref commits);
            if (holds.TryGetValue(number, out var hold))
            {
                hold.Held.Set();
                hold.Release.Wait();
            }
            var records = writes.Sum(w => w.Count);
            lock (gate)
            {
                if (failures.Remove(number, out var failure))
                {
                    operations.Add($"commit {records} failed");
                    throw failure;
                }
                operations.Add($"commit {records}");
                foreach (var write in writes)
                    highest[write.PersistenceId] = write.HighestSequenceNr;
            }
        }

        public void DeleteMessagesTo(string persistenceId, long toSequenceNr, long highestSequenceNr)
        {
            lock (gate)
                operations.Add($"delete {persistenceId} to {toSequenceNr} (highest {highestSequenceNr})");
        }

        public void TruncateAfter(string persistenceId, long sequenceNr)
        {
            lock (gate)
            {
                operations.Add($"truncate {persistenceId} after {sequenceNr}");
                highest[persistenceId] = Math.Min(highest.GetValueOrDefault(persistenceId), sequenceNr);
            }
        }
    }
}
