#!/usr/bin/env bash
# Installs the programs libjet's tests run: a Mosquitto broker and its clients,
# openssl (test certificates), valgrind, and a C/C++ toolchain with pkg-config
# (the C ABI tests and examples). Debian/Ubuntu. Idempotent and quiet when
# everything is present; as a normal user it only reports what is missing.
set -euo pipefail

# program:package pairs
needs=(
  mosquitto:mosquitto
  mosquitto_passwd:mosquitto
  mosquitto_pub:mosquitto-clients
  mosquitto_sub:mosquitto-clients
  openssl:openssl
  valgrind:valgrind
  gcc:gcc
  g++:g++
  pkg-config:pkg-config
)

have() {
  # mosquitto lives in /usr/sbin, often not on a normal user's PATH
  command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ] || [ -x "/sbin/$1" ]
}

missing=()
for need in "${needs[@]}"; do
  program=${need%%:*}
  package=${need#*:}
  if ! have "$program" && [[ " ${missing[*]-} " != *" $package "* ]]; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "libjet tests need these Debian packages: ${missing[*]}" >&2
    echo "Install them as root:  sudo $0   (or: sudo apt-get install -y ${missing[*]})" >&2
    exit 1
  fi
  echo "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt=(apt-get -q -o DPkg::Lock::Timeout=300)
  if ! out=$("${apt[@]}" update 2>&1); then
    echo "warning: apt-get update failed, trying the install anyway:" >&2
    echo "$out" >&2
  fi
  if ! out=$("${apt[@]}" install -y --no-install-recommends "${missing[@]}" 2>&1); then
    echo "$out" >&2
    echo "error: apt-get install ${missing[*]} failed" >&2
    exit 1
  fi
  for need in "${needs[@]}"; do
    if ! have "${need%%:*}"; then
      echo "error: ${need%%:*} is still missing after installing ${need#*:}" >&2
      exit 1
    fi
  done
fi

# The tests start their own brokers on free ports; a system broker on 1883 is
# not needed. Stop it where systemd runs (not in most containers).
if [ "$(id -u)" -eq 0 ] && [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
  if systemctl is-enabled --quiet mosquitto 2>/dev/null || systemctl is-active --quiet mosquitto 2>/dev/null; then
    systemctl disable --now mosquitto >/dev/null 2>&1 || true
  fi
fi
exit 0
