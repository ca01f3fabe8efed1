#!/bin/bash
# Relay side by side (README "Performance", "Relay"): the platform and a throw-away Postfix each relay the same
# N messages of SIZE octets, sent by smtp-source over SESSIONS connections, to the same smtp-sink on loopback.
# A round is timed from the start of smtp-source until the sink has received the N-th message; the connections
# the relay opened to the sink are the sink's session count once the relay's idle connections have closed.
#  - Postfix: relayhost = [127.0.0.1]:SINK_PORT, default_transport = smtp, mynetworks = 127.0.0.0/8 (smtp-source
#    relays through it unauthenticated); Postfix's defaults otherwise.
#  - ours: RelayBenchServer (gateway + delivery + relay in one JVM, embedded PostgreSQL and Kafka); mail to
#    bench@example.test is forwarded (alias, SRS) to sink@remote.test, routed to the sink, since smtp-source
#    cannot authenticate. Default settings (3 connections per destination) unless OUR_OPTS says otherwise.
# Rounds alternate between the two after a warm-up of WARMUP messages through each; medians are printed.
# Needs: postfix installed (smtp-source, smtp-sink, postfix: apt-get install postfix, "No configuration"),
#        root (Postfix and smtp-sink drop to their users), the benchmark class path in CP (README "Performance").
# Env: MESSAGES 2000, SIZE 2048, SESSIONS 10, ROUNDS 3, WARMUP 1000, POSTFIX_PORT 11025, SINK_PORT 11026,
#      OUR_PORT 11027, KAFKA_PORT 11092 (and the two above it), OUR_OPTS (extra --name value Spring properties),
#      JAVA_OPTS (-Xmx1g), ONLY (ours|postfix).
set -eu
: "${CP:?set CP to the benchmark class path (README, Performance)}"
N=${MESSAGES:-2000}; SIZE=${SIZE:-2048}; SESSIONS=${SESSIONS:-10}; ROUNDS=${ROUNDS:-3}; WARMUP=${WARMUP:-1000}
PF_PORT=${POSTFIX_PORT:-11025}; SINK_PORT=${SINK_PORT:-11026}; OUR_PORT=${OUR_PORT:-11027}; KAFKA_PORT=${KAFKA_PORT:-11092}
ONLY=${ONLY:-}
for p in "$PF_PORT" "$SINK_PORT" "$OUR_PORT" "$KAFKA_PORT" $((KAFKA_PORT + 1)) $((KAFKA_PORT + 2)); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "port $p is taken" >&2; exit 1; fi
done
W=$(mktemp -d -t relay-bench.XXXX); chmod 755 "$W"
SINK_PID=; OUR_PID=
cleanup() {
  set +e
  [[ -n $SINK_PID ]] && kill "$SINK_PID" 2>/dev/null
  [[ -f $W/postfix/etc/main.cf ]] && postfix -c "$W/postfix/etc" stop >/dev/null 2>&1
  if [[ -n $OUR_PID ]]; then echo QUIT >&3 || true; wait "$OUR_PID" 2>/dev/null || true; fi
  rm -rf "$W"
}
trap cleanup EXIT

# ---- the throw-away Postfix: takes mail from loopback on PF_PORT, relays everything to the sink
if [[ $ONLY != ours ]]; then
  mkdir -p "$W/postfix/etc" "$W/postfix/spool" "$W/postfix/data"
  chown postfix:postfix "$W/postfix/data"
  cat > "$W/postfix/etc/main.cf" <<CF
compatibility_level = 3.6
queue_directory = $W/postfix/spool
data_directory = $W/postfix/data
maillog_file = $W/postfix/maillog
maillog_file_prefixes = $W
myhostname = relay.bench.test
mydestination =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
relayhost = [127.0.0.1]:$SINK_PORT
default_transport = smtp
relay_transport = smtp
smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination
smtpd_peername_lookup = no
disable_dns_lookups = yes
smtp_host_lookup = native
alias_maps =
alias_database =
local_recipient_maps =
CF
  {
    echo "127.0.0.1:$PF_PORT inet n - n - - smtpd"
    for s in 'pickup unix n - n 60 1 pickup' 'cleanup unix n - n - 0 cleanup' 'qmgr unix n - n 300 1 qmgr' \
             'rewrite unix - - n - - trivial-rewrite' 'bounce unix - - n - 0 bounce' 'defer unix - - n - 0 bounce' \
             'trace unix - - n - 0 bounce' 'verify unix - - n - 1 verify' 'flush unix n - n 1000? 0 flush' \
             'proxymap unix - - n - - proxymap' 'proxywrite unix - - n - 1 proxymap' 'smtp unix - - n - - smtp' \
             'relay unix - - n - - smtp' 'showq unix n - n - - showq' 'error unix - - n - - error' \
             'retry unix - - n - - error' 'discard unix - - n - - discard' 'local unix - n n - - local' \
             'anvil unix - - n - 1 anvil' 'scache unix - - n - 1 scache' 'postlog unix-dgram n - n - 1 postlogd'; do
      echo "$s"
    done
  } > "$W/postfix/etc/master.cf"
  postfix -c "$W/postfix/etc" start >"$W/postfix/start.log" 2>&1
fi

# ---- ours
if [[ $ONLY != postfix ]]; then
  mkfifo "$W/ctl"
  # shellcheck disable=SC2086
  java ${JAVA_OPTS:--Xmx1g} -cp "$CP" io.mailplatform.bench.relay.RelayBenchServer --port "$OUR_PORT" \
    --sink-port "$SINK_PORT" --kafka-port "$KAFKA_PORT" ${OUR_OPTS:-} <"$W/ctl" >"$W/ours.log" 2>&1 &
  OUR_PID=$!
  exec 3>"$W/ctl"
  for _ in $(seq 300); do grep -q '^READY' "$W/ours.log" && break; kill -0 "$OUR_PID" || { cat "$W/ours.log"; exit 1; }; sleep 1; done
  grep -q '^READY' "$W/ours.log" || { echo "our relay did not start" >&2; exit 1; }
fi

# round NAME PORT RCPT COUNT: a fresh sink, smtp-source, wait for COUNT messages at the sink, then for the
# relay's idle connections to close (ours 5 s, Postfix 2 s); prints "rate connections-per-message".
round() {
  local name=$1 port=$2 rcpt=$3 count=$4
  : > "$W/sink.out"
  smtp-sink -c -u nobody -h sink.bench.test "127.0.0.1:$SINK_PORT" 256 >"$W/sink.out" 2>&1 &
  SINK_PID=$!
  sleep 0.3
  python3 - "$W/sink.out" "$count" "$SESSIONS" "$SIZE" "$rcpt" "$port" "$name" <<'PY'
import re, subprocess, sys, time
out, count, sessions, size, rcpt, port, name = sys.argv[1], int(sys.argv[2]), *sys.argv[3:]
def counters():
    text = open(out, 'rb').read()[-300:].decode(errors='replace').replace('\r', '\n').strip().split('\n')
    m = re.search(r'sess=(\d+) quit=(\d+) mesg=(\d+)', text[-1]) if text else None
    return tuple(map(int, m.groups())) if m else (0, 0, 0)
start = time.monotonic()
subprocess.run(['smtp-source', '-d', '-s', sessions, '-m', str(count), '-l', size, '-f', 'load@example.org',
                '-t', rcpt, '-M', 'load.example', '127.0.0.1:' + port], check=True)
submitted = time.monotonic() - start
while counters()[2] < count:
    if time.monotonic() - start > 900:
        sys.exit(f'{name}: only {counters()[2]} of {count} messages at the sink after 900 s')
    time.sleep(0.005)
done = time.monotonic() - start
time.sleep(8)  # idle connections close: then the sink has counted every session
sess = counters()[0]
print(f'{name}: {count} messages submitted in {submitted:.2f} s, all at the sink after {done:.2f} s: '
      f'{count / done:.0f} messages/s, {sess} connections ({sess / count:.4f} per message)', file=sys.stderr)
print(f'{count / done:.1f} {sess / count:.4f}')
PY
  kill "$SINK_PID"; wait "$SINK_PID" 2>/dev/null || true; SINK_PID=
}
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

declare -a OR OC PR PC
[[ $ONLY != postfix ]] && round "ours (warm-up)" "$OUR_PORT" bench@example.test "$WARMUP" >/dev/null
[[ $ONLY != ours ]] && round "postfix (warm-up)" "$PF_PORT" sink@remote.test "$WARMUP" >/dev/null
for r in $(seq "$ROUNDS"); do
  if [[ $ONLY != postfix ]]; then read -r rate conn < <(round "ours round $r" "$OUR_PORT" bench@example.test "$N"); OR+=("$rate"); OC+=("$conn"); fi
  if [[ $ONLY != ours ]]; then read -r rate conn < <(round "postfix round $r" "$PF_PORT" sink@remote.test "$N"); PR+=("$rate"); PC+=("$conn"); fi
done
if [[ $ONLY != postfix ]]; then echo STATS >&3; sleep 1; grep '^STATS' "$W/ours.log" | tail -n 1 >&2; fi
echo "$(date -u +%F), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $N x $SIZE B over $SESSIONS sessions"
[[ $ONLY != postfix ]] && echo "ours:    $(median "${OR[@]}") messages/s (median of ${OR[*]}), $(median "${OC[@]}") connections per message"
[[ $ONLY != ours ]] && echo "postfix: $(median "${PR[@]}") messages/s (median of ${PR[*]}), $(median "${PC[@]}") connections per message"
if [[ -z $ONLY ]]; then
  python3 -c "print('ratio ours/postfix: %.2f' % ($(median "${OR[@]}") / $(median "${PR[@]}")))"
fi
