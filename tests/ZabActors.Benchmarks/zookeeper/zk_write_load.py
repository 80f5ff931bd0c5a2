#!/usr/bin/env python3
"""Write load against a ZooKeeper ensemble, shaped like the ZabActors `ensemble` benchmark.

For each server role (leader, follower) and each window (1, 256 outstanding) a kazoo client connected
to that one server keeps WINDOW setData requests of PAYLOAD bytes on one znode outstanding
(kazoo async API, bounded by a semaphore), for --warmup then --seconds; a write counts when the
server it was sent to answers (ZooKeeper answers after the write is committed by a quorum and applied
there). Latency is submission to answer. Prints one line per configuration:
  RESULT bench=zookeeper via=leader outstanding=256 ops_per_s=... p50_us=... p99_us=... client_cpu=...
client_cpu is CPU seconds of the load processes per wall second (1.0 = one core fully busy): when it is
near 1.0 per process, the Python client, not ZooKeeper, is the ceiling. --procs N splits the window over
N client processes (each its own session) to lift that ceiling.
Needs Debian's python3-kazoo: run with /usr/bin/python3.
"""
import argparse, multiprocessing as mp, resource, socket, threading, time

from kazoo.client import KazooClient


def mode_of(port):
    with socket.create_connection(("127.0.0.1", port), timeout=2) as s:
        s.sendall(b"srvr")
        data = b""
        while chunk := s.recv(4096):
            data += chunk
    for line in data.decode().splitlines():
        if line.startswith("Mode:"):
            return line.split(":")[1].strip()
    return "unknown"


def cpu_seconds():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def worker(port, path, window, payload, warmup, seconds, out):
    """One client session: keeps `window` writes outstanding; reports latencies of the measure window."""
    zk = KazooClient(hosts=f"127.0.0.1:{port}", timeout=30)
    zk.start(timeout=30)
    data = b"x" * payload
    slots = threading.Semaphore(window)
    lock = threading.Lock()
    state = {"measuring": False, "lat": [], "failed": 0}

    def done(t0, result):
        elapsed = time.perf_counter() - t0
        try:
            result.get_nowait()
            with lock:
                if state["measuring"]:
                    state["lat"].append(elapsed)
        except Exception:
            with lock:
                state["failed"] += 1
        slots.release()

    def issue_until(deadline):
        while time.perf_counter() < deadline:
            slots.acquire()
            t0 = time.perf_counter()
            zk.set_async(path, data).rawlink(lambda r, t0=t0: done(t0, r))

    issue_until(time.perf_counter() + warmup)
    cpu0, wall0 = cpu_seconds(), time.perf_counter()
    with lock:
        state["measuring"] = True
    issue_until(wall0 + seconds)
    with lock:
        state["measuring"] = False
        lat = list(state["lat"])
    wall, cpu = time.perf_counter() - wall0, cpu_seconds() - cpu0
    for _ in range(window):  # drain before closing so no request is cut off mid-flight
        slots.acquire()
    zk.stop()
    zk.close()
    out.put((lat, wall, cpu, state["failed"]))


def percentile(sorted_values, q):
    if not sorted_values:
        return 0.0
    return sorted_values[min(len(sorted_values) - 1, int(q * len(sorted_values)))]


def measure(port, via, window, args):
    path = f"/bench-{via}-{window}"
    setup = KazooClient(hosts=f"127.0.0.1:{port}")
    setup.start(timeout=30)
    setup.ensure_path(path)
    setup.stop()
    setup.close()
    procs = max(1, min(args.procs, window))
    out = mp.Queue()
    shares = [window // procs + (1 if i < window % procs else 0) for i in range(procs)]
    workers = [mp.Process(target=worker, args=(port, path, w, args.payload, args.warmup, args.seconds, out))
               for w in shares]
    for p in workers:
        p.start()
    results = [out.get() for _ in workers]
    for p in workers:
        p.join()
    lat = sorted(x for r in results for x in r[0])
    wall = max(r[1] for r in results)
    cpu = sum(r[2] for r in results) / wall
    failed = sum(r[3] for r in results)
    print(f"RESULT bench=zookeeper via={via} outstanding={window} ops_per_s={len(lat) / wall:.0f} "
          f"p50_us={percentile(lat, 0.50) * 1e6:.0f} p99_us={percentile(lat, 0.99) * 1e6:.0f} "
          f"payload={args.payload} failed={failed} client_procs={procs} client_cpu={cpu:.2f}", flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ports", default="21811,21812,21813", help="client ports of the three servers")
    ap.add_argument("--seconds", type=float, default=5)
    ap.add_argument("--warmup", type=float, default=2)
    ap.add_argument("--payload", type=int, default=100)
    ap.add_argument("--procs", type=int, default=1, help="client processes sharing the window")
    ap.add_argument("--windows", default="1,256")
    args = ap.parse_args()
    ports = [int(p) for p in args.ports.split(",")]
    modes = {p: mode_of(p) for p in ports}
    leader = next(p for p, m in modes.items() if m == "leader")
    follower = next(p for p, m in modes.items() if m == "follower")
    for via, port in (("leader", leader), ("follower", follower)):
        for window in (int(w) for w in args.windows.split(",")):
            measure(port, via, window, args)


if __name__ == "__main__":
    main()
