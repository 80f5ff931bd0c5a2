using ZabActors.Actors;
using ZabActors.Hocon;

namespace ZabActors.Actors.Tests;

public sealed class ActorSystemSettingsSpec
{
    [Fact]
    public void The_embedded_defaults_match_the_built_in_defaults()
    {
        var parsed = ActorSystemSettings.Create(Config.Empty);
        var builtIn = ActorSystemSettings.Default;
        Assert.Equal(builtIn.DefaultThroughput, parsed.DefaultThroughput);
        Assert.Equal(builtIn.DeterministicThroughput, parsed.DeterministicThroughput);
        Assert.Equal(builtIn.AskTimeout, parsed.AskTimeout);
        Assert.Equal(builtIn.StashCapacity, parsed.StashCapacity);
        Assert.Equal(builtIn.LogDeadLetters, parsed.LogDeadLetters);
        Assert.Equal(builtIn.LogDeadLettersSuspendDuration, parsed.LogDeadLettersSuspendDuration);
        Assert.Equal(builtIn.LogDeadLettersDuringShutdown, parsed.LogDeadLettersDuringShutdown);
        Assert.Equal(builtIn.DispatcherLookup(Dispatchers.DefaultDispatcherId), parsed.DispatcherLookup(Dispatchers.DefaultDispatcherId));
        Assert.Equal(builtIn.DispatcherLookup(Dispatchers.PinnedDispatcherId), parsed.DispatcherLookup(Dispatchers.PinnedDispatcherId));
    }

    [Fact]
    public void Values_come_from_the_configuration()
    {
        var settings = ActorSystemSettings.Create(ConfigurationFactory.ParseString("""
            zab.actor.default-dispatcher.throughput = 7
            zab.actor.ask-timeout = 250ms
            zab.actor.stash-capacity = 3
            zab.log-dead-letters = 0
            zab.actor.io-dispatcher { type = PinnedDispatcher }
            """));
        Assert.Equal(7, settings.DefaultThroughput);
        Assert.Equal(TimeSpan.FromMilliseconds(250), settings.AskTimeout);
        Assert.Equal(3, settings.StashCapacity);
        Assert.Equal(0, settings.LogDeadLetters);
        Assert.Equal(new DispatcherSettings("zab.actor.io-dispatcher", DispatcherSettings.PinnedType, 7), settings.DispatcherLookup("zab.actor.io-dispatcher"));
        Assert.Null(settings.DispatcherLookup("zab.actor.unknown"));
        Assert.Equal(7, settings.Config.GetInt("zab.actor.default-dispatcher.throughput"));
    }

    [Theory]
    [InlineData("zab.actor.default-dispatcher.throughput = 0", "throughput")]
    [InlineData("zab.actor.stash-capacity = -1", "stash-capacity")]
    [InlineData("zab.actor.ask-timeout = soon", "ask-timeout")]
    [InlineData("zab.log-dead-letters = many", "log-dead-letters")]
    public void Bad_values_are_refused_naming_the_key(string hocon, string key)
    {
        var error = Assert.ThrowsAny<ConfigException>(() => ActorSystemSettings.Create(ConfigurationFactory.ParseString(hocon)));
        Assert.Contains(key, error.Message);
    }

    [Fact]
    public async Task A_configured_pinned_dispatcher_runs_actors_on_their_own_thread()
    {
        using var system = ActorSystem.Create("pinned", ConfigurationFactory.ParseString("zab.actor.io-dispatcher { type = PinnedDispatcher }"));
        var probe = new TaskCompletionSource<string>();
        var actor = system.ActorOf(Props.Create(() => new ThreadReporter(probe)).WithDispatcher("zab.actor.io-dispatcher"));
        actor.Tell("which thread", ActorRefs.NoSender);
        Assert.Equal("zab.actor.io-dispatcher", await probe.Task.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void An_unknown_dispatcher_type_is_refused_at_ActorOf()
    {
        using var system = ActorSystem.Create("bad", ConfigurationFactory.ParseString("zab.actor.odd { type = Fancy }"));
        var error = Assert.Throws<ArgumentException>(() => system.ActorOf(Props.Create(() => new ThreadReporter(new TaskCompletionSource<string>())).WithDispatcher("zab.actor.odd")));
        Assert.Contains("unknown type 'Fancy'", error.Message);
    }

    [Fact]
    public void Invalid_system_names_are_refused()
    {
        Assert.Throws<ArgumentException>(() => ActorSystem.Create("has space"));
        Assert.Throws<ArgumentException>(() => ActorSystem.Create("-leading"));
    }

    private sealed class ThreadReporter : ReceiveActor
    {
        public ThreadReporter(TaskCompletionSource<string> probe) => ReceiveAny(_ => probe.TrySetResult(Thread.CurrentThread.Name ?? "unnamed"));
    }
}
