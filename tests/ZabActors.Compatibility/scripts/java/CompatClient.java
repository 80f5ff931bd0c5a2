import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;

/**
 * The Apache ZooKeeper Java client against the ensemble under test, one scenario per run:
 * ops, container_ttl, watch, multi, lock. Prints "ok CHECK" per check and PASS at the end; the first
 * failed check prints FAILED and exits 1.
 * Arguments: CONNECT_STRING ROOT SCENARIO [ttl]
 */
public final class CompatClient {
    private static final int TIMEOUT_S = 10;

    public static void main(String[] args) throws Exception {
        String hosts = args[0];
        String root = args[1];
        String scenario = args[2];
        boolean ttl = args.length > 3 && args[3].equals("ttl");
        ZooKeeper zk = connect(hosts);
        createParents(zk, root);
        zk.create(root, bytes("root"), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        switch (scenario) {
            case "ops": ops(zk, root); break;
            case "container_ttl": containerAndTtl(zk, root, ttl); break;
            case "watch": watch(zk, hosts, root); break;
            case "multi": multi(zk, root); break;
            case "lock": lock(hosts, root); break;
            default: fail("unknown scenario " + scenario);
        }
        zk.close();
        System.out.println("PASS");
        System.exit(0);
    }

    static void createParents(ZooKeeper zk, String path) throws Exception {
        for (int i = path.indexOf('/', 1); i > 0; i = path.indexOf('/', i + 1)) {
            try {
                zk.create(path.substring(0, i), new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            } catch (KeeperException.NodeExistsException ignored) {
                // Made by an earlier scenario.
            }
        }
    }

    static ZooKeeper connect(String hosts) throws Exception {
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper zk = new ZooKeeper(hosts, 10000, e -> {
            if (e.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        });
        check("connected", connected.await(TIMEOUT_S, TimeUnit.SECONDS));
        return zk;
    }

    static void ops(ZooKeeper zk, String root) throws Exception {
        String p = zk.create(root + "/a", bytes("1"), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        equal("create", root + "/a", p);
        Stat stat = new Stat();
        equal("getData", "1", string(zk.getData(p, false, stat)));
        equal("version 0", 0, stat.getVersion());
        equal("setData", 1, zk.setData(p, bytes("2"), 0).getVersion());
        expect("setData stale version", KeeperException.Code.BADVERSION, () -> zk.setData(p, bytes("3"), 0));
        check("exists", zk.exists(p, false) != null);
        check("exists missing", zk.exists(root + "/missing", false) == null);
        String e = zk.create(root + "/e", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
        equal("ephemeral owner", zk.getSessionId(), zk.exists(e, false).getEphemeralOwner());
        String s = zk.create(root + "/s-", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL);
        check("sequential name", s.matches(".*/s-\\d{10}"), s);
        Stat created = new Stat();
        zk.create(root + "/c2", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, created);
        check("create2 returns stat", created.getCzxid() > 0, created.toString());
        List<String> children = zk.getChildren(root, false);
        Collections.sort(children);
        equal("getChildren", Arrays.asList("a", "c2", "e", s.substring(s.lastIndexOf('/') + 1)), children);
        expect("create existing", KeeperException.Code.NODEEXISTS, () -> zk.create(p, new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
        expect("get missing", KeeperException.Code.NONODE, () -> zk.getData(root + "/missing", false, null));
        expect("delete non-empty", KeeperException.Code.NOTEMPTY, () -> zk.delete(root, -1));
        expect("delete stale version", KeeperException.Code.BADVERSION, () -> zk.delete(p, 0));
        zk.delete(p, 1);
        check("deleted", zk.exists(p, false) == null);
        equal("getAllChildrenNumber", 3, zk.getAllChildrenNumber(root));
        CountDownLatch synced = new CountDownLatch(1);
        zk.sync(root, (rc, path, ctx) -> synced.countDown(), null);
        check("sync", synced.await(TIMEOUT_S, TimeUnit.SECONDS));
    }

    static void containerAndTtl(ZooKeeper zk, String root, boolean ttl) throws Exception {
        String c = zk.create(root + "/container", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.CONTAINER);
        zk.create(c + "/child", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        zk.delete(c + "/child", -1);
        check("container removed once emptied", waitFor(() -> zk.exists(c, false) == null, 20));
        if (!ttl) {
            System.out.println("ok ttl not enabled on this ensemble");
            return;
        }
        Stat stat = new Stat();
        String t = zk.create(root + "/ttl", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_WITH_TTL, stat, 500);
        check("ttl node created", zk.exists(t, false) != null);
        check("ttl node expires", waitFor(() -> zk.exists(t, false) == null, 20));
    }

    static void watch(ZooKeeper zk, String hosts, String root) throws Exception {
        LinkedBlockingQueue<WatchedEvent> events = new LinkedBlockingQueue<>();
        String p = zk.create(root + "/w", bytes("0"), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        zk.getData(p, events::add, null);
        ZooKeeper other = connect(hosts);
        other.setData(p, bytes("1"), -1);
        WatchedEvent event = events.poll(TIMEOUT_S, TimeUnit.SECONDS);
        check("data watch fires", event != null);
        equal("event type", Watcher.Event.EventType.NodeDataChanged, event.getType());
        equal("event path", p, event.getPath());
        other.setData(p, bytes("2"), -1);
        zk.sync(p, (rc, path, ctx) -> { }, null);
        check("one-shot watch stays quiet", events.poll(500, TimeUnit.MILLISECONDS) == null);
        zk.getChildren(root, events::add);
        other.create(root + "/kid", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        WatchedEvent child = events.poll(TIMEOUT_S, TimeUnit.SECONDS);
        check("child watch fires", child != null && child.getType() == Watcher.Event.EventType.NodeChildrenChanged, String.valueOf(child));
        other.close();
    }

    static void multi(ZooKeeper zk, String root) throws Exception {
        List<OpResult> results = zk.multi(Arrays.asList(
            Op.create(root + "/m1", bytes("x"), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
            Op.create(root + "/m2", bytes("y"), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
            Op.setData(root, bytes("z"), 0),
            Op.check(root + "/m1", 0)));
        equal("multi results", 4, results.size());
        equal("multi create path", root + "/m1", ((OpResult.CreateResult) results.get(0)).getPath());
        equal("multi setData", "z", string(zk.getData(root, false, null)));
        try {
            zk.multi(Arrays.asList(
                Op.create(root + "/m3", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
                Op.delete(root + "/m1", 5)));
            fail("multi with a bad version succeeded");
        } catch (KeeperException e) {
            equal("multi failure code", KeeperException.Code.BADVERSION, e.code());
            List<OpResult> partial = e.getResults();
            check("multi failure results", partial.get(0) instanceof OpResult.ErrorResult && partial.get(1) instanceof OpResult.ErrorResult, String.valueOf(partial));
            // ZooKeeper reports ops before the failing one as rolled back with code 0 (kazoo's RolledBackError).
            equal("rolled back op code", KeeperException.Code.OK.intValue(), ((OpResult.ErrorResult) partial.get(0)).getErr());
            equal("failing op code", KeeperException.Code.BADVERSION.intValue(), ((OpResult.ErrorResult) partial.get(1)).getErr());
        }
        check("multi failure is atomic", zk.exists(root + "/m3", false) == null);
        List<OpResult> reads = zk.multi(Arrays.asList(Op.getData(root + "/m2"), Op.getChildren(root)));
        equal("read multi", "y", string(((OpResult.GetDataResult) reads.get(0)).getData()));
    }

    /** The classic lock recipe: ephemeral-sequential children, lowest holds, others watch their predecessor. */
    static void lock(String hosts, String root) throws Exception {
        int workers = 3;
        int rounds = 3;
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger entries = new AtomicInteger();
        AtomicReference<String> error = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            Thread t = new Thread(() -> {
                try {
                    ZooKeeper zk = connect(hosts);
                    for (int r = 0; r < rounds; r++) {
                        String me = acquire(zk, root + "/lock");
                        if (inside.incrementAndGet() != 1) {
                            error.set("two holders at once");
                        }
                        entries.incrementAndGet();
                        Thread.sleep(20);
                        inside.decrementAndGet();
                        zk.delete(me, -1);
                    }
                    zk.close();
                } catch (Exception e) {
                    error.set(e.toString());
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join(30000);
            check("lock worker finished", !t.isAlive());
        }
        check("mutual exclusion", error.get() == null, String.valueOf(error.get()));
        equal("every round held the lock", workers * rounds, entries.get());
    }

    static String acquire(ZooKeeper zk, String dir) throws Exception {
        try {
            zk.create(dir, new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        } catch (KeeperException.NodeExistsException ignored) {
            // Another worker made it first.
        }
        String me = zk.create(dir + "/lock-", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL_SEQUENTIAL);
        String name = me.substring(dir.length() + 1);
        while (true) {
            List<String> children = zk.getChildren(dir, false);
            Collections.sort(children);
            int index = children.indexOf(name);
            if (index == 0) {
                return me;
            }
            CountDownLatch gone = new CountDownLatch(1);
            if (zk.exists(dir + "/" + children.get(index - 1), e -> gone.countDown()) != null) {
                if (!gone.await(TIMEOUT_S, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("predecessor watch never fired");
                }
            }
        }
    }

    interface Action { void run() throws Exception; }

    interface Condition { boolean holds() throws Exception; }

    static boolean waitFor(Condition condition, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (condition.holds()) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    static void expect(String name, KeeperException.Code code, Action action) throws Exception {
        try {
            action.run();
        } catch (KeeperException e) {
            equal(name, code, e.code());
            return;
        }
        fail(name + ": expected " + code + ", nothing was thrown");
    }

    static void equal(String name, Object expected, Object actual) {
        check(name, expected.equals(actual), "expected " + expected + ", got " + actual);
    }

    static void check(String name, boolean condition) {
        check(name, condition, "");
    }

    static void check(String name, boolean condition, String detail) {
        if (!condition) {
            fail(name + " " + detail);
        }
        System.out.println("ok " + name);
    }

    static void fail(String message) {
        System.out.println("FAILED " + message);
        System.out.flush();
        System.exit(1);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String string(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
