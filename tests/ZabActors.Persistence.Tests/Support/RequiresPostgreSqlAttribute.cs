namespace ZabActors.Persistence.Tests.Support;

/// <summary>
/// Marks a test class whose <see cref="PluginFactAttribute"/> tests need the PostgreSQL server;
/// they are skipped (or, under CI, run and fail) as <see cref="PostgreSqlEnvironment"/> decides.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RequiresPostgreSqlAttribute : Attribute;
