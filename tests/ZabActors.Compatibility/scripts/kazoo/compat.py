"""Shared helpers for the kazoo compatibility scripts.

Every script takes the connect string and a root path of its own as its first two arguments, prints
"ok <check>" for each check that held, and exits non-zero at the first check that did not (with what
it expected and what it got), so the xunit side can show exactly what the client saw.
"""
import logging
import sys
import threading

from kazoo.client import KazooClient

logging.basicConfig(level=logging.WARNING, stream=sys.stderr)

TIMEOUT_S = 10


def args():
    if len(sys.argv) < 3:
        fail("usage: %s HOSTS ROOT [ARGS...]" % sys.argv[0])
    return sys.argv[1], sys.argv[2].rstrip("/"), sys.argv[3:]


def connect(hosts, **kwargs):
    client = KazooClient(hosts=hosts, timeout=10.0, **kwargs)
    client.start(timeout=TIMEOUT_S)
    return client


def ok(name):
    print("ok " + name, flush=True)


def fail(message):
    print("FAILED " + message, flush=True)
    sys.exit(1)


def check(name, condition, detail=""):
    if not condition:
        fail("%s %s" % (name, detail))
    ok(name)


def equal(name, expected, actual):
    check(name, expected == actual, "expected %r, got %r" % (expected, actual))


def raises(name, error, action):
    try:
        action()
    except error:
        ok(name)
        return
    except Exception as other:  # noqa: BLE001 - any other error is the failure being reported
        fail("%s expected %s, got %r" % (name, error.__name__, other))
    fail("%s expected %s, nothing was raised" % (name, error.__name__))


def wait(name, event, timeout_s=TIMEOUT_S):
    check(name, event.wait(timeout_s), "did not happen within %ss" % timeout_s)


def run_threads(targets, timeout_s=TIMEOUT_S):
    """Runs callables on threads; fails if any raises or does not finish in time."""
    errors = []

    def guard(target):
        try:
            target()
        except Exception as e:  # noqa: BLE001 - reported below with the thread's error
            errors.append(repr(e))

    threads = [threading.Thread(target=guard, args=(t,), daemon=True) for t in targets]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout_s)
    if any(t.is_alive() for t in threads):
        fail("threads did not finish within %ss" % timeout_s)
    if errors:
        fail("thread errors: %s" % "; ".join(errors))


def done(client=None):
    if client is not None:
        client.stop()
        client.close()
    print("PASS", flush=True)
