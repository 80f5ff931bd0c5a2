using ZabActors.Persistence.Journal;
using ZabActors.Persistence.PostgreSql;
using ZabActors.Persistence.Tests.Support;

namespace ZabActors.Persistence.Tests.Journal;

/// <summary>Runs the journal conformance suite against <see cref="PostgreSqlJournal"/> on the test server.</summary>
[RequiresPostgreSql]
public sealed class PostgreSqlJournalSpec : JournalSpec
{
    private PostgreSqlTestSchema? schema;
    private PostgreSqlJournal? current;

    private PostgreSqlTestSchema Schema => schema ??= new PostgreSqlTestSchema();

    protected override string ExpectedCorruptionLocation => current!.TableName;

    protected override GroupCommitStatistics? Statistics => current?.Statistics;

    protected override Task<IAsyncWriteJournal> OpenJournalAsync()
    {
        current = new PostgreSqlJournal(new PostgreSqlJournalSettings(Schema.ConnectionString, Schema.Name));
        return Task.FromResult<IAsyncWriteJournal>(current);
    }

    protected override Task CorruptRecordAsync(string persistenceId, long sequenceNr) =>
        Schema.FlipPayloadBitsAsync("zab_journal", persistenceId, sequenceNr);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (schema is not null)
            await schema.DisposeAsync();
    }
}
