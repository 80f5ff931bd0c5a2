using System.Collections.Concurrent;
using ZabActors.Actors;

namespace ZabActors.Actors.Tests;

public sealed class TerminationSpec
{
    /// <summary>Builds its subtree from a spec like "b(c),d" and records PostStop.</summary>
    private sealed class Node : ReceiveActor
    {
        private readonly ConcurrentQueue<string> _stops;

        public Node(string name, string children, ConcurrentQueue<string> stops)
        {
            _stops = stops;
            foreach (var (childName, grandChildren) in Parse(children))
                Context.ActorOf(Props.Create(() => new Node(childName, grandChildren, stops)), childName);
            ReceiveAny(_ => { });
            Name = name;
        }

        private string Name { get; }

        protected override void PostStop() => _stops.Enqueue(Name);
    }

    /// <summary>Splits "b(c),d" into ("b","c") and ("d","").</summary>
    private static IEnumerable<(string Name, string Children)> Parse(string spec)
    {
        int depth = 0, start = 0;
        for (int i = 0; i <= spec.Length; i++)
        {
            if (i < spec.Length && spec[i] == '(') depth++;
            else if (i < spec.Length && spec[i] == ')') depth--;
            else if (i == spec.Length || (spec[i] == ',' && depth == 0))
            {
                var part = spec[start..i];
                start = i + 1;
                if (part.Length == 0) continue;
                int open = part.IndexOf('(');
                yield return open < 0 ? (part, "") : (part[..open], part[(open + 1)..^1]);
            }
        }
    }

    private static void AssertChildrenStopBeforeParents(List<string> order)
    {
        Assert.Equal(["a", "b", "c", "d", "e"], order.Order());
        Assert.True(order.IndexOf("c") < order.IndexOf("b"));
        Assert.True(order.IndexOf("b") < order.IndexOf("a"));
        Assert.True(order.IndexOf("d") < order.IndexOf("a"));
        Assert.True(order.IndexOf("e") < order.IndexOf("d"));
    }

    [Fact]
    public void Terminate_stops_children_before_parents_in_virtual_time()
    {
        var runtime = new DeterministicRuntime(9);
        var system = ActorSystem.Create("term", ActorSystemSettings.Default, ActorSystemSetup.Deterministic(runtime));
        var stops = new ConcurrentQueue<string>();
        system.ActorOf(Props.Create(() => new Node("a", "b(c),d(e)", stops)), "a");
        runtime.RunUntilIdle();
        var terminated = system.Terminate();
        Assert.False(terminated.IsCompleted);
        runtime.RunUntilIdle();
        Assert.True(terminated.IsCompletedSuccessfully);
        AssertChildrenStopBeforeParents(stops.ToList());
    }

    [Fact]
    public async Task Terminate_stops_children_before_parents_on_the_thread_pool()
    {
        var system = ActorSystem.Create("term", ActorSystemSettings.Default);
        var stops = new ConcurrentQueue<string>();
        system.ActorOf(Props.Create(() => new Node("a", "b(c),d(e)", stops)), "a");
        await system.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
        AssertChildrenStopBeforeParents(stops.ToList());
    }

    [Fact]
    public void After_termination_new_messages_are_dead_letters_and_Terminate_is_idempotent()
    {
        var runtime = new DeterministicRuntime(10);
        var system = ActorSystem.Create("term", ActorSystemSettings.Default, ActorSystemSetup.Deterministic(runtime));
        var node = system.ActorOf(Props.Create(() => new Node("a", "", new ConcurrentQueue<string>())), "a");
        runtime.RunUntilIdle();
        var first = system.Terminate();
        Assert.Same(first, system.Terminate());
        runtime.RunUntilIdle();
        node.Tell("late", ActorRefs.NoSender);
        Assert.Equal(1, system.DeadLetterCount);
        Assert.True(first.IsCompletedSuccessfully);
    }
}
