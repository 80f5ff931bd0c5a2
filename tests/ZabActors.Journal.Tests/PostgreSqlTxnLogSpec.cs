using Akka.Configuration;
using Xunit.Abstractions;
using ZabActors.Journal.Tests.Support;

namespace ZabActors.Journal.Tests;

/// <summary>The store suite on the PostgreSQL server of ZAB_TEST_PG; skipped with its reason when unset.</summary>
[RequiresPostgreSql]
public sealed class PostgreSqlTxnLogSpec(ITestOutputHelper output) : TxnLogSpec(StoreConfig(), output)
{
    private static Config StoreConfig() =>
        PostgreSqlEnvironment.ConnectionString is { } connectionString
            ? ZabJournalConfig.PostgreSql(connectionString)
            : ZabJournalConfig.Reference;
}
