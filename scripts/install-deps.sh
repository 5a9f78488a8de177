#!/usr/bin/env bash
# Installs the system libraries cans builds against (Debian/Ubuntu), and the programs its tests
# drive (chromium and netpbm render and read the HTML report; tmux is the terminal for the progress
# bar tests), only those missing.
# Uses sudo when not run as root. Swift itself (6.0 or newer) must already be installed.
set -euo pipefail

# sox: the export tests run the exported sox chain through the real sox (a consumer of cans' files);
# chromium, netpbm, tmux: the report is rendered in headless Chromium and progress is read in tmux.
# mount: the bad-input tests mount a tiny tmpfs (as root) to fill a disk or make it read-only.
packages=(libasound2-dev libfftw3-dev libsndfile1-dev pkg-config sox chromium netpbm tmux mount)
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
