#!/usr/bin/env bash
# Runs Dovecot's imaptest against the standalone platform and fails on anything it reports:
#  1. the scripted compliance tests (71 groups of RFC 3501 and extension scripts): every group, every
#     base and extension command must pass, at least 222 extension commands must have run (the groups
#     of the extensions the server advertises), and no "Error:" line may appear;
#  2. stress runs of IMAPTEST_SECS seconds each with 10 and 50 clients, once staying logged in
#     (logout=0) and once with login/logout cycles: no "Error:", "Panic:" or "Fatal:" line, and
#     the run must have done work.
# The platform runs from standalone/target/standalone.jar (built when missing) on loopback ports from
# IMAPTEST_PORT_BASE, with a fresh data directory under target/imaptest-run, plaintext LOGIN allowed
# (imaptest does not speak TLS) and otherwise default settings; it is stopped at the end.
# Needs: a JDK, curl, awk, and what tools/imaptest/build.sh needs (Debian's dovecot-dev, dovecot-core).
# Env: IMAPTEST_SECS (10), IMAPTEST_PORT_BASE (24000), IMAPTEST_MIN_EXTENSION_COMMANDS (222),
# IMAPTEST_JAR, JAVA (java). About 2 minutes.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
OUT=$ROOT/target/imaptest-run
SECS=${IMAPTEST_SECS:-10}
BASE=${IMAPTEST_PORT_BASE:-24000}
JAR=${IMAPTEST_JAR:-$ROOT/standalone/target/standalone.jar}
JAVA=${JAVA:-java}
IMAP=$((BASE + 143))
PASS=imaptest-pass
ADMIN=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
started=$(date +%s)

fail() {
  echo "imaptest: FAILED: $*" >&2
  exit 1
}

rm -rf "$OUT"
mkdir -p "$OUT"
"$HERE/build.sh" "$ROOT/target/imaptest"
IMAPTEST=$ROOT/target/imaptest/imaptest
TESTS=$ROOT/target/imaptest/tests
if [[ ! -f $JAR ]]; then
  (cd "$ROOT" && ./mvnw -q -DskipTests -pl standalone -am package)
fi

# shellcheck source=../standalone.sh
. "$ROOT/tools/standalone.sh"
trap standalone_stop EXIT
STANDALONE_JAR=$JAR standalone_start "$BASE" "$OUT/data" "$OUT/platform.log" "$ADMIN" a@example.test "$PASS" \
  || fail "see above; the port base is IMAPTEST_PORT_BASE"

# a@example.test exists already; imaptest's scripts use a second account, the stress runs ten more
for user in b user1 user2 user3 user4 user5 user6 user7 user8 user9 user10; do
  standalone_account "$BASE" "$ADMIN" "$user@example.test" "$PASS" || fail "see above"
done

# 200 messages of 1 to 20 KB for the stress runs to append: plain text and multipart/alternative, CRLF
awk 'BEGIN {
  srand(7); split("alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa", w, " ")
  for (i = 1; i <= 200; i++) {
    printf "From sender%d@example.org Mon Nov  2 10:00:00 2026\n", i % 17
    printf "From: Sender %d <sender%d@example.org>\r\nTo: user@example.test\r\n", i % 17, i % 17
    printf "Subject: %s %s %d\r\nDate: Mon, %d Nov 2026 %02d:00:00 +0%d00\r\n", w[i % 16 + 1], w[(i * 7) % 16 + 1], i, i % 28 + 1, i % 24, i % 10
    printf "Message-ID: <stress-%d@example.org>\r\nMIME-Version: 1.0\r\n", i
    multipart = (i % 3 == 0)
    if (multipart) printf "Content-Type: multipart/alternative; boundary=\"b%d\"\r\n\r\n--b%d\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n", i, i
    else printf "Content-Type: text/plain; charset=us-ascii\r\n\r\n"
    lines = 10 + int(rand() * 300)
    for (l = 0; l < lines; l++) {
      line = ""
      for (k = 0; k < 8; k++) line = line w[int(rand() * 16) + 1] " "
      printf "%s\r\n", line
    }
    if (multipart) printf "--b%d\r\nContent-Type: text/html; charset=us-ascii\r\n\r\n<p>%s</p>\r\n--b%d--\r\n", i, w[i % 16 + 1], i
    printf "\n"
  }
}' >"$OUT/stress.mbox"

echo "imaptest: scripted compliance tests"
"$IMAPTEST" host=127.0.0.1 port="$IMAP" user=a@example.test user2=b@example.test pass="$PASS" test="$TESTS" \
  >"$OUT/compliance.log" 2>&1 || true
tail -n 3 "$OUT/compliance.log"
groups=$(grep -E '^[0-9]+ test groups: [0-9]+ failed' "$OUT/compliance.log" || true)
base=$(grep -E '^base protocol: [0-9]+/[0-9]+ individual commands failed' "$OUT/compliance.log" || true)
extensions=$(grep -E '^extensions: [0-9]+/[0-9]+ individual commands failed' "$OUT/compliance.log" || true)
[[ -n $groups && -n $base && -n $extensions ]] || fail "no summary from the scripted tests, see $OUT/compliance.log"
[[ $groups =~ ^[0-9]+\ test\ groups:\ 0\ failed ]] || fail "$groups (see $OUT/compliance.log)"
[[ $base =~ ^base\ protocol:\ 0/ ]] || fail "$base (see $OUT/compliance.log)"
[[ $extensions =~ ^extensions:\ 0/ ]] || fail "$extensions (see $OUT/compliance.log)"
# imaptest skips a group whose capabilities the server lacks without counting it (its "skipped"
# figure stays 0), so a capability lost would pass silently: the extension commands that ran must
# include those of every advertised extension (222 with SORT, SORT=DISPLAY, ESORT, CONDSTORE, THREAD, MULTIAPPEND and BINARY)
ran=$(sed -E 's|^extensions: [0-9]+/([0-9]+) .*|\1|' <<<"$extensions")
(( ran >= ${IMAPTEST_MIN_EXTENSION_COMMANDS:-222} )) \
  || fail "only $ran extension commands ran, expected ${IMAPTEST_MIN_EXTENSION_COMMANDS:-222} (an extension's groups were skipped?)"
errors=$(grep -cE '^(Error|Panic|Fatal):' "$OUT/compliance.log" || true)
(( errors == 0 )) || fail "$errors errors in the scripted tests (see $OUT/compliance.log)"

for clients in 10 50; do
  for mode in logout=0 cycles; do
    log=$OUT/stress-$clients-${mode%%=*}.log
    args=()
    [[ $mode == logout=0 ]] && args+=(logout=0)
    echo "imaptest: stress, $clients clients, ${mode/cycles/login and logout cycles}, $SECS s"
    timeout $((SECS + 120)) "$IMAPTEST" host=127.0.0.1 port="$IMAP" user='user%d@example.test' users=1-10 pass="$PASS" \
      mbox="$OUT/stress.mbox" secs="$SECS" clients="$clients" "${args[@]}" >"$log" 2>&1 || true
    errors=$(grep -cE '^(Error|Panic|Fatal):' "$log" || true)
    (( errors == 0 )) || { grep -E '^(Error|Panic|Fatal):' "$log" | head -n 5 >&2; fail "$errors errors in $log"; }
    # the last "Totals:" block: names, percentages, then counts; FETCH must have run
    fetches=$(awk '/^Totals:/ {t = NR} t && NR == t + 1 {for (i = 1; i <= NF; i++) if ($i == "Fetc") c = i}
                   t && NR == t + 4 {n = $c} END {print n + 0}' "$log")
    (( fetches > 0 )) || fail "the stress run did no FETCH, see $log"
    echo "  $fetches FETCH commands, 0 errors"
  done
done
echo "imaptest: all passed in $(( $(date +%s) - started )) s (logs in $OUT)"
