using ZabActors.Actors;

namespace ZabActors.Actors.Tests;

using ZabActors.TestKit;

public sealed class AskSpec() : TestKit(TestKitOptions.VirtualTime(seed: 8))
{
    private sealed record Question(string Text);

    /// <summary>Answers questions; "fail" is answered with Status.Failure, "silence" not at all.</summary>
    private sealed class Oracle : ReceiveActor
    {
        public Oracle()
        {
            Receive<Question>(q => q.Text == "fail", _ => Sender.Tell(new Status.Failure(new InvalidOperationException("no answer"))));
            Receive<Question>(q => q.Text == "silence", _ => { });
            Receive<Question>(q => q.Text == "number", _ => Sender.Tell(42));
            Receive<Question>(q => Sender.Tell($"answer to {q.Text}"));
        }
    }

    /// <summary>Asks the oracle and pipes the outcome to itself, then reports it.</summary>
    private sealed class Asker : ReceiveActor
    {
        public Asker(IActorRef oracle, IActorRef probe)
        {
            Receive<Question>(q => oracle.Ask<string>(q, TimeSpan.FromSeconds(2)).PipeTo(Self));
            Receive<string>(s => probe.Tell($"piped {s}"));
            Receive<Status.Failure>(f => probe.Tell($"piped failure {f.Cause.GetType().Name}"));
        }
    }

    private IActorRef NewOracle() => ActorOf(Props.Create<Oracle>());

    [Fact]
    public void Ask_completes_with_the_reply()
    {
        var task = NewOracle().Ask<string>(new Question("life"), TimeSpan.FromSeconds(1));
        Assert.Equal("answer to life", Runtime.RunUntilCompleted(task, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void Ask_times_out_in_virtual_time()
    {
        var task = NewOracle().Ask<string>(new Question("silence"), TimeSpan.FromSeconds(5));
        RunIfVirtual();
        Assert.False(task.IsCompleted);
        Advance(TimeSpan.FromSeconds(4.9));
        Assert.False(task.IsCompleted);
        Advance(TimeSpan.FromSeconds(0.2));
        var error = Assert.Throws<AskTimeoutException>(() => task.GetAwaiter().GetResult());
        Assert.Contains("5000 ms", error.Message);
    }

    [Fact]
    public void A_Status_Failure_reply_faults_the_task()
    {
        var task = NewOracle().Ask<string>(new Question("fail"));
        var error = Assert.Throws<InvalidOperationException>(() => Runtime.RunUntilCompleted(task, TimeSpan.FromSeconds(1)));
        Assert.Equal("no answer", error.Message);
    }

    [Fact]
    public void A_reply_of_the_wrong_type_faults_the_task()
    {
        var task = NewOracle().Ask<string>(new Question("number"));
        var error = Assert.Throws<InvalidCastException>(() => Runtime.RunUntilCompleted(task, TimeSpan.FromSeconds(1)));
        Assert.Contains("Int32", error.Message);
    }

    [Fact]
    public void A_late_reply_is_a_dead_letter()
    {
        var slow = ActorOf(Props.Create(() => new SlowResponder()));
        Sys.EventStream.Subscribe(TestActor, typeof(DeadLetter));
        var task = slow.Ask<string>("q", TimeSpan.FromSeconds(1));
        Assert.Throws<AskTimeoutException>(() => Runtime.RunUntilCompleted(task, TimeSpan.FromSeconds(5)));
        Assert.Equal("late", ExpectMsg<DeadLetter>(TimeSpan.FromSeconds(5)).Message);
    }

    [Fact]
    public void Ask_and_PipeTo_work_inside_actors_without_leaving_the_runtime()
    {
        var asker = ActorOf(Props.Create(() => new Asker(NewOracle(), TestActor)));
        asker.Tell(new Question("everything"), TestActor);
        ExpectMsg("piped answer to everything");
        asker.Tell(new Question("silence"), TestActor);
        ExpectMsg("piped failure AskTimeoutException", TimeSpan.FromSeconds(3));
    }

    [Fact]
    public void Ask_through_a_selection_and_ResolveOne()
    {
        var oracle = ActorOf(Props.Create<Oracle>(), "oracle");
        var task = Sys.ActorSelection("/user/oracle").Ask<string>(new Question("path"));
        Assert.Equal("answer to path", Runtime.RunUntilCompleted(task, TimeSpan.FromSeconds(1)));
        Assert.Equal(oracle, Runtime.RunUntilCompleted(Sys.ActorSelection("/user/oracle").ResolveOne(TimeSpan.FromSeconds(1)), TimeSpan.FromSeconds(1)));
        var missing = Sys.ActorSelection("/user/missing").ResolveOne(TimeSpan.FromSeconds(1));
        Assert.Throws<ActorNotFoundException>(() => Runtime.RunUntilCompleted(missing, TimeSpan.FromSeconds(1)));
    }

    /// <summary>Replies two seconds after being asked.</summary>
    private sealed class SlowResponder : ReceiveActor, IWithTimers
    {
        private IActorRef? _asker;

        public SlowResponder()
        {
            Receive<string>(s => s == "q", _ =>
            {
                _asker = Sender;
                Timers.StartSingleTimer("reply", "reply-now", TimeSpan.FromSeconds(2));
            });
            Receive<string>(s => s == "reply-now", _ => _asker!.Tell("late"));
        }

        public ITimerScheduler Timers { get; set; } = null!;
    }
}

/// <summary>Ask and PipeTo on the thread pool, with real time.</summary>
public sealed class AskOnThreadPoolSpec : TestKit
{
    private sealed class Doubler : ReceiveActor
    {
        public Doubler() => Receive<int>(i => Sender.Tell(i * 2));
    }

    [Fact]
    public async Task Ask_completes_on_the_thread_pool()
    {
        var doubler = ActorOf(Props.Create<Doubler>());
        Assert.Equal(42, await doubler.Ask<int>(21, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void PipeTo_delivers_task_results_and_failures()
    {
        Task.FromResult("done").PipeTo(TestActor);
        ExpectMsg("done");
        Task.FromException<string>(new InvalidOperationException("broken")).PipeTo(TestActor);
        Assert.Equal("broken", ExpectMsg<Status.Failure>().Cause.Message);
        var pending = new TaskCompletionSource<int>();
        pending.Task.PipeTo(TestActor, success: i => $"mapped {i}");
        pending.SetResult(7);
        ExpectMsg("mapped 7");
    }
}
