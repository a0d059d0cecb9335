#!/usr/bin/env bash
# Installs the Debian packages ledd builds and tests with. Idempotent: when every
# package is already present it only runs dpkg-query and returns.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config dpkg-dev
  libabsl-dev libsqlite3-dev libicu-dev libcsv-dev libcli11-dev nlohmann-json3-dev libfmt-dev
  libjemalloc-dev
  libboost1.74-dev libcpp-httplib-dev libsodium-dev libzip-dev zlib1g-dev
  libturbojpeg0-dev libpng-dev libwebp-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  clang libclang-rt-14-dev
  chromium
  zip unzip
  libcurl4-openssl-dev python3-aiosmtpd
  libpq-dev postgresql-15
  wrk
)

# The web UI is built with the machine's Node.js and npm (package-lock.json pins the rest).
if ! command -v npm >/dev/null; then
  echo "ledd: npm (Node.js 20 or newer) is needed to build the web UI" >&2
  exit 1
fi

missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$package")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

sudo=""
[[ $(id -u) -eq 0 ]] || sudo="sudo"
echo "installing: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq || true
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
