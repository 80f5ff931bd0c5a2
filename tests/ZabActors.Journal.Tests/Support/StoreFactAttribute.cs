using Xunit.Abstractions;
using Xunit.Sdk;

namespace ZabActors.Journal.Tests.Support;

/// <summary>
/// A fact declared once on an abstract store spec and run once per derived store class; the discoverer looks at
/// the derived class, so the PostgreSQL variant is skipped (with its reason) when no server is configured.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("ZabActors.Journal.Tests.Support.StoreFactDiscoverer", "ZabActors.Journal.Tests")]
public sealed class StoreFactAttribute : FactAttribute;

/// <summary>Marks a store spec class that needs the PostgreSQL server.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RequiresPostgreSqlAttribute : Attribute;

/// <summary>Creates a skipped test case for PostgreSQL classes when the server is not configured.</summary>
public sealed class StoreFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod,
        IAttributeInfo factAttribute)
    {
        var display = discoveryOptions.MethodDisplayOrDefault();
        var displayOptions = discoveryOptions.MethodDisplayOptionsOrDefault();
        var needsServer = testMethod.TestClass.Class.GetCustomAttributes(typeof(RequiresPostgreSqlAttribute)).Any();
        if (needsServer && PostgreSqlEnvironment.SkipReason is { } reason)
        {
            return [new XunitSkippedDataRowTestCase(diagnosticMessageSink, display, displayOptions, testMethod, reason)];
        }
        return [new XunitTestCase(diagnosticMessageSink, display, displayOptions, testMethod)];
    }
}
