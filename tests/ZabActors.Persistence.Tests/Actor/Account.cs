using ZabActors.Actors;

namespace ZabActors.Persistence.Tests.Actor;

/// <summary>An application event with a registered serializer of its own.</summary>
public sealed record Deposited(int Amount);

/// <summary>A persistent balance: persists <see cref="Deposited"/> events and answers with the balance.</summary>
public sealed class Account : PersistentActor
{
    private readonly string id;
    private int balance;

    public Account(string persistenceId, IActorRef probe)
    {
        id = persistenceId;
        Recover<Deposited>(deposited => balance += deposited.Amount);
        Command<Deposited>(deposited => Persist(deposited, persisted =>
        {
            balance += persisted.Amount;
            if (balance == 12)
                probe.Tell(balance, Self);
        }));
        Command<string>(_ => Sender.Tell(balance, Self));
    }

    public override string PersistenceId => id;

    public static Props Props(string persistenceId, IActorRef probe) => Actors.Props.Create(() => new Account(persistenceId, probe));
}
