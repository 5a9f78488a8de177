#!/usr/bin/env bash
# Installs the system libraries cans builds against (Debian/Ubuntu), and the tools its tests run
# as real consumers of exported files (sox), only those missing.
# Uses sudo when not run as root. Swift itself (6.0 or newer) must already be installed.
set -euo pipefail

packages=(libasound2-dev libfftw3-dev libsndfile1-dev pkg-config sox)
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "install-deps: all system packages present (${packages[*]})" >&2
    exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "install-deps: run as root or install sudo; missing: ${missing[*]}" >&2; exit 1; }
    sudo="sudo"
fi
echo "install-deps: installing ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
