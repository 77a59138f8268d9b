#!/usr/bin/env bash
# Makes sure the browser the end-to-end tests drive is installed: Debian's chromium at
# /usr/bin/chromium (no browser download works on these machines). Installs it with apt-get
# when missing (as root, or through sudo), plus a CJK font so Chinese screenshots are readable.
set -euo pipefail
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
updated=""
apt_install() {
  if [ -z "$updated" ]; then $SUDO apt-get update -qq; updated=1; fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@"
}
if [ ! -x /usr/bin/chromium ]; then
  echo "ensure-browser: installing chromium (apt-get)"
  apt_install chromium
fi
if ! fc-list 2>/dev/null | grep -qi "wenquanyi\|noto sans cjk"; then
  apt_install fonts-wqy-microhei >/dev/null 2>&1 || echo "ensure-browser: no CJK font; Chinese screenshots will show boxes"
fi
