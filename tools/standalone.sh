# The standalone platform for scripts that test it from outside (tools/imaptest/run.sh, benchmarks/soak.sh):
# on loopback ports from a port base (IMAP base+143, IMAPS +993, MX +525, submission +587, submissions +465,
# POP3 +110, POP3S +995, HTTPS +80, PostgreSQL +433, Kafka +192 and +193, management +90), a data directory of
# the caller's choosing, IMAP LOGIN allowed without TLS (imaptest does not speak it), otherwise default settings. Source it, then:
#   standalone_start BASE DATA_DIR LOG ADMIN_PASSWORD ACCOUNT PASSWORD [--name=value ...]
#       checks the ports are free, starts standalone/target/standalone.jar (STANDALONE_JAR) with JAVA (java) and
#       -Xmx STANDALONE_HEAP (1g), sets STANDALONE_PID and waits (300 s at most) until it is running
#   standalone_account BASE ADMIN_PASSWORD ADDRESS PASSWORD    creates an account through the admin API
#   standalone_stop                                            stops it (TERM, then KILL after 60 s); idempotent
# Each returns non-zero with a message on standard error when it fails.
STANDALONE_PID=

standalone_start() {
  local base=$1 data=$2 log=$3 admin=$4 account=$5 password=$6
  shift 6
  local root port
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  for port in $((base + 143)) $((base + 993)) $((base + 525)) $((base + 587)) $((base + 465)) $((base + 110)) \
      $((base + 995)) $((base + 80)) $((base + 433)) $((base + 192)) $((base + 193)) $((base + 90)); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "port $port is in use; choose another port base" >&2
      return 1
    fi
  done
  "${JAVA:-java}" "-Xmx${STANDALONE_HEAP:-1g}" -jar "${STANDALONE_JAR:-$root/standalone/target/standalone.jar}" \
    --mail.admin.password="$admin" --mail.standalone.data-dir="$data" \
    --mail.standalone.postgres-port=$((base + 433)) --mail.standalone.kafka-port=$((base + 192)) \
    --mail.standalone.kafka-controller-port=$((base + 193)) --mail.standalone.domain="${account#*@}" \
    --mail.standalone.account="$account" --mail.standalone.password="$password" \
    --mail.smtp.mx-port=$((base + 525)) --mail.smtp.submission-port=$((base + 587)) \
    --mail.smtp.submissions-port=$((base + 465)) --mail.pop3.port=$((base + 110)) --mail.pop3.tls-port=$((base + 995)) \
    --mail.imap.port=$((base + 143)) --mail.imap.tls-port=$((base + 993)) --server.port=$((base + 80)) \
    --management.server.port=$((base + 90)) --mail.imap.allow-plaintext-auth=true \
    "$@" >"$log" 2>&1 &
  STANDALONE_PID=$!
  for _ in $(seq 300); do
    grep -q 'Mail platform is running' "$log" && return 0
    if ! kill -0 "$STANDALONE_PID" 2>/dev/null; then
      echo "the platform did not start, see $log" >&2
      return 1
    fi
    sleep 1
  done
  echo "the platform did not start within 300 s, see $log" >&2
  return 1
}

standalone_account() {
  local base=$1 admin=$2 address=$3 password=$4 code
  code=$(curl -sk -o /dev/null -w '%{http_code}' -u "admin:$admin" -H 'Content-Type: application/json' \
    -d "{\"address\":\"$address\",\"password\":\"$password\"}" "https://127.0.0.1:$((base + 80))/api/admin/accounts")
  if [[ $code != 201 ]]; then
    echo "creating $address answered HTTP $code" >&2
    return 1
  fi
}

standalone_stop() {
  if [[ -n $STANDALONE_PID ]] && kill -0 "$STANDALONE_PID" 2>/dev/null; then
    kill "$STANDALONE_PID"
    for _ in $(seq 60); do
      kill -0 "$STANDALONE_PID" 2>/dev/null || break
      sleep 1
    done
    kill -0 "$STANDALONE_PID" 2>/dev/null && kill -9 "$STANDALONE_PID"
    wait "$STANDALONE_PID" 2>/dev/null || true
  fi
  STANDALONE_PID=
}
