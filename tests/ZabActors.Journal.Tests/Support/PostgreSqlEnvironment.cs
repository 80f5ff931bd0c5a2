namespace ZabActors.Journal.Tests.Support;

/// <summary>
/// Decides whether the PostgreSQL tests run: they need ZAB_TEST_PG (printed by .ci/postgres.sh start). Without it
/// they are skipped with a visible reason, except under CI=true, where they run and fail so CI cannot skip them silently.
/// </summary>
internal static class PostgreSqlEnvironment
{
    public const string Variable = "ZAB_TEST_PG";

    private const string Unavailable = "PostgreSQL not available: set ZAB_TEST_PG (eval \"$(bash .ci/postgres.sh start)\")";

    public static string? ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why the PostgreSQL tests are skipped, or null when they must run.</summary>
    public static string? SkipReason => ConnectionString is null && !IsCi ? Unavailable : null;

    public static string RequireConnectionString() =>
        ConnectionString ?? throw new InvalidOperationException($"{Unavailable}; CI=true requires the PostgreSQL tests to run");
}
