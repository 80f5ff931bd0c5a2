#!/usr/bin/env bash
# Starts or stops a 3-server Apache ZooKeeper ensemble (Debian package `zookeeper`) on loopback, in a
# temp directory, with the settings the ZabActors `ensemble` benchmark is compared against:
# fsync on (forceSync=yes), tickTime 2000, initLimit 10, syncLimit 5, no admin server.
#   zk-ensemble.sh start [DIR]   -> prints DIR; client ports 21811, 21812, 21813
#   zk-ensemble.sh stop  [DIR]   -> stops the three servers started in DIR, removes DIR
#   zk-ensemble.sh status [DIR]  -> prints each server's mode (leader/follower) via the `srvr` command
set -euo pipefail
cmd=${1:?usage: zk-ensemble.sh start|stop|status [DIR]}
dir=${2:-${ZK_BENCH_DIR:-/tmp/zk-bench}}
classpath="/etc/zookeeper/conf:/usr/share/java/zookeeper.jar:/usr/share/java/slf4j-log4j12.jar:/usr/share/java/log4j-1.2.jar"

mode_of() { # client port -> leader|follower|down, using the 4-letter `srvr` command (whitelisted below)
  python3 - "$1" <<'PY'
import socket, sys
try:
    s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=2)
    s.sendall(b"srvr"); data = b""
    while chunk := s.recv(4096): data += chunk
    print(next((l.split(":")[1].strip() for l in data.decode().splitlines() if l.startswith("Mode:")), "down"))
except OSError:
    print("down")
PY
}

case "$cmd" in
start)
  mkdir -p "$dir"
  for id in 1 2 3; do
    mkdir -p "$dir/s$id/data"
    echo "$id" > "$dir/s$id/data/myid"
    cat > "$dir/s$id/zoo.cfg" <<CFG
tickTime=2000
initLimit=10
syncLimit=5
dataDir=$dir/s$id/data
clientPort=2181$id
forceSync=yes
admin.enableServer=false
4lw.commands.whitelist=srvr,stat,mntr
maxClientCnxns=0
server.1=127.0.0.1:28881:38881
server.2=127.0.0.1:28882:38882
server.3=127.0.0.1:28883:38883
CFG
    nohup java -Xmx1g -Dzookeeper.log.dir="$dir/s$id" -Dzookeeper.root.logger=WARN,CONSOLE \
      -cp "$classpath" org.apache.zookeeper.server.quorum.QuorumPeerMain "$dir/s$id/zoo.cfg" \
      > "$dir/s$id/server.log" 2>&1 &
    echo $! > "$dir/s$id/pid"
  done
  for _ in $(seq 1 60); do  # wait until one leader and two followers answer
    modes=$(for id in 1 2 3; do mode_of 2181$id; done | sort | tr '\n' ' ')
    [ "$modes" = "follower follower leader " ] && { echo "$dir"; exit 0; }
    sleep 1
  done
  echo "ensemble did not form: $modes (logs in $dir/s*/server.log)" >&2; exit 1 ;;
stop)
  for id in 1 2 3; do
    [ -f "$dir/s$id/pid" ] && kill "$(cat "$dir/s$id/pid")" 2>/dev/null || true
  done
  for id in 1 2 3; do
    [ -f "$dir/s$id/pid" ] && while kill -0 "$(cat "$dir/s$id/pid")" 2>/dev/null; do sleep 0.2; done
  done
  rm -rf "$dir" ;;
status)
  for id in 1 2 3; do echo "server $id port 2181$id: $(mode_of 2181$id)"; done ;;
*) echo "usage: zk-ensemble.sh start|stop|status [DIR]" >&2; exit 2 ;;
esac
