#!/usr/bin/env bash
# Starts the standalone platform for side_by_side.sh: loopback ports from PORT_BASE (IMAP +143, POP3 +110,
# SMTP +525, HTTPS +80, ...), plaintext logins allowed on IMAP and POP3 (the benchmark clients do not speak
# TLS), accounts bench@, user1..user10@ and pop1..pop10@example.test with password "pass". Prints the
# environment side_by_side.sh needs. With DATABASE_URL (a JDBC URL of an empty database, e.g.
# jdbc:postgresql://127.0.0.1:5432/bench?user=postgres) the platform uses that PostgreSQL, otherwise the
# embedded one. Usage: platform.sh start | platform.sh stop   (state in OUT, default target/side-by-side)
# Env: PORT_BASE (26000), JAR (standalone/target/standalone.jar), JAVA (java), OUT, DATABASE_URL.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
OUT=${OUT:-$ROOT/target/side-by-side}
BASE=${PORT_BASE:-26000}
JAR=${JAR:-$ROOT/standalone/target/standalone.jar}
if [[ ${1:-start} == stop ]]; then
  [[ -f $OUT/pid ]] && kill "$(cat "$OUT/pid")" 2>/dev/null || true
  rm -f "$OUT/pid"
  exit 0
fi
ADMIN=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
rm -rf "$OUT/data"; mkdir -p "$OUT"
# kept for scripts that drive the admin API afterwards (webmail/wrk.sh imports its mailbox with it)
(umask 077; echo "$ADMIN" >"$OUT/admin-password")
db=()
if [[ -n ${DATABASE_URL:-} ]]; then
  db=(--spring.datasource.url="$DATABASE_URL")
else
  db=(--mail.standalone.postgres-port=$((BASE + 433)))
fi
"${JAVA:-java}" -Xmx1g -jar "$JAR" --mail.admin.password="$ADMIN" --mail.standalone.data-dir="$OUT/data" "${db[@]}" \
  --mail.standalone.kafka-port=$((BASE + 192)) --mail.standalone.kafka-controller-port=$((BASE + 193)) \
  --mail.standalone.domain=example.test --mail.standalone.account=bench@example.test --mail.standalone.password=pass \
  --mail.smtp.mx-port=$((BASE + 525)) --mail.smtp.submission-port=$((BASE + 587)) \
  --mail.smtp.submissions-port=$((BASE + 465)) --mail.pop3.port=$((BASE + 110)) --mail.pop3.tls-port=$((BASE + 995)) \
  --mail.imap.port=$((BASE + 143)) --mail.imap.tls-port=$((BASE + 993)) --server.port=$((BASE + 80)) \
  --management.server.port=$((BASE + 90)) --mail.imap.allow-plaintext-auth=true --mail.pop3.allow-plaintext-auth=true \
  >"$OUT/platform.log" 2>&1 &
echo $! >"$OUT/pid"
for _ in $(seq 300); do
  grep -q 'Mail platform is running' "$OUT/platform.log" && break
  kill -0 "$(cat "$OUT/pid")" 2>/dev/null || { echo "the platform did not start, see $OUT/platform.log" >&2; exit 1; }
  sleep 1
done
for user in user1 user2 user3 user4 user5 user6 user7 user8 user9 user10 pop1 pop2 pop3 pop4 pop5 pop6 pop7 pop8 pop9 pop10; do
  code=$(curl -sk -o /dev/null -w '%{http_code}' -u "admin:$ADMIN" -H 'Content-Type: application/json' \
    -d "{\"address\":\"$user@example.test\",\"password\":\"pass\"}" "https://127.0.0.1:$((BASE + 80))/api/admin/accounts")
  [[ $code == 201 ]] || { echo "creating $user@example.test answered HTTP $code" >&2; exit 1; }
done
echo "export OUR_SMTP=$((BASE + 525)) OUR_IMAP=$((BASE + 143)) OUR_POP3=$((BASE + 110))"
