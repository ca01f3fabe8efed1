#!/usr/bin/env bash
# Webmail API under wrk (issue 15, "Performance"): starts the standalone platform (side-by-side/platform.sh,
# ports from PORT_BASE, data in OUT), imports COUNT generated messages into bench@example.test's INBOX through
# the admin import API, then runs wrk with HTTP Basic (auth.lua) against (a) the first page of the message
# list (default page size and sorting), the second page (by its cursor), the
# first page of unseen messages and of the list by subject, and (b) one message as JSON, and stops the platform.
# Debian's wrk has no fixed-rate mode (that is wrk2): CONNECTIONS closed-loop connections each send the next
# request as soon as the previous answer arrives, so the rate wrk reports is what those connections reach.
# Env: PORT_BASE (38000), OUT (target/webmail-wrk), COUNT (100000), DURATION (30s), CONNECTIONS (4), THREADS (2).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
export PORT_BASE=${PORT_BASE:-38000} OUT=${OUT:-$ROOT/target/webmail-wrk}
COUNT=${COUNT:-100000} DURATION=${DURATION:-30s} CONNECTIONS=${CONNECTIONS:-4} THREADS=${THREADS:-2}
URL=https://127.0.0.1:$((PORT_BASE + 80))
trap '"$HERE/../side-by-side/platform.sh" stop' EXIT
"$HERE/../side-by-side/platform.sh" start >/dev/null
ADMIN=$(cat "$OUT/admin-password")
[[ -s $OUT/bench-$COUNT.mbox ]] || python3 "$HERE/gen_mbox.py" "$OUT/bench-$COUNT.mbox" "$COUNT"
start=$(date +%s)
job=$(curl -sk -u "admin:$ADMIN" --data-binary @"$OUT/bench-$COUNT.mbox" -H 'Content-Type: application/mbox' \
  -D - -o /dev/null "$URL/api/admin/accounts/bench@example.test/import" | tr -d '\r' | sed -n 's/^[Ll]ocation: //p')
[[ -n $job ]] || { echo "the import was not accepted" >&2; exit 1; }
while :; do
  state=$(curl -sk -u "admin:$ADMIN" "$URL$job")
  [[ $state == *'"DONE"'* ]] && break
  [[ $state == *'"FAILED"'* ]] && { echo "import failed: $state" >&2; exit 1; }
  sleep 5
done
echo "imported $COUNT messages in $(($(date +%s) - start)) s: $state"
export WRK_USER=bench@example.test WRK_PASS=pass
uid=$(curl -sk -u "$WRK_USER:$WRK_PASS" "$URL/api/mailboxes/INBOX/messages" | python3 -c \
  'import json,sys; print(json.load(sys.stdin)["messages"][0]["uid"])')
echo "load: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
second=$(curl -sk -u "$WRK_USER:$WRK_PASS" "$URL/api/mailboxes/INBOX/messages" | python3 -c \
  'import json,sys; print(json.load(sys.stdin)["nextCursor"])')
for target in "/api/mailboxes/INBOX/messages" "/api/mailboxes/INBOX/messages?cursor=$second" \
    "/api/mailboxes/INBOX/messages?unseen=true" "/api/mailboxes/INBOX/messages?sort=subject&order=asc" \
    "/api/mailboxes/INBOX/messages/$uid"; do
  wrk -t1 -c1 -d5s -s "$HERE/auth.lua" "$URL$target" >/dev/null # warm-up (JIT, caches)
  echo "== GET $target, $CONNECTIONS connections, $THREADS threads, $DURATION"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$HERE/auth.lua" "$URL$target"
done
