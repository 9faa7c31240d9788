#!/usr/bin/env bash
# Install Debian's chromium and chromium-driver for the browser tests (tests/browser/), only when missing.
# Also fonts-noto-cjk when no Chinese font is installed. Idempotent: does nothing when all are there;
# runs `apt-get update` at most once. When it cannot install
# (not root, no apt-get, no registry) it says so and exits 0: the browser tests then skip with a reason.
set -uo pipefail

have_browser() { command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; }
have_driver() { command -v chromedriver >/dev/null 2>&1; }

# without a CJK font the explorer's Chinese labels render as boxes (screenshots are unreadable)
have_cjk_font() { ! command -v fc-list >/dev/null 2>&1 || [ -n "$(fc-list :lang=zh 2>/dev/null | head -1)" ]; }

missing=()
have_browser || missing+=(chromium)
have_driver || missing+=(chromium-driver)
have_cjk_font || missing+=(fonts-noto-cjk)
if [ "${#missing[@]}" -eq 0 ]; then
    echo "ci-browser-deps: chromium, chromedriver and a CJK font already installed"
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "ci-browser-deps: no apt-get here; cannot install ${missing[*]}; the browser tests will skip" >&2
    exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        SUDO="sudo -n"
    else
        echo "ci-browser-deps: not root; cannot install ${missing[*]}; the browser tests will skip" >&2
        exit 0
    fi
fi
export DEBIAN_FRONTEND=noninteractive
echo "ci-browser-deps: installing ${missing[*]}"
if ! $SUDO apt-get update -qq >&2; then
    echo "ci-browser-deps: apt-get update failed; the browser tests will skip" >&2
    exit 0
fi
if ! $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2; then
    echo "ci-browser-deps: apt-get install ${missing[*]} failed; the browser tests will skip" >&2
    exit 0
fi
echo "ci-browser-deps: installed ${missing[*]}"
