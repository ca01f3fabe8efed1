#!/usr/bin/env bash
# Installs what the web page's browser tests (webmail-api, WebPage*Test) drive: Debian's chromium and
# chromedriver (packages chromium and chromium-driver). As root it installs what is missing with
# apt-get; otherwise it only says what is missing (the tests then fail and say so too).
set -euo pipefail
PACKAGES=(chromium chromium-driver)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if (( ${#missing[@]} == 0 )); then
  exit 0
fi
if [[ $(id -u) -ne 0 ]]; then
  echo "the browser tests need the Debian packages: ${missing[*]} (apt-get install them as root)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -qq "${missing[@]}" >/dev/null \
  || { apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null; }
