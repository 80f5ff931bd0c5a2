namespace ZabActors.Actors;

/// <summary>
/// Creates the guardians and resolves paths to refs. The local provider knows only this process; a
/// remote provider wraps it (see <see cref="ActorSystemSetup.ProviderFactory"/>) and returns remote
/// refs for paths with another address, so selections and <c>ResolveActorRef</c> work across nodes.
/// </summary>
public interface IActorRefProvider
{
    ActorSystem System { get; }

    /// <summary>The address of this system's root path.</summary>
    Address DefaultAddress { get; }

    ActorPath RootPath { get; }

    IInternalActorRef RootGuardian { get; }

    /// <summary>The user guardian, <c>/user</c>: parent of every actor created with <c>system.ActorOf</c>.</summary>
    IInternalActorRef Guardian { get; }

    /// <summary>The system guardian, <c>/system</c>: parent of runtime services; stopped after the user guardian.</summary>
    IInternalActorRef SystemGuardian { get; }

    IActorRef DeadLetters { get; }

    /// <summary>A fresh unique path under <c>/temp</c> (for Ask).</summary>
    ActorPath TempPath();

    void RegisterTempActor(IInternalActorRef actorRef, ActorPath path);

    void UnregisterTempActor(ActorPath path);

    /// <summary>The ref at <paramref name="path"/>; a ref that dead-letters everything when no such actor lives.</summary>
    IActorRef ResolveActorRef(ActorPath path);

    /// <summary>Parses and resolves an absolute path (<c>zab://sys/user/a</c> or <c>/user/a</c>).</summary>
    IActorRef ResolveActorRef(string path);
}
