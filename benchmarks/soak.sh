#!/usr/bin/env bash
# Soak (README "Performance", "Soak"): starts the standalone platform on loopback ports from SOAK_PORT_BASE with
# a fresh data directory under target/soak/run, creates the soak accounts through the admin API, then runs
# io.mailplatform.bench.soak.SoakDriver: SMTP mail to the MX port at SOAK_RATE messages/s of SOAK_MIN_SIZE to
# SOAK_MAX_SIZE octets for SOAK_SECONDS, while an IMAP session per IMAP account IDLEs, FETCHes and STOREs and a
# POP3 client per POP3 account retrieves and deletes. A sample every SOAK_INTERVAL seconds: counts, rates,
# latency percentiles, the platform's heap and GC (its Prometheus endpoint) and errors. Output in target/soak:
# soak.csv, soak.md (summary and table), soak.png, platform.log. The platform is stopped at the end, on Ctrl-C too.
# Exits non-zero when a message was lost or anything failed.
# SPF is off (the soak sender's domain would be looked up in the public DNS; SPF is measured on its own).
# Env: SOAK_SECONDS (600), SOAK_RATE (20), SOAK_MIN_SIZE (2048), SOAK_MAX_SIZE (20480), SOAK_SMTP_SESSIONS (4),
#      SOAK_IMAP_ACCOUNTS (4), SOAK_POP3_ACCOUNTS (2), SOAK_INTERVAL (10), SOAK_PORT_BASE (27000), JAVA (java),
#      PLATFORM_HEAP (1g). Builds the standalone jar and the benchmark class path when they are missing.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=$ROOT/target/soak
BASE=${SOAK_PORT_BASE:-27000}
JAVA=${JAVA:-java}
JAR=$ROOT/standalone/target/standalone.jar
CPFILE=$ROOT/benchmarks/target/bench.cp
IMAP_ACCOUNTS=${SOAK_IMAP_ACCOUNTS:-4}
POP3_ACCOUNTS=${SOAK_POP3_ACCOUNTS:-2}
PASS=soak-pass
ADMIN=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
# shellcheck source=../tools/standalone.sh
. "$ROOT/tools/standalone.sh"

fail() {
  echo "soak: FAILED: $*" >&2
  exit 1
}

stop() {
  [[ -n $STANDALONE_PID ]] && echo "soak: stopping the platform"
  standalone_stop
}
trap stop EXIT
trap 'exit 130' INT TERM

if [[ ! -f $JAR || ! -f $CPFILE || ! -d $ROOT/benchmarks/target/classes/io/mailplatform/bench/soak ]]; then
  (cd "$ROOT" && ./mvnw -q -pl benchmarks -am -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/bench.cp)
fi

rm -rf "$OUT"
mkdir -p "$OUT"
STANDALONE_HEAP=${PLATFORM_HEAP:-1g} standalone_start "$BASE" "$OUT/run" "$OUT/platform.log" "$ADMIN" soak0@example.test \
  "$PASS" --mail.pop3.allow-plaintext-auth=true --mail.delivery.spf.enabled=false || fail "see above"
# soak0 exists already (the standalone's first account)
for n in $(seq 1 $((IMAP_ACCOUNTS + POP3_ACCOUNTS - 1))); do
  standalone_account "$BASE" "$ADMIN" "soak$n@example.test" "$PASS" || fail "see above"
done
"$JAVA" -Xmx512m -cp "$ROOT/benchmarks/target/classes:$(cat "$CPFILE")" io.mailplatform.bench.soak.SoakDriver \
  --seconds "${SOAK_SECONDS:-600}" --rate "${SOAK_RATE:-20}" --min-size "${SOAK_MIN_SIZE:-2048}" \
  --max-size "${SOAK_MAX_SIZE:-20480}" --smtp-sessions "${SOAK_SMTP_SESSIONS:-4}" --imap-accounts "$IMAP_ACCOUNTS" \
  --pop3-accounts "$POP3_ACCOUNTS" --interval "${SOAK_INTERVAL:-10}" --password "$PASS" \
  --smtp-port $((BASE + 525)) --imap-port $((BASE + 143)) --pop3-port $((BASE + 110)) \
  --metrics-url "http://127.0.0.1:$((BASE + 90))/actuator/prometheus" --output "$OUT"
