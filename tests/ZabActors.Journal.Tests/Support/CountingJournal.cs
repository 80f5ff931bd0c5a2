using System.Collections.Concurrent;
using System.Collections.Immutable;
using Akka.Persistence;
using Akka.Persistence.Journal;

namespace ZabActors.Journal.Tests.Support;

/// <summary>
/// An in-memory journal that records, per persistence id, how many events each atomic write it received carried
/// and how many write calls it got, so a test can see how the actor's persists reach the journal.
/// </summary>
public sealed class CountingJournal : MemoryJournal
{
    public static ConcurrentDictionary<string, ConcurrentQueue<int>> AtomicWriteSizes { get; } = new();

    public static ConcurrentDictionary<string, int> WriteCalls { get; } = new();

    /// <summary>Per persistence id, how many of its atomic writes each write call carried.</summary>
    public static ConcurrentDictionary<string, ConcurrentQueue<int>> AtomicWritesPerCall { get; } = new();

    /// <summary>Persistence ids whose writes take <see cref="SlowWrite"/>, so appends queue up behind them.</summary>
    public static ConcurrentDictionary<string, bool> Slow { get; } = new();

    public static TimeSpan SlowWrite { get; } = TimeSpan.FromMilliseconds(200);

    protected override Task<IImmutableList<Exception>> WriteMessagesAsync(IEnumerable<AtomicWrite> messages, CancellationToken cancellationToken)
    {
        var writes = messages.ToList();
        foreach (var write in writes)
        {
            var events = (IImmutableList<IPersistentRepresentation>)write.Payload;
            AtomicWriteSizes.GetOrAdd(write.PersistenceId, _ => new ConcurrentQueue<int>()).Enqueue(events.Count);
        }
        foreach (var group in writes.GroupBy(write => write.PersistenceId))
        {
            WriteCalls.AddOrUpdate(group.Key, 1, (_, calls) => calls + 1);
            AtomicWritesPerCall.GetOrAdd(group.Key, _ => new ConcurrentQueue<int>()).Enqueue(group.Count());
        }
        return writes.Any(write => Slow.ContainsKey(write.PersistenceId))
            ? DelayThenWrite(writes, cancellationToken)
            : base.WriteMessagesAsync(writes, cancellationToken);
    }

    private async Task<IImmutableList<Exception>> DelayThenWrite(List<AtomicWrite> writes, CancellationToken cancellationToken)
    {
        await Task.Delay(SlowWrite, cancellationToken);
        return await base.WriteMessagesAsync(writes, cancellationToken);
    }
}
