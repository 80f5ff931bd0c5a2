using Xunit.Abstractions;
using Xunit.Sdk;

namespace ZabActors.Persistence.Tests.Support;

/// <summary>
/// A fact of a plugin test class. Conformance facts are declared once on an abstract spec and
/// run once per derived plugin class; the discoverer looks at that derived class, so the
/// PostgreSQL variant can be skipped when no server is configured while the others run.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("ZabActors.Persistence.Tests.Support.PluginFactDiscoverer", "ZabActors.Persistence.Tests")]
public sealed class PluginFactAttribute : FactAttribute;

/// <summary>Creates a skipped test case for PostgreSQL classes when the server is not configured.</summary>
public sealed class PluginFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod,
        IAttributeInfo factAttribute)
    {
        var display = discoveryOptions.MethodDisplayOrDefault();
        var displayOptions = discoveryOptions.MethodDisplayOptionsOrDefault();
        var needsServer = testMethod.TestClass.Class.GetCustomAttributes(typeof(RequiresPostgreSqlAttribute)).Any();
        if (needsServer && PostgreSqlEnvironment.SkipReason is { } reason)
            return [new XunitSkippedDataRowTestCase(diagnosticMessageSink, display, displayOptions, testMethod, reason)];
        return [new XunitTestCase(diagnosticMessageSink, display, displayOptions, testMethod)];
    }
}
