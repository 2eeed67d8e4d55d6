#!/usr/bin/env bash
# Idempotent setup: Debian packages (when missing and running as root), a .venv,
# and the project installed with its dev and hq extras. Fast when already done.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  python3 python3-venv python3-dev
  tesseract-ocr libzbar0 fonts-ocr-b fonts-noto-core xvfb xauth poppler-utils
  libegl1 libgl1 libfontconfig1 libdbus-1-3 libxkbcommon-x11-0 libxcb-cursor0
  libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-randr0 libxcb-render-util0
  libxcb-shape0 libxcb-xkb1 libxcb-xinerama0
  # Qt Multimedia (the camera; PySide6-Addons): libpulse0, and its FFmpeg plugin libxrandr2, libdrm2
  libpulse0 libxrandr2 libdrm2
  postgresql
  chromium chromium-driver
  softhsm2
  sane-utils
)

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for p in "${APT_PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$p")
    fi
  done
fi
# A Python other than Debian's (pyenv, say) needs no python3-venv from apt.
if [ "${#missing[@]}" -gt 0 ] && python3 -c 'import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  filtered=()
  for p in "${missing[@]}"; do
    case "$p" in python3|python3-venv|python3-dev) ;; *) filtered+=("$p") ;; esac
  done
  missing=("${filtered[@]+"${filtered[@]}"}")
fi
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "setup: these Debian packages are missing; install them as root:" >&2
    echo "  apt-get install ${missing[*]}" >&2
  fi
fi

# The headquarters tests talk to the local PostgreSQL: start its cluster when it is down.
if [ "$(id -u)" = 0 ] && command -v pg_lsclusters >/dev/null 2>&1; then
  if ! pg_lsclusters -h 2>/dev/null | grep -q online; then
    version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -1)
    if [ -n "$version" ]; then
      echo "setup: starting PostgreSQL $version"
      pg_ctlcluster --skip-systemctl-redirect "$version" main start || \
        echo "setup: PostgreSQL did not start; the headquarters tests will say so" >&2
    fi
  fi
fi

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv"
  "$PY" -m venv .venv
fi
stamp=".venv/.laissez-installed-$(sha256sum pyproject.toml | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  echo "setup: installing the project and its dependencies into .venv"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".[dev,hq]"
  # the PP-OCR models (Apache-2.0, 16 MB) only: its code would pull OpenCV, which is not used
  .venv/bin/python -m pip install -q --no-deps "rapidocr-onnxruntime==1.4.4"
  rm -f .venv/.laissez-installed-*
  touch "$stamp"
fi
