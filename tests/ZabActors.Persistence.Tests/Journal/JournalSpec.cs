using System.Text;
using ZabActors.Persistence.Journal;
using ZabActors.Persistence.Tests.Support;

namespace ZabActors.Persistence.Tests.Journal;

/// <summary>
/// The conformance suite every journal plugin passes (after Akka.Persistence.TCK's JournalSpec).
/// Each plugin derives one class that says how to open its journal on a fresh store, how to damage
/// a stored record, and where corruption is reported; the facts are shared, so plugins cannot
/// drift apart.
/// </summary>
public abstract class JournalSpec : IAsyncLifetime
{
    private IAsyncWriteJournal? journal;

    protected IAsyncWriteJournal Journal => journal ?? throw new InvalidOperationException("journal not opened");

    /// <summary>Opens a journal on this test's store; a second call is a restart on the same store.</summary>
    protected abstract Task<IAsyncWriteJournal> OpenJournalAsync();

    /// <summary>Damages the stored payload of one record behind the journal's back.</summary>
    protected abstract Task CorruptRecordAsync(string persistenceId, long sequenceNr);

    /// <summary>The file or table a corruption report must name.</summary>
    protected abstract string ExpectedCorruptionLocation { get; }

    /// <summary>Group-commit counters for journals that batch, null for the others.</summary>
    protected virtual GroupCommitStatistics? Statistics => null;

    public virtual async Task InitializeAsync() => journal = await OpenJournalAsync();

    public virtual async Task DisposeAsync()
    {
        if (journal is not null)
            await journal.DisposeAsync();
    }

    protected async Task RestartAsync()
    {
        await Journal.DisposeAsync();
        journal = null;
        journal = await OpenJournalAsync();
    }

    protected static Persistent Record(string persistenceId, long sequenceNr, byte[]? payload = null) =>
        new(persistenceId, sequenceNr, "test.event", payload ?? Encoding.UTF8.GetBytes($"{persistenceId}-{sequenceNr}"), "writer-1");

    protected static AtomicWrite Write(string persistenceId, long from, long to) =>
        new(Enumerable.Range((int)from, (int)(to - from + 1)).Select(n => Record(persistenceId, n)).ToList());

    protected async Task WriteAllAsync(params AtomicWrite[] writes)
    {
        var results = await Journal.WriteMessagesAsync(writes);
        Assert.Equal(writes.Length, results.Count);
        Assert.All(results, Assert.Null);
    }

    protected async Task<List<long>> ReplayAsync(string persistenceId, long from = 1, long to = long.MaxValue, long max = long.MaxValue)
    {
        var replayed = new List<Persistent>();
        await Journal.ReplayMessagesAsync(persistenceId, from, to, max, replayed.Add);
        Assert.All(replayed, r => Assert.Equal(Record(persistenceId, r.SequenceNr), r));
        return replayed.Select(r => r.SequenceNr).ToList();
    }

    private static List<long> Range(long from, long to) => Enumerable.Range((int)from, (int)(to - from + 1)).Select(n => (long)n).ToList();

    [PluginFact]
    public async Task Journal_should_replay_all_written_messages_in_order()
    {
        await WriteAllAsync(Write("a", 1, 1), Write("a", 2, 4));
        await WriteAllAsync(Write("a", 5, 5));
        Assert.Equal(Range(1, 5), await ReplayAsync("a"));
    }

    [PluginFact]
    public async Task Journal_should_replay_only_the_requested_range()
    {
        await WriteAllAsync(Write("a", 1, 10));
        Assert.Equal(Range(3, 7), await ReplayAsync("a", 3, 7));
        Assert.Equal(Range(10, 10), await ReplayAsync("a", 10, 20));
        Assert.Empty(await ReplayAsync("a", 11));
        Assert.Empty(await ReplayAsync("a", 7, 3));
    }

    [PluginFact]
    public async Task Journal_should_replay_at_most_max_messages()
    {
        await WriteAllAsync(Write("a", 1, 10));
        Assert.Equal(Range(2, 4), await ReplayAsync("a", 2, long.MaxValue, 3));
        Assert.Empty(await ReplayAsync("a", 1, long.MaxValue, 0));
    }

    [PluginFact]
    public async Task Journal_should_replay_nothing_and_report_zero_for_an_unknown_id()
    {
        Assert.Empty(await ReplayAsync("nobody"));
        Assert.Equal(0, await Journal.ReadHighestSequenceNrAsync("nobody", 0));
    }

    [PluginFact]
    public async Task Journal_should_report_the_highest_sequence_nr_written()
    {
        await WriteAllAsync(Write("a", 1, 3), Write("b", 1, 1));
        Assert.Equal(3, await Journal.ReadHighestSequenceNrAsync("a", 0));
        Assert.Equal(3, await Journal.ReadHighestSequenceNrAsync("a", 2));
        Assert.Equal(1, await Journal.ReadHighestSequenceNrAsync("b", 0));
    }

    [PluginFact]
    public async Task Journal_should_delete_messages_up_to_a_sequence_nr()
    {
        await WriteAllAsync(Write("a", 1, 6));
        await Journal.DeleteMessagesToAsync("a", 3);
        Assert.Equal(Range(4, 6), await ReplayAsync("a"));
        Assert.Equal(6, await Journal.ReadHighestSequenceNrAsync("a", 0));
        await Journal.DeleteMessagesToAsync("a", 2);
        Assert.Equal(Range(4, 6), await ReplayAsync("a"));
    }

    [PluginFact]
    public async Task Journal_should_remember_the_highest_sequence_nr_after_deleting_everything()
    {
        await WriteAllAsync(Write("a", 1, 5));
        await Journal.DeleteMessagesToAsync("a", long.MaxValue);
        Assert.Empty(await ReplayAsync("a"));
        Assert.Equal(5, await Journal.ReadHighestSequenceNrAsync("a", 0));
        var restart = await Journal.WriteMessagesAsync([Write("a", 1, 1)]);
        Assert.IsType<JournalSequenceException>(restart[0]);
        await WriteAllAsync(Write("a", 6, 7));
        Assert.Equal(Range(6, 7), await ReplayAsync("a"));
    }

    [PluginFact]
    public async Task Journal_should_truncate_after_a_sequence_nr()
    {
        await WriteAllAsync(Write("a", 1, 8), Write("b", 1, 3));
        await Journal.TruncateAfterAsync("a", 5);
        Assert.Equal(Range(1, 5), await ReplayAsync("a"));
        Assert.Equal(5, await Journal.ReadHighestSequenceNrAsync("a", 0));
        Assert.Equal(Range(1, 3), await ReplayAsync("b"));
        var stale = await Journal.WriteMessagesAsync([Write("a", 9, 9)]);
        Assert.IsType<JournalSequenceException>(stale[0]);
        await WriteAllAsync(Write("a", 6, 7));
        Assert.Equal(Range(1, 7), await ReplayAsync("a"));
    }

    [PluginFact]
    public async Task Journal_should_treat_truncating_at_or_beyond_the_highest_as_a_no_op()
    {
        await WriteAllAsync(Write("a", 1, 4));
        await Journal.TruncateAfterAsync("a", 4);
        await Journal.TruncateAfterAsync("a", 100);
        Assert.Equal(Range(1, 4), await ReplayAsync("a"));
        Assert.Equal(4, await Journal.ReadHighestSequenceNrAsync("a", 0));
        await WriteAllAsync(Write("a", 5, 5));
    }

    [PluginFact]
    public async Task Journal_should_truncate_below_a_deleted_prefix()
    {
        await WriteAllAsync(Write("a", 1, 10));
        await Journal.DeleteMessagesToAsync("a", 6);
        await Journal.TruncateAfterAsync("a", 3);
        Assert.Empty(await ReplayAsync("a"));
        Assert.Equal(3, await Journal.ReadHighestSequenceNrAsync("a", 0));
        await WriteAllAsync(Write("a", 4, 5));
        Assert.Equal(Range(4, 5), await ReplayAsync("a"));
    }

    [PluginFact]
    public async Task Journal_should_truncate_everything_after_zero()
    {
        await WriteAllAsync(Write("a", 1, 3));
        await Journal.TruncateAfterAsync("a", 0);
        Assert.Empty(await ReplayAsync("a"));
        Assert.Equal(0, await Journal.ReadHighestSequenceNrAsync("a", 0));
        await WriteAllAsync(Write("a", 1, 1));
    }

    [PluginFact]
    public async Task Journal_should_reject_a_write_that_skips_a_sequence_nr()
    {
        await WriteAllAsync(Write("a", 1, 2));
        var results = await Journal.WriteMessagesAsync([Write("a", 4, 5)]);
        var rejection = Assert.IsType<JournalSequenceException>(results[0]);
        Assert.Equal("a", rejection.PersistenceId);
        Assert.Equal(3, rejection.ExpectedSequenceNr);
        Assert.Equal(4, rejection.ActualSequenceNr);
        Assert.Contains("expected sequence nr 3", rejection.Message);
        Assert.Equal(Range(1, 2), await ReplayAsync("a"));
        Assert.Equal(2, await Journal.ReadHighestSequenceNrAsync("a", 0));
    }

    [PluginFact]
    public async Task Journal_should_reject_a_write_that_repeats_a_sequence_nr()
    {
        await WriteAllAsync(Write("a", 1, 3));
        var results = await Journal.WriteMessagesAsync([Write("a", 3, 4)]);
        Assert.IsType<JournalSequenceException>(results[0]);
        Assert.Equal(Range(1, 3), await ReplayAsync("a"));
    }

    [PluginFact]
    public async Task Journal_should_reject_a_new_id_that_does_not_start_at_one()
    {
        var results = await Journal.WriteMessagesAsync([Write("a", 2, 2)]);
        Assert.IsType<JournalSequenceException>(results[0]);
        Assert.Equal(0, await Journal.ReadHighestSequenceNrAsync("a", 0));
    }

    [PluginFact]
    public async Task Journal_should_store_each_atomic_write_all_or_nothing()
    {
        var results = await Journal.WriteMessagesAsync([
            Write("a", 1, 3),
            Write("a", 5, 7),
            Write("b", 1, 2),
            Write("a", 4, 4),
        ]);
        Assert.Null(results[0]);
        Assert.IsType<JournalSequenceException>(results[1]);
        Assert.Null(results[2]);
        Assert.Null(results[3]);
        Assert.Equal(Range(1, 4), await ReplayAsync("a"));
        Assert.Equal(Range(1, 2), await ReplayAsync("b"));
    }

    [PluginFact]
    public async Task Journal_should_apply_operations_in_the_order_they_were_issued()
    {
        var first = Journal.WriteMessagesAsync([Write("a", 1, 5)]);
        var truncate = Journal.TruncateAfterAsync("a", 2);
        var second = Journal.WriteMessagesAsync([Write("a", 3, 4)]);
        var delete = Journal.DeleteMessagesToAsync("a", 1);
        var third = Journal.WriteMessagesAsync([Write("a", 5, 5)]);
        await Task.WhenAll(first, truncate, second, delete, third);
        Assert.All(new[] { first.Result, second.Result, third.Result }, r => Assert.Null(r[0]));
        Assert.Equal(Range(2, 5), await ReplayAsync("a"));
    }

    [PluginFact]
    public async Task Journal_should_serve_concurrent_appenders_with_gap_free_sequences()
    {
        const int appenders = 24;
        const int writesEach = 25;
        var batchesBefore = Statistics?.BatchesCommitted ?? 0;
        await Task.WhenAll(Enumerable.Range(0, appenders).Select(a => Task.Run(async () =>
        {
            for (var n = 1; n <= writesEach; n++)
            {
                var results = await Journal.WriteMessagesAsync([Write($"appender-{a}", n, n)]);
                Assert.Null(results[0]);
            }
        })));
        for (var a = 0; a < appenders; a++)
        {
            Assert.Equal(Range(1, writesEach), await ReplayAsync($"appender-{a}"));
            Assert.Equal(writesEach, await Journal.ReadHighestSequenceNrAsync($"appender-{a}", 0));
        }
        if (Statistics is { } statistics)
        {
            var batches = statistics.BatchesCommitted - batchesBefore;
            Assert.InRange(batches, 1, appenders * writesEach);
        }
    }

    [PluginFact]
    public async Task Journal_should_keep_ids_apart()
    {
        await WriteAllAsync(Write("a", 1, 2), Write("b", 1, 3), Write("a-longer", 1, 1));
        await Journal.DeleteMessagesToAsync("b", 2);
        await Journal.TruncateAfterAsync("a", 1);
        Assert.Equal(Range(1, 1), await ReplayAsync("a"));
        Assert.Equal(Range(3, 3), await ReplayAsync("b"));
        Assert.Equal(Range(1, 1), await ReplayAsync("a-longer"));
    }

    [PluginFact]
    public async Task Journal_should_keep_messages_and_markers_across_a_restart()
    {
        await WriteAllAsync(Write("a", 1, 6), Write("b", 1, 2));
        await Journal.DeleteMessagesToAsync("a", 2);
        await Journal.DeleteMessagesToAsync("b", 2);
        await RestartAsync();
        Assert.Equal(Range(3, 6), await ReplayAsync("a"));
        Assert.Equal(2, await Journal.ReadHighestSequenceNrAsync("b", 0));
        await WriteAllAsync(Write("a", 7, 7), Write("b", 3, 3));
        Assert.Equal(Range(3, 7), await ReplayAsync("a"));
    }

    [PluginFact]
    public async Task Journal_should_round_trip_every_field_and_payload_size()
    {
        var records = new[]
        {
            new Persistent("a", 1, "", [], null),
            new Persistent("a", 2, "zab.txn/ünïcode", [0, 255, 0, 1], "writer-\u00e9"),
            new Persistent("a", 3, "big", Enumerable.Range(0, 1 << 20).Select(i => (byte)(i * 31)).ToArray(), "w"),
        };
        await WriteAllAsync(new AtomicWrite(records));
        var replayed = new List<Persistent>();
        await Journal.ReplayMessagesAsync("a", 1, long.MaxValue, long.MaxValue, replayed.Add);
        Assert.Equal(records, replayed);
    }

    [PluginFact]
    public async Task Journal_should_stop_replay_at_a_corrupted_record()
    {
        await WriteAllAsync(Write("a", 1, 5));
        await CorruptRecordAsync("a", 3);
        var replayed = new List<long>();
        var error = await Assert.ThrowsAsync<JournalCorruptedException>(() =>
            Journal.ReplayMessagesAsync("a", 1, long.MaxValue, long.MaxValue, r => replayed.Add(r.SequenceNr)));
        Assert.Equal([1L, 2L], replayed);
        Assert.Equal("a", error.PersistenceId);
        Assert.Equal(3, error.SequenceNr);
        Assert.Equal(ExpectedCorruptionLocation, error.Location);
        Assert.Contains("checksum", error.Message);
        Assert.Contains(ExpectedCorruptionLocation, error.Message);
    }

    [PluginFact]
    public async Task Journal_should_refuse_invalid_arguments()
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Journal.ReplayMessagesAsync("", 1, 2, 3, _ => { }));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Journal.DeleteMessagesToAsync("a", -1));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Journal.TruncateAfterAsync("a", -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Record("a", 0));
        Assert.Throws<ArgumentException>(() => new AtomicWrite([Record("a", 1), Record("a", 3)]));
        Assert.Throws<ArgumentException>(() => new AtomicWrite([Record("a", 1), Record("b", 2)]));
    }
}
