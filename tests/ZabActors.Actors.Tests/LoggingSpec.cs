using Microsoft.Extensions.Logging;
using ZabActors.Actors;
using ZabActors.Hocon;

namespace ZabActors.Actors.Tests;

public sealed class LoggingSpec : IDisposable
{
    private readonly CapturingLoggerProvider _logs = new();
    private readonly DeterministicRuntime _runtime = new(21);
    private readonly ActorSystem _system;

    public LoggingSpec()
    {
        var config = ConfigurationFactory.ParseString("""
            zab.log-dead-letters = 3
            zab.log-dead-letters-suspend-duration = 1m
            """);
        _system = ActorSystem.Create("logs", config, ActorSystemSetup.Deterministic(_runtime).WithLoggerFactory(_logs.CreateFactory()));
    }

    public void Dispose() => _system.Dispose();

    private sealed class Chatty : ReceiveActor
    {
        public Chatty()
        {
            Receive<string>(s => s == "fail", _ => throw new InvalidOperationException("chatty broke"));
            Receive<string>(s => Log.LogInformation("heard {Word}", s));
            Receive<int>(i => Context.GetLogger().LogWarning("number {Number}", i));
        }
    }

    private IReadOnlyList<CapturingLoggerProvider.Entry> Entries(string category) =>
        _logs.Entries.Where(e => e.Category == category).ToList();

    [Fact]
    public void Actor_logs_carry_the_actor_path_in_their_scope()
    {
        var actor = _system.ActorOf(Props.Create<Chatty>(), "chatty");
        actor.Tell("hello", ActorRefs.NoSender);
        actor.Tell(5, ActorRefs.NoSender);
        _runtime.RunUntilIdle();
        var entries = Entries("ZabActors.Actors.Tests.LoggingSpec.Chatty");
        Assert.Equal(["heard hello", "number 5"], entries.Select(e => e.Message));
        Assert.All(entries, e => Assert.Contains("ActorPath:zab://logs/user/chatty", e.Scopes));
    }

    [Fact]
    public void A_failing_top_level_actor_is_logged_as_an_error_with_its_path()
    {
        var actor = _system.ActorOf(Props.Create<Chatty>(), "chatty");
        actor.Tell("fail", ActorRefs.NoSender);
        _runtime.RunUntilIdle();
        var entry = Assert.Single(Entries("ZabActors.Actors.Supervision"));
        Assert.Equal(LogLevel.Error, entry.Level);
        Assert.Contains("zab://logs/user/chatty failed; Stop", entry.Message);
        Assert.Equal("chatty broke", entry.Exception?.Message);
        Assert.Contains("ActorPath:zab://logs/user/chatty", entry.Scopes);
        Assert.True(((IInternalActorRef)actor).IsTerminated);
    }

    [Fact]
    public void Dead_letter_logging_pauses_after_the_limit_and_reports_what_it_skipped()
    {
        var gone = _system.Provider.ResolveActorRef("/user/gone");
        for (int i = 0; i < 10; i++) gone.Tell($"m{i}", ActorRefs.NoSender);
        var entries = Entries("ZabActors.Actors.DeadLetters");
        Assert.Equal(4, entries.Count);
        Assert.Contains("[1] dead letters encountered", entries[0].Message);
        Assert.Contains("[3] dead letters encountered", entries[2].Message);
        Assert.Contains("paused for 00:01:00", entries[3].Message);
        Assert.Equal(10, _system.DeadLetterCount);

        _runtime.Advance(TimeSpan.FromMinutes(1));
        gone.Tell("after pause", ActorRefs.NoSender);
        entries = Entries("ZabActors.Actors.DeadLetters");
        Assert.Equal("7 dead letters were not logged while dead-letter logging was paused", entries[4].Message);
        Assert.Contains("[11] dead letters encountered", entries[5].Message);
    }
}
