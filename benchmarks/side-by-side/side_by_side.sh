#!/bin/bash
# Side-by-side throughput of the platform and the Dovecot+Postfix reference on one machine: same tools,
# same run, alternating rounds (a shared machine is noisy: compare ratios, never absolute figures).
#  SMTP: smtp-source 2000 messages x 2000 B over 10 sessions, counted until all are visible in the mailbox
#        (Maildir for the reference, IMAP STATUS for ours): delivered msgs/s end to end.
#  IMAP: imaptest stress, 10 clients on user1..user10, logout=0, SECS seconds: FETCH, APPEND, STORE per
#        second. Both servers first get one unmeasured run of WARMUP seconds (the JVM compiles its hot code).
#  POP3: maildrops pop1..pop10 of 1,000 messages of 2 KB each: Postfix fills the reference's testuser@conf.test
#        (smtp-source), its files are copied to pop1..pop10 (users the script adds to the anchor's passwd-file)
#        and appended over IMAP to ours (imap_fill.py), so both servers send the same bytes. One client
#        retrieves pop1 with RETR, one message after another, five times over (1,000 RETRs last some 50 ms);
#        then ten clients retrieve pop1..pop10 at once. With WARMUP > 0 each server first gets one unmeasured
#        single-client retrieval.
# Needs: the reference started by anchors.sh beside this script (IMAP 10143, POP3 10110, SMTP 10025, or the ports
#        in ANCHOR/ports; README.md
#        "Performance"), postfix installed (smtp-source), IMAPTEST (tools/imaptest/build.sh), our platform with
#        plaintext logins allowed (IMAP and POP3) and accounts OUR_RCPT, user1..user10 and pop1..pop10.
# Env: ANCHOR (directory printed by anchors.sh), OUR_SMTP 2525, OUR_IMAP 2143, OUR_POP3 2110,
#      OUR_RCPT bench@example.test, OUR_USERFMT user%d@example.test, OUR_POP_USERFMT pop%d@example.test,
#      OUR_PASS pass, ROUNDS 3, SECS 10, WARMUP 30, ONLY (smtp|imap|pop3; default all three).
#      OUR_IMAP_B: the IMAP port of a second platform (e.g. the code before a change, same accounts), measured
#      in the same IMAP rounds. OUR_POP3_B: the same for POP3 (its accounts pop1..pop10 are filled through
#      OUR_IMAP_B). IMAP and POP3 rounds rotate the servers' places (places() below).
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
: "${ANCHOR:?set ANCHOR to the directory printed by anchors.sh}"
O_SMTP=${OUR_SMTP:-2525}; O_IMAP=${OUR_IMAP:-2143}; O_POP=${OUR_POP3:-2110}; O_RCPT=${OUR_RCPT:-bench@example.test}
O_USERFMT=${OUR_USERFMT:-user%d@example.test}; O_POPFMT=${OUR_POP_USERFMT:-pop%d@example.test}; O_PASS=${OUR_PASS:-pass}
ROUNDS=${ROUNDS:-3}; SECS=${SECS:-10}; WARMUP=${WARMUP:-30}; ONLY=${ONLY:-}
O_IMAP_B=${OUR_IMAP_B:-}; O_POP_B=${OUR_POP3_B:-}
REF_IMAP=10143 REF_POP3=10110 REF_SMTP=10025
[[ -f $ANCHOR/ports ]] && eval "$(cat "$ANCHOR/ports")"
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
python3 "$HERE/gen_mbox.py" "$W/stress.mbox" 200 1 >/dev/null
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
ratio() { python3 -c "print(round($1/$2, 2) if $2 else 0)"; }
# The servers in the order they run in round $1: each takes every place in turn, since a server measured right
# after another one's load fares differently (differences of 5-10 % between places were seen); use a number of
# ROUNDS that is a multiple of the number of servers.
places() { local r=$1; shift; local all=("$@"); local k=$(( (r - 1) % ${#all[@]} )); echo "${all[@]:k}" "${all[@]:0:k}"; }
imap_rates() {  # port userfmt pass secs -> "fetch append store" per second, and the error count
  "$IMAPTEST" host=127.0.0.1 port=$1 user="$2" users=1-10 pass="$3" mbox="$W/stress.mbox" secs=$4 clients=10 \
    logout=0 >"$W/it.log" 2>&1
  python3 - "$W/it.log" "$4" <<'PY'
import sys
lines = open(sys.argv[1]).read().splitlines()
errors = sum(1 for l in lines if l.startswith("Error:"))
try:
    i = max(k for k, l in enumerate(lines) if l.startswith("Totals:"))
    d = dict(zip(lines[i + 1].split(), map(int, lines[i + 4].split()))); s = float(sys.argv[2])
    print(round(d.get("Fetc", 0) / s), round(d.get("Appe", 0) / s), round(d.get("Stor", 0) / s), errors)
except Exception:
    print(0, 0, 0, errors)
PY
}
if [[ -z $ONLY || $ONLY == smtp ]]; then
  declare -a AS OS
  for r in $(seq "$ROUNDS"); do
    a=$(python3 "$HERE/smtp_deliver.py" "$REF_SMTP" bench@conf.test maildir "$ANCHOR/mail/bench/Maildir" | tail -n 1)
    o=$(python3 "$HERE/smtp_deliver.py" "$O_SMTP" "$O_RCPT" imap "$O_IMAP" "$O_RCPT" "$O_PASS" | tail -n 1)
    echo "smtp round $r: reference: $a"; echo "smtp round $r: ours:      $o"
    AS+=("$(echo "$a" | sed -E 's/.*-> ([0-9]+) msgs.*/\1/')"); OS+=("$(echo "$o" | sed -E 's/.*-> ([0-9]+) msgs.*/\1/')")
  done
  ma=$(median "${AS[@]}"); mo=$(median "${OS[@]}")
  echo "SMTP delivered end to end: ours $mo msgs/s, reference $ma msgs/s, ratio $(ratio "$mo" "$ma")"
fi
if [[ -z $ONLY || $ONLY == imap ]]; then
  [[ -x ${IMAPTEST:-} ]] || { echo "IMAPTEST not set: build it with tools/imaptest/build.sh"; exit 1; }
  if (( WARMUP > 0 )); then
    imap_rates "$REF_IMAP" user%d pass "$WARMUP" >/dev/null; imap_rates "$O_IMAP" "$O_USERFMT" "$O_PASS" "$WARMUP" >/dev/null
    [[ -n $O_IMAP_B ]] && imap_rates "$O_IMAP_B" "$O_USERFMT" "$O_PASS" "$WARMUP" >/dev/null
  fi
  declare -a AF AA AT OF OA OT BF BA BT
  imap_round() {  # who (ref|ours|b) round
    local port=$O_IMAP user=$O_USERFMT pass=$O_PASS label="ours     " f a t e
    case $1 in
      ref) port=$REF_IMAP; user=user%d; pass=pass; label="reference" ;;
      b) port=$O_IMAP_B; label="ours (B) " ;;
    esac
    read -r f a t e < <(imap_rates "$port" "$user" "$pass" "$SECS")
    echo "imap round $2: $label fetch/append/store per s: $f $a $t (errors $e)"
    case $1 in
      ref) AF+=("$f"); AA+=("$a"); AT+=("$t") ;; ours) OF+=("$f"); OA+=("$a"); OT+=("$t") ;; b) BF+=("$f"); BA+=("$a"); BT+=("$t") ;;
    esac
  }
  for r in $(seq "$ROUNDS"); do
    for who in $(places "$r" ref ours ${O_IMAP_B:+b}); do imap_round "$who" "$r"; done
  done
  echo "IMAP stress ratios ours/reference: fetch $(ratio "$(median "${OF[@]}")" "$(median "${AF[@]}")")," \
       "append $(ratio "$(median "${OA[@]}")" "$(median "${AA[@]}")"), store $(ratio "$(median "${OT[@]}")" "$(median "${AT[@]}")")"
  if [[ -n $O_IMAP_B ]]; then
    echo "IMAP stress ratios ours (B)/reference: fetch $(ratio "$(median "${BF[@]}")" "$(median "${AF[@]}")")," \
         "append $(ratio "$(median "${BA[@]}")" "$(median "${AA[@]}")"), store $(ratio "$(median "${BT[@]}")" "$(median "${AT[@]}")")"
  fi
fi
if [[ -z $ONLY || $ONLY == pop3 ]]; then
  stat_count() {  # port user pass -> messages in the maildrop
    python3 -c "import poplib; p=poplib.POP3('127.0.0.1',$1); p.user('$2'); p.pass_('$3'); print(p.stat()[0]); p.quit()"
  }
  fill() {  # smtp-port rcpt pop-port user pass: 1,000 messages of 2,000 B
    local have; have=$(stat_count "$3" "$4" "$5")
    if (( have < 1000 )); then
      /usr/sbin/smtp-source -l 2000 -m $((1000 - have)) -s 10 -f bench@example.org -t "$2" 127.0.0.1:$1 >/dev/null 2>&1
    fi
    for _ in $(seq 300); do  # measure only once delivery is over and the maildrop is full
      have=$(stat_count "$3" "$4" "$5"); (( have >= 1000 )) && break; sleep 1
    done
  }
  # the reference: testuser is filled by Postfix, pop1..pop10 get copies of its files
  fill "$REF_SMTP" testuser@conf.test "$REF_POP3" testuser pass
  for i in $(seq 10); do
    grep -q "^pop$i:" "$ANCHOR/dovecot/users" || echo "pop$i:{PLAIN}pass::::::" >> "$ANCHOR/dovecot/users"
    d=$ANCHOR/mail/pop$i/Maildir
    if [[ ! -d $d/cur ]]; then
      mkdir -p "$d/new" "$d/cur" "$d/tmp"
      cp "$ANCHOR"/mail/testuser/Maildir/new/* "$ANCHOR"/mail/testuser/Maildir/cur/* "$d/new/" 2>/dev/null
      chown -R mail:mail "$ANCHOR/mail/pop$i"
    fi
  done
  for i in $(seq 10); do
    u=$(printf "$O_POPFMT" "$i")
    python3 "$HERE/imap_fill.py" "$O_IMAP" "$u" "$O_PASS" 1000 "$ANCHOR/mail/testuser/Maildir"
    [[ -n $O_POP_B ]] && python3 "$HERE/imap_fill.py" "${O_IMAP_B:?OUR_IMAP_B is needed with OUR_POP3_B}" "$u" \
      "$O_PASS" 1000 "$ANCHOR/mail/testuser/Maildir"
  done
  sleep 2
  declare -a AP OP BP AP10 OP10 BP10
  msgs() { sed -E 's/.* = ([0-9]+) msgs.*/\1/'; }
  if (( WARMUP > 0 )); then  # one unmeasured retrieval of the maildrop per server, as for IMAP
    python3 "$HERE/pop3_retr.py" "$REF_POP3" pop1 pass 1000 >/dev/null
    for port in "$O_POP" $O_POP_B; do python3 "$HERE/pop3_retr.py" "$port" "$O_POPFMT" "$O_PASS" 1000 >/dev/null; done
  fi
  pop3_round() {  # who (ref|ours|b) round clients
    local port=$O_POP user=$O_POPFMT pass=$O_PASS label="ours:    " out
    case $1 in
      ref) port=$REF_POP3; user=pop1; pass=pass; label="reference:"; (( $3 > 1 )) && user=pop%d ;;
      b) port=$O_POP_B; label="ours (B):" ;;
    esac
    # one client reads the maildrop five times over: a single pass lasts some 50 ms, too short to measure
    out=$(python3 "$HERE/pop3_retr.py" "$port" "$user" "$pass" 1000 "$3" $(( $3 == 1 ? 5 : 1 ))); echo "pop3 round $2: $label $out"
    case $1/$3 in
      ref/1) AP+=("$(echo "$out" | msgs)") ;; ours/1) OP+=("$(echo "$out" | msgs)") ;; b/1) BP+=("$(echo "$out" | msgs)") ;;
      ref/*) AP10+=("$(echo "$out" | msgs)") ;; ours/*) OP10+=("$(echo "$out" | msgs)") ;; b/*) BP10+=("$(echo "$out" | msgs)") ;;
    esac
  }
  for r in $(seq "$ROUNDS"); do
    for clients in 1 10; do
      for who in $(places "$r" ref ours ${O_POP_B:+b}); do pop3_round "$who" "$r" "$clients"; done
    done
  done
  echo "POP3 RETR, one client, ours/reference: $(ratio "$(median "${OP[@]}")" "$(median "${AP[@]}")")" \
       "($(median "${OP[@]}") vs $(median "${AP[@]}") msgs/s)"
  echo "POP3 RETR, ten clients on ten maildrops, ours/reference: $(ratio "$(median "${OP10[@]}")" "$(median "${AP10[@]}")")" \
       "($(median "${OP10[@]}") vs $(median "${AP10[@]}") msgs/s)"
  if [[ -n $O_POP_B ]]; then
    echo "POP3 RETR, one client, ours (B)/reference: $(ratio "$(median "${BP[@]}")" "$(median "${AP[@]}")")" \
         "($(median "${BP[@]}") vs $(median "${AP[@]}") msgs/s)"
    echo "POP3 RETR, ten clients on ten maildrops, ours (B)/reference: $(ratio "$(median "${BP10[@]}")" "$(median "${AP10[@]}")")" \
         "($(median "${BP10[@]}") vs $(median "${AP10[@]}") msgs/s)"
  fi
fi
