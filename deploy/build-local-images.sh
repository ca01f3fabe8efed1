#!/bin/bash
# Builds, on a machine that reaches Debian's package mirror and Maven Central but no container
# registry, local stand-ins for the images the compose file pulls by default:
#   local/debian:bookworm   a minimal Debian (debootstrap), the base of the others
#   local/jre:17            Debian's OpenJDK 17 runtime       (instead of eclipse-temurin:17-jre)
#   local/postgres:15       Debian's PostgreSQL               (instead of postgres:17)
#   local/kafka:4.2.1       Apache Kafka from Maven Central   (instead of apache/kafka:4.2.1)
# Images already present are kept (docker's build cache makes a rebuild quick); --rebuild-base
# bootstraps Debian again. Needs root, docker and debootstrap.
set -euo pipefail
cd "$(dirname "$0")/.."

DEBIAN_IMAGE=${DEBIAN_IMAGE:-local/debian:bookworm}
JRE_IMAGE=${JRE_IMAGE:-local/jre:17}
POSTGRES_IMAGE=${POSTGRES_IMAGE:-local/postgres:15}
KAFKA_IMAGE=${KAFKA_IMAGE:-local/kafka:4.2.1}

# the Debian mirror this machine uses (deb822 or one-line sources), else Debian's own
mirror() {
    local uri
    uri=$(grep -hs -E '^URIs:.*/debian/?$' /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null \
        | head -n1 | awk '{print $2}')
    if [ -z "$uri" ]; then
        uri=$(grep -hs -E '^deb .*/debian/? bookworm' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
            | head -n1 | awk '{print $2}')
    fi
    echo "${uri:-http://deb.debian.org/debian}"
}

if [ "${1:-}" = --rebuild-base ] || ! docker image inspect "$DEBIAN_IMAGE" >/dev/null 2>&1; then
    root=$(mktemp -d /var/tmp/debian-rootfs.XXXXXX)
    trap 'rm -rf "$root"' EXIT
    url=$(mirror)
    echo "bootstrapping Debian bookworm from $url"
    debootstrap --variant=minbase bookworm "$root" "$url" >/dev/null
    cat > "$root/etc/apt/sources.list" <<SOURCES
deb $url bookworm main
deb $url bookworm-updates main
deb ${url%/debian}/debian-security bookworm-security main
SOURCES
    rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
    tar -C "$root" -c . | docker import - "$DEBIAN_IMAGE" >/dev/null
    rm -rf "$root"
    trap - EXIT
fi

docker build -q --build-arg DEBIAN_IMAGE="$DEBIAN_IMAGE" -t "$JRE_IMAGE" deploy/docker/local/jre >/dev/null
docker build -q --build-arg DEBIAN_IMAGE="$DEBIAN_IMAGE" -t "$POSTGRES_IMAGE" deploy/docker/local/postgres >/dev/null
./mvnw -q -f deploy/docker/local/kafka/pom.xml dependency:copy-dependencies -DincludeScope=runtime
docker build -q --build-arg JRE_IMAGE="$JRE_IMAGE" -t "$KAFKA_IMAGE" deploy/docker/local/kafka >/dev/null
echo "local images: $DEBIAN_IMAGE $JRE_IMAGE $POSTGRES_IMAGE $KAFKA_IMAGE"
