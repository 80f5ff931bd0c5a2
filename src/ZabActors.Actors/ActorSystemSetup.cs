using Microsoft.Extensions.Logging;

namespace ZabActors.Actors;

/// <summary>
/// What an actor system is built with besides its configuration: logging, the execution mode
/// (thread pool or a shared <see cref="DeterministicRuntime"/>), the real clock, the root address and
/// an optional provider wrapper (how the remote layer plugs in).
/// </summary>
public sealed record ActorSystemSetup
{
    public static readonly ActorSystemSetup Empty = new();

    /// <summary>Where logs go; <c>NullLoggerFactory</c> when not set.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>When set, every actor of the system runs on this runtime, in virtual time.</summary>
    public DeterministicRuntime? Runtime { get; init; }

    /// <summary>The real clock (thread-pool mode only); <see cref="TimeProvider.System"/> when not set.</summary>
    public TimeProvider? TimeProvider { get; init; }

    /// <summary>The address of the root path; <c>zab://name</c> when not set. A remote layer sets <c>zab.tcp://name@host:port</c>.</summary>
    public Address? Address { get; init; }

    /// <summary>Wraps the local provider, e.g. with one that also resolves remote paths.</summary>
    public Func<ActorSystem, IActorRefProvider, IActorRefProvider>? ProviderFactory { get; init; }

    /// <summary>A setup running the system on <paramref name="runtime"/>; several systems may share one runtime.</summary>
    public static ActorSystemSetup Deterministic(DeterministicRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        return new ActorSystemSetup { Runtime = runtime };
    }

    public ActorSystemSetup WithLoggerFactory(ILoggerFactory loggerFactory) => this with { LoggerFactory = loggerFactory };

    public ActorSystemSetup WithRuntime(DeterministicRuntime runtime) => this with { Runtime = runtime };

    public ActorSystemSetup WithTimeProvider(TimeProvider timeProvider) => this with { TimeProvider = timeProvider };

    public ActorSystemSetup WithAddress(Address address) => this with { Address = address };

    public ActorSystemSetup WithProvider(Func<ActorSystem, IActorRefProvider, IActorRefProvider> factory) => this with { ProviderFactory = factory };
}
