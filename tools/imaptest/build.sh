#!/usr/bin/env bash
# Builds Dovecot's imaptest from the sources vendored beside this script (see README.md) against
# Debian's Dovecot 2.3 libraries. Needs the Debian packages dovecot-dev and dovecot-core (which
# holds libdovecot.so) and a C tool chain; as root it installs what is missing with apt-get.
# Usage: tools/imaptest/build.sh [DEST]   (default DEST: target/imaptest in the repository)
# Afterwards DEST/imaptest is the binary and DEST/tests the scripted tests. About 30 s.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
DEST=${1:-$ROOT/target/imaptest}
if [[ -x $DEST/imaptest && -d $DEST/tests ]]; then
  echo "imaptest already built in $DEST"
  exit 0
fi
PACKAGES=(dovecot-dev dovecot-core autoconf automake libtool pkg-config make gcc)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if (( ${#missing[@]} > 0 )); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "imaptest needs the Debian packages: ${missing[*]} (apt-get install them as root)" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq "${missing[@]}" >/dev/null \
    || { apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null; }
fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
tar -xzf "$HERE/imaptest-release-2.3.tar.gz" -C "$WORK"
cd "$WORK/imaptest"
./autogen.sh >/dev/null 2>&1
# Debian's Dovecot 2.3.19 takes a fourth argument (parser flags) in imap_parser_create().
for f in src/commands.c src/test-parser.c src/imap-client.c; do
  sed -i -E 's/imap_parser_create\(([^;]*)\);/imap_parser_create(\1, NULL);/' "$f"
done
./configure --with-dovecot=/usr/lib/dovecot LDFLAGS=-Wl,-rpath,/usr/lib/dovecot >/dev/null
make -j"$(nproc)" >/dev/null
mkdir -p "$DEST"
cp src/imaptest "$DEST/"
rm -rf "$DEST/tests"
cp -r src/tests "$DEST/tests"
echo "built $DEST/imaptest; scripted tests in $DEST/tests"
