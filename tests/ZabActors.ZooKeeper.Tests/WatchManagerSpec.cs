using ZabActors.ZooKeeper.Watches;

namespace ZabActors.ZooKeeper.Tests;

/// <summary>Which watches a change fires, and which survive it, as ZooKeeper's WatchManager decides.</summary>
public sealed class WatchManagerSpec
{
    private readonly WatchManager watches = new();

    [Fact]
    public void A_data_watch_fires_once_on_change_and_is_gone()
    {
        watches.AddDataWatch("/a", 1);

        Assert.Equal([new WatchEvent(1, EventType.NodeDataChanged, "/a")], watches.Trigger(new("/a", EventType.NodeDataChanged)));
        Assert.Empty(watches.Trigger(new("/a", EventType.NodeDataChanged)));
    }

    [Fact]
    public void An_exists_watch_on_a_missing_node_fires_on_create()
    {
        watches.AddDataWatch("/new", 1);

        Assert.Equal([new WatchEvent(1, EventType.NodeCreated, "/new")], watches.Trigger(new("/new", EventType.NodeCreated)));
    }

    [Fact]
    public void A_child_watch_fires_on_children_changed_but_not_on_data_changes()
    {
        watches.AddChildWatch("/p", 1);

        Assert.Empty(watches.Trigger(new("/p", EventType.NodeDataChanged)));
        Assert.Single(watches.Trigger(new("/p", EventType.NodeChildrenChanged)));
    }

    [Fact]
    public void A_delete_fires_a_watcher_with_data_and_child_watches_once()
    {
        watches.AddDataWatch("/a", 1);
        watches.AddChildWatch("/a", 1);
        watches.AddChildWatch("/a", 2);

        var fired = watches.Trigger(new("/a", EventType.NodeDeleted));

        Assert.Equal([1L, 2L], fired.Select(e => e.Watcher).Order());
        Assert.Equal(0, watches.DataWatchCount + watches.ChildWatchCount);
    }

    [Fact]
    public void A_persistent_watch_fires_for_every_change_of_its_node_and_stays()
    {
        watches.AddPersistentWatch("/a", 1, AddWatchMode.Persistent);

        foreach (var type in new[] { EventType.NodeCreated, EventType.NodeDataChanged, EventType.NodeChildrenChanged, EventType.NodeDeleted })
        {
            Assert.Equal([new WatchEvent(1, type, "/a")], watches.Trigger(new("/a", type)));
        }
        Assert.Empty(watches.Trigger(new("/a/b", EventType.NodeCreated)));
    }

    [Fact]
    public void A_recursive_watch_fires_for_descendants_but_never_with_children_changed()
    {
        watches.AddPersistentWatch("/a", 1, AddWatchMode.PersistentRecursive);

        Assert.Equal([new WatchEvent(1, EventType.NodeCreated, "/a/b/c")], watches.Trigger(new("/a/b/c", EventType.NodeCreated)));
        Assert.Empty(watches.Trigger(new("/a", EventType.NodeChildrenChanged)));
        Assert.Empty(watches.Trigger(new("/ab", EventType.NodeCreated)));
        Assert.Single(watches.Trigger(new("/a", EventType.NodeDataChanged)));
    }

    [Fact]
    public void A_one_shot_and_a_persistent_watch_of_one_watcher_fire_one_event_and_leave_the_persistent()
    {
        watches.AddDataWatch("/a", 1);
        watches.AddPersistentWatch("/a", 1, AddWatchMode.Persistent);

        Assert.Single(watches.Trigger(new("/a", EventType.NodeDataChanged)));
        Assert.False(watches.Has("/a", 1, WatcherType.Data));
        Assert.True(watches.Has("/a", 1, WatcherType.Persistent));
    }

    [Fact]
    public void Remove_reports_whether_there_was_a_watch()
    {
        watches.AddDataWatch("/a", 1);

        Assert.False(watches.Remove("/a", 1, WatcherType.Children));
        Assert.True(watches.Remove("/a", 1, WatcherType.Data));
        Assert.Empty(watches.Trigger(new("/a", EventType.NodeDataChanged)));
    }

    [Fact]
    public void A_gone_watcher_watches_nothing()
    {
        watches.AddDataWatch("/a", 1);
        watches.AddChildWatch("/b", 1);
        watches.AddPersistentWatch("/", 1, AddWatchMode.PersistentRecursive);
        watches.AddDataWatch("/a", 2);

        watches.RemoveWatcher(1);

        Assert.Equal([new WatchEvent(2, EventType.NodeDataChanged, "/a")], watches.Trigger(new("/a", EventType.NodeDataChanged)));
        Assert.Empty(watches.Trigger(new("/b", EventType.NodeChildrenChanged)));
    }
}
