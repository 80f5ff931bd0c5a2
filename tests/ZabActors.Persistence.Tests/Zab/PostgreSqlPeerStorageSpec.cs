using System.Text.Json;
using Microsoft.Extensions.Logging;
using ZabActors.Hocon;
using ZabActors.Persistence.PostgreSql;
using ZabActors.Persistence.Tests.Support;
using ZabActors.Persistence.Zab;

namespace ZabActors.Persistence.Tests.Zab;

/// <summary>Runs the peer storage suite on the PostgreSQL plugins (ZAB_TEST_PG), opened from HOCON.</summary>
[RequiresPostgreSql]
public sealed class PostgreSqlPeerStorageSpec : PeerStorageSpec
{
    private PostgreSqlTestSchema? schema;
    private string? tableName;

    private PostgreSqlTestSchema Schema => schema ??= new PostgreSqlTestSchema();

    protected override string ExpectedLocation => tableName!;

    protected override JournalPeerStorage OpenStorage(ILoggerFactory logging)
    {
        var connection = JsonSerializer.Serialize(Schema.ConnectionString);
        var storage = JournalPeerStorage.Open(ConfigurationFactory.ParseString($$"""
            zab.persistence.journal.plugin = "zab.persistence.journal.postgresql"
            zab.persistence.journal.postgresql { connection-string = {{connection}}, schema = {{Schema.Name}} }
            zab.persistence.snapshot-store.plugin = "zab.persistence.snapshot-store.postgresql"
            zab.persistence.snapshot-store.postgresql { connection-string = {{connection}}, schema = {{Schema.Name}} }
            """), dataDirectory: null, Prefix, logging);
        tableName = ((PostgreSqlJournal)storage.Journal).TableName;
        return storage;
    }

    protected override long BatchesCommitted(JournalPeerStorage storage) => ((PostgreSqlJournal)storage.Journal).Statistics.BatchesCommitted;

    protected override Task CorruptRecordAsync(string persistenceId, long sequenceNr) => FlipAsync("zab_journal", persistenceId, sequenceNr);

    protected override Task CorruptSnapshotAsync(string persistenceId, long sequenceNr) => FlipAsync("zab_snapshot", persistenceId, sequenceNr);

    private Task FlipAsync(string table, string persistenceId, long sequenceNr) =>
        Schema.FlipPayloadBitsAsync(table, persistenceId, sequenceNr, byteIndex: "length(payload) / 2", mask: 16);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (schema is not null)
            await schema.DisposeAsync();
    }
}
