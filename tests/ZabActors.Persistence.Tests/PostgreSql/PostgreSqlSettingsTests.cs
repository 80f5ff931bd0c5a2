using ZabActors.Persistence.PostgreSql;

namespace ZabActors.Persistence.Tests.PostgreSql;

/// <summary>Bad PostgreSQL settings fail with a clear error naming the server; no server needed.</summary>
public sealed class PostgreSqlSettingsTests
{
    [Fact]
    public void An_unreachable_server_is_a_clear_error()
    {
        var settings = new PostgreSqlJournalSettings("Host=127.0.0.1;Port=1;Username=postgres;Database=nowhere;Timeout=2");
        var error = Assert.Throws<StoreOpenException>(() => new PostgreSqlJournal(settings));
        Assert.Contains("PostgreSQL journal", error.Message);
        Assert.Contains("postgresql://127.0.0.1:1/nowhere", error.Message);
    }

    [Fact]
    public void A_malformed_connection_string_is_a_clear_error()
    {
        var error = Assert.Throws<StoreOpenException>(() => new PostgreSqlJournal(new PostgreSqlJournalSettings("Host=x;Bogus Key=1")));
        Assert.Contains("invalid connection string", error.Message);
        Assert.Throws<StoreOpenException>(() => new PostgreSqlJournal(new PostgreSqlJournalSettings("")));
    }

    [Fact]
    public void A_schema_name_that_is_not_a_plain_identifier_is_refused()
    {
        var error = Assert.Throws<StoreOpenException>(() =>
            new PostgreSqlSnapshotStore(new PostgreSqlSnapshotStoreSettings("Host=127.0.0.1;Port=1", "x\"; DROP TABLE t; --")));
        Assert.Contains("not a plain identifier", error.Message);
    }

    [Fact]
    public void The_password_never_appears_in_errors()
    {
        var settings = new PostgreSqlJournalSettings("Host=127.0.0.1;Port=1;Username=u;Password=hunter2;Database=d;Timeout=1");
        var error = Assert.Throws<StoreOpenException>(() => new PostgreSqlJournal(settings));
        Assert.DoesNotContain("hunter2", error.Message);
    }
}
