#!/usr/bin/env bash
# IDLE push latency across imap-service instances (issue 16): starts the standalone platform
# (side-by-side/platform.sh: SMTP gateway, delivery, an IMAP instance, embedded Kafka and PostgreSQL),
# then a second imap-service process on the same PostgreSQL and Kafka, idles in user1's INBOX on that
# second instance and sends messages by SMTP to the platform's MX port, measuring SMTP 250 -> EXISTS
# (IdleLatencyBenchmark). Then reports the second instance's heap after a full GC (jcmd).
# Usage: benchmarks/idle-latency.sh [messages (1000)] [warm-up (50)]
# Env: PORT_BASE (27000), CP (class path of benchmarks, see README "Performance"), JAVA (java), OUT.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
export PORT_BASE=${PORT_BASE:-27000}
export OUT=${OUT:-$ROOT/target/idle-latency}
BASE=$PORT_BASE
CP=${CP:-$ROOT/benchmarks/target/classes:$(cat "$ROOT/benchmarks/target/bench.cp")}
JAVA=${JAVA:-java}
SECOND_IMAP=$((BASE + 1143))
cleanup() {
  [[ -f $OUT/second.pid ]] && kill "$(cat "$OUT/second.pid")" 2>/dev/null || true
  rm -f "$OUT/second.pid"
  "$HERE/side-by-side/platform.sh" stop
}
trap cleanup EXIT
"$HERE/side-by-side/platform.sh" start >/dev/null
# the second instance: imap-service alone, on the platform's PostgreSQL and Kafka
"$JAVA" -Xmx512m -cp "$CP" io.mailplatform.imap.ImapServiceApplication \
  --spring.datasource.url="jdbc:postgresql://127.0.0.1:$((BASE + 433))/mail" \
  --spring.datasource.username=postgres --spring.datasource.password="$(cat "$OUT/data/postgres/superuser.password")" \
  --spring.kafka.bootstrap-servers="127.0.0.1:$((BASE + 192))" \
  --spring.kafka.properties.security.protocol=SASL_PLAINTEXT --spring.kafka.properties.sasl.mechanism=PLAIN \
  "--spring.kafka.properties.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=\"mail\" password=\"$(cat "$OUT/data/kafka/broker.password")\";" \
  --mail.imap.port=$SECOND_IMAP --mail.imap.tls-port=-1 --mail.imap.allow-plaintext-auth=true \
  --server.port=$((BASE + 1080)) --management.server.port=$((BASE + 1090)) --logging.level.root=WARN \
  >"$OUT/second.log" 2>&1 &
echo $! >"$OUT/second.pid"
for _ in $(seq 120); do
  (echo >"/dev/tcp/127.0.0.1/$SECOND_IMAP") 2>/dev/null && break
  kill -0 "$(cat "$OUT/second.pid")" 2>/dev/null || { echo "the second instance did not start, see $OUT/second.log" >&2; exit 1; }
  sleep 1
done
sleep 10 # the second instance's mailbox.events consumer joins its group
"$JAVA" -cp "$CP" io.mailplatform.bench.imap.IdleLatencyBenchmark 127.0.0.1 "$SECOND_IMAP" $((BASE + 525)) \
  user1@example.test pass "${1:-1000}" "${2:-50}"
jcmd "$(cat "$OUT/second.pid")" GC.run >/dev/null
jcmd "$(cat "$OUT/second.pid")" GC.heap_info | head -3
