#!/bin/bash
# Proves that docker-compose.yml really starts the platform: builds the images (against local base
# images when no registry can be reached), starts everything under its own project name, waits for
# every healthcheck, creates a domain and an account through the admin API, sends with swaks to the
# MX port, reads the mail back over IMAP, POP3 and REST, restarts the delivery container while 200
# messages are being sent and checks that each arrived exactly once, then removes every container,
# network and volume of its project. Bounded to 10 minutes. Run after ./mvnw verify (it uses the
# jars); installs docker.io, docker-compose, debootstrap and swaks with apt when they are missing
# and starts the Docker engine when none answers.
#
#   deploy/compose-test.sh                   local base images (deploy/build-local-images.sh)
#   COMPOSE_TEST_IMAGES=official deploy/compose-test.sh    the images named in docker-compose.yml
set -euo pipefail
cd "$(dirname "$0")/.."

LIMIT_SECONDS=600
if [ -z "${COMPOSE_TEST_BOUNDED:-}" ]; then
    # the whole run, clean-up included, within the limit
    exec timeout --kill-after=20 "$LIMIT_SECONDS" env COMPOSE_TEST_BOUNDED=1 "$0" "$@"
fi

PROJECT=mailplatform-composetest
STREAM=200
started=$(date +%s)
passed=0
work=$(mktemp -d -t compose-test.XXXXXX)
step() { echo "--- compose test [$(($(date +%s) - started)) s]: $*"; }
pass() { passed=$((passed + 1)); echo "    ok: $*"; }
fail() {
    echo "compose test FAILED: $*" >&2
    if [ -n "${COMPOSE+set}" ] && [ -f "$work/test.env" ]; then
        compose ps >&2 || true
        compose logs --no-color --tail=80 >&2 || true
    fi
    exit 1
}

# --- the engine and the tools ---
install_missing() {
    local missing=()
    command -v dockerd >/dev/null || missing+=(docker.io)
    command -v docker-compose >/dev/null || docker compose version >/dev/null 2>&1 || missing+=(docker-compose)
    command -v debootstrap >/dev/null || missing+=(debootstrap)
    command -v swaks >/dev/null || missing+=(swaks)
    command -v openssl >/dev/null || missing+=(openssl)
    command -v python3 >/dev/null || missing+=(python3)
    if [ ${#missing[@]} -gt 0 ]; then
        step "installing ${missing[*]}"
        apt-get update -q >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null
    fi
}

start_engine() {
    docker info >/dev/null 2>&1 && return
    step "starting the Docker engine"
    # an engine that was killed leaves its pid file, which could name a live process by now
    if ! pgrep -x dockerd >/dev/null; then
        rm -f /var/run/docker.pid
    fi
    (setsid dockerd >/var/log/dockerd.log 2>&1 &)
    for _ in $(seq 1 60); do
        docker info >/dev/null 2>&1 && return
        sleep 1
    done
    tail -20 /var/log/dockerd.log >&2
    fail "the Docker engine did not start (see /var/log/dockerd.log)"
}

compose() {
    # a clean environment: only the test's env file sets the compose variables
    env -i PATH="$PATH" HOME="${HOME:-/root}" ${DOCKER_HOST:+DOCKER_HOST="$DOCKER_HOST"} \
        "${COMPOSE[@]}" --env-file "$work/test.env" -p "$PROJECT" -f docker-compose.yml "$@"
}

cleanup() {
    local status=$?
    trap - EXIT INT TERM
    step "removing the project's containers, networks and volumes"
    compose down --volumes --remove-orphans --timeout 20 >/dev/null 2>&1 || true
    local left
    left=$(docker ps -aq --filter "label=com.docker.compose.project=$PROJECT"; \
        docker network ls -q --filter "label=com.docker.compose.project=$PROJECT"; \
        docker volume ls -q --filter "label=com.docker.compose.project=$PROJECT")
    if [ -n "$left" ]; then
        echo "compose test FAILED: left behind: $left" >&2
        status=1
    fi
    # the build stages and the images earlier runs built (untagged now); the local base images stay
    docker image prune -f --filter label=io.mailplatform.build=service-image >/dev/null 2>&1 || true
    rm -rf "$work"
    echo "compose test took $(($(date +%s) - started)) s"
    if [ "$status" = 0 ]; then
        echo "compose: $passed passed, 0 failed"
    else
        echo "compose: $passed passed, 1 failed"
    fi
    exit "$status"
}

install_missing
start_engine
if docker compose version >/dev/null 2>&1; then
    COMPOSE=(docker compose)
else
    COMPOSE=(docker-compose)
fi
trap cleanup EXIT
trap 'exit 143' INT TERM

# --- settings: fresh secrets, a self-signed certificate, free loopback ports ---
for jar in smtp-gateway delivery-service pop3-service imap-service webmail-api; do
    [ -f "$jar/target/$jar-0.1.0-SNAPSHOT-exec.jar" ] || { step "building the jars"; ./mvnw -q -DskipTests package; break; }
done
mkdir -p "$work/tls"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=mail.example.test" \
    -addext "subjectAltName=DNS:mail.example.test,DNS:localhost,IP:127.0.0.1" \
    -keyout "$work/tls/privkey.pem" -out "$work/tls/fullchain.pem" 2>/dev/null
chmod 0755 "$work" "$work/tls"
chmod 0644 "$work/tls/privkey.pem"  # read by the services' non-root user; a throw-away key
read -r smtp submission submissions pop3 pop3s imap imaps https < <(python3 -c '
import socket
sockets = [socket.socket() for _ in range(8)]
for s in sockets:
    s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in sockets))')
admin_password=$(openssl rand -hex 16)
cat > "$work/test.env" <<EOF
POSTGRES_PASSWORD=$(openssl rand -hex 16)
MAIL_STORE_SECRETS_KEY=$(openssl rand -base64 32)
MAIL_ADMIN_PASSWORD=$admin_password
MAIL_HOSTNAME=mail.example.test
MAIL_TLS_DIR=$work/tls
MAIL_PUBLISH_ADDRESS=127.0.0.1
SMTP_PORT=$smtp
SUBMISSION_PORT=$submission
SUBMISSIONS_PORT=$submissions
POP3_PORT=$pop3
POP3S_PORT=$pop3s
IMAP_PORT=$imap
IMAPS_PORT=$imaps
HTTPS_PORT=$https
MAIL_IMAGE_REPOSITORY=mailplatform-composetest
EOF
if [ "${COMPOSE_TEST_IMAGES:-local}" = local ]; then
    step "building the local base images"
    deploy/build-local-images.sh
    cat >> "$work/test.env" <<EOF
JRE_IMAGE=local/jre:17
POSTGRES_IMAGE=local/postgres:15
KAFKA_IMAGE=local/kafka:4.2.1
EOF
fi

# --- start ---
compose down --volumes --remove-orphans >/dev/null 2>&1 || true  # what an interrupted run left
step "building the service images"
compose build -q >/dev/null || fail "docker compose build"
step "starting the project $PROJECT"
compose up -d >/dev/null 2>&1 || fail "docker compose up"

wait_healthy() {
    local deadline=$(($(date +%s) + $1)) unhealthy
    while :; do
        unhealthy=""
        for id in $(compose ps -q); do
            status=$(docker inspect --format '{{.Name}} {{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}' "$id")
            [[ $status == *" healthy" ]] || unhealthy+=" ${status#/}"
        done
        [ -z "$unhealthy" ] && [ "$(compose ps -q | wc -l)" = 7 ] && return 0
        [ "$(date +%s)" -ge "$deadline" ] && fail "not healthy after $1 s:$unhealthy"
        sleep 3
    done
}
step "waiting for every healthcheck"
wait_healthy 300
pass "7 containers healthy (PostgreSQL, Kafka and the five services)"

# --- provision through the admin API ---
admin() {
    curl -sk -o /dev/null -w '%{http_code}' -u "admin:$admin_password" -H 'Content-Type: application/json' \
        -d "$2" "https://127.0.0.1:$https/api/admin/$1"
}
[ "$(admin domains '{"name":"example.test"}')" = 201 ] || fail "creating the domain through the admin API"
[ "$(admin accounts '{"address":"alice@example.test","password":"compose secret"}')" = 201 ] \
    || fail "creating the account through the admin API"
pass "domain and account created through the admin API"

inbox() {
    python3 deploy/mailbox_check.py "$1" 127.0.0.1 "$2" alice@example.test "compose secret"
}

# waits until the INBOX (over IMAP) holds $1 messages
await_count() {
    local deadline=$(($(date +%s) + $2)) count
    while :; do
        count=$(inbox imap "$imaps" | wc -l) || count=0
        [ "$count" -ge "$1" ] && return 0
        [ "$(date +%s)" -ge "$deadline" ] && fail "the INBOX holds $count messages, not $1, after $2 s"
        sleep 2
    done
}

# --- one message in over SMTP, out over IMAP, POP3 and REST ---
swaks --silent 2 --server "127.0.0.1:$smtp" --helo client.example.org --from bob@example.org \
    --to alice@example.test --header "Subject: compose test first" --body "first message" \
    || fail "swaks to the MX port"
pass "swaks: 250 on port 25"
await_count 1 60
for protocol in imap:$imaps pop3:$pop3s rest:$https; do
    [ "$(inbox "${protocol%%:*}" "${protocol#*:}")" = "compose test first" ] \
        || fail "reading the message over ${protocol%%:*}"
    pass "read back over ${protocol%%:*}"
done

# --- 200 messages while the delivery service restarts ---
step "sending $STREAM messages, restarting delivery-service meanwhile"
: > "$work/sent"
(seq 1 "$STREAM" | xargs -P 4 -I{} sh -c "swaks --silent 2 --server 127.0.0.1:$smtp --helo client.example.org \
    --from bob@example.org --to alice@example.test --header 'Subject: stream {}' --body 'message {}' \
    && echo {} >> '$work/sent'") > "$work/sender.log" 2>&1 &
sender=$!
deadline=$(($(date +%s) + 60))
while [ "$(wc -l < "$work/sent")" -lt $((STREAM / 4)) ]; do
    [ "$(date +%s)" -ge "$deadline" ] && fail "the gateway accepted only $(wc -l < "$work/sent") messages in 60 s"
    sleep 0.2
done
compose restart delivery-service >/dev/null 2>&1 || fail "restarting delivery-service"
wait "$sender" || fail "sending: $(tail -5 "$work/sender.log")"
[ "$(wc -l < "$work/sent")" = "$STREAM" ] || fail "the gateway accepted $(wc -l < "$work/sent") of $STREAM"
pass "$STREAM messages accepted while delivery-service restarted"
await_count $((STREAM + 1)) 180
wait_healthy 60
expected=$( (echo "compose test first"; seq 1 "$STREAM" | sed 's/^/stream /') | sort)
for protocol in imap:$imaps pop3:$pop3s rest:$https; do
    got=$(inbox "${protocol%%:*}" "${protocol#*:}" | sort)
    duplicates=$(echo "$got" | uniq -d | head -3)
    [ -z "$duplicates" ] || fail "delivered twice (${protocol%%:*}): $duplicates"
    [ "$got" = "$expected" ] || fail "over ${protocol%%:*} the INBOX differs: $(diff <(echo "$expected") <(echo "$got") | head -5)"
done
pass "each of the $STREAM messages stored exactly once (IMAP, POP3 and REST agree)"
