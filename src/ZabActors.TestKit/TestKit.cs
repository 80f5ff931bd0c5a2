using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;
using ZabActors.Actors;
using ZabActors.Hocon;

namespace ZabActors.TestKit;

/// <summary>
/// The xunit base class for actor tests: a fresh <see cref="ActorSystem"/> per test (disposed with the
/// test), a <see cref="TestKitBase.TestActor"/>, probes, and the expectation API. Built with
/// <see cref="TestKitOptions.VirtualTime"/> it runs everything on a seeded deterministic runtime:
/// no threads, no real clock; <see cref="Advance"/> moves virtual time, and expectations run the
/// runtime instead of blocking. In a file whose namespace starts with <c>ZabActors.</c>, put
/// <c>using ZabActors.TestKit;</c> after the namespace declaration so <c>TestKit</c> names this class.
/// </summary>
public class TestKit : TestKitBase, IDisposable
{
    private bool _disposed;

    public TestKit(ITestOutputHelper? output = null) : this(TestKitOptions.Default, output)
    {
    }

    /// <summary>A test kit whose system is configured with <paramref name="config"/> (HOCON) over the defaults.</summary>
    public TestKit(string config, ITestOutputHelper? output = null) : this(TestKitOptions.WithConfig(config), output)
    {
    }

    /// <summary>A test kit whose system is configured with <paramref name="config"/> over the defaults.</summary>
    public TestKit(Config config, ITestOutputHelper? output = null) : this(TestKitOptions.Default with { Config = config }, output)
    {
    }

    public TestKit(TestKitOptions options, ITestOutputHelper? output = null)
        : base(CreateSystem(options, output), options.DefaultTimeout, "testActor")
    {
        Options = options;
    }

    public TestKitOptions Options { get; }

    /// <summary>The deterministic runtime in virtual-time mode.</summary>
    public DeterministicRuntime Runtime => Sys.Runtime ?? throw NotVirtual();

    /// <summary>The virtual clock and timers in virtual-time mode.</summary>
    public VirtualScheduler TestScheduler => Runtime.Scheduler;

    /// <summary>Moves virtual time forward, firing due timers and running every message they cause.</summary>
    public void Advance(TimeSpan duration) => Runtime.Advance(duration);

    /// <summary>Creates a top-level actor (and, in virtual time, runs it until idle).</summary>
    public IActorRef ActorOf(Props props, string? name = null)
    {
        var actor = Sys.ActorOf(props, name);
        RunIfVirtual();
        return actor;
    }

    public IActorRef ActorOf<T>(string? name = null) where T : ActorBase, new() => ActorOf(Props.Create<T>(), name);

    public TestProbe CreateTestProbe(string? name = null)
    {
        var probe = new TestProbe(Sys, DefaultTimeout, name);
        RunIfVirtual();
        return probe;
    }

    /// <summary>Terminates the system and waits for it (real time: up to 10 s; virtual time: runs until idle).</summary>
    public void Shutdown()
    {
        if (_disposed) return;
        _disposed = true;
        Sys.Terminate();
        if (Sys.Runtime is { } runtime) runtime.RunUntilIdle();
        else if (!Sys.WhenTerminated.Wait(TimeSpan.FromSeconds(10)))
            throw new TestKitAssertionException($"actor system {Sys.Name} did not terminate within 10s");
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing) Shutdown();
    }

    private static InvalidOperationException NotVirtual() =>
        new("this TestKit runs in real time; construct it with TestKitOptions.VirtualTime(seed) to use virtual time");

    private static ActorSystem CreateSystem(TestKitOptions options, ITestOutputHelper? output)
    {
        ArgumentNullException.ThrowIfNull(options);
        var loggerFactory = options.LoggerFactory ?? (output is null ? NullLoggerFactory.Instance : CreateOutputLoggerFactory(output));
        var setup = ActorSystemSetup.Empty.WithLoggerFactory(loggerFactory);
        if (options.CreateRuntime() is { } runtime) setup = setup.WithRuntime(runtime);
        return ActorSystem.Create(options.SystemName, options.Config, setup);
    }

    private static ILoggerFactory CreateOutputLoggerFactory(ITestOutputHelper output)
    {
        var factory = new LoggerFactory();
        factory.AddProvider(new TestOutputLoggerProvider(output));
        return factory;
    }
}
