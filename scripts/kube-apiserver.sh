#!/usr/bin/env bash
# Provides a real kube-apiserver (built once from Debian's kubernetes source
# package) and etcd for the Kubernetes integration tests.
#
# Prints three lines on success:
#   KUBE_APISERVER=<path to the cached binary>
#   ETCD=<path to etcd>
#   KUBECTL=<path to kubectl>
# Build output goes to a log file in the cache directory, never to stdout.
# Exit status 3 with one line on stderr naming what to install and how, when
# this machine cannot provide it (not root, or no apt): the tests skip. Exit
# status 1 with a reason on stderr when the setup was tried and failed.
set -euo pipefail

cache_dir="${XDG_CACHE_HOME:-$HOME/.cache}/runbook-test"
apt_dir="$cache_dir/apt"
mkdir -p "$cache_dir"

fail() {
  echo "kube-apiserver setup: $*" >&2
  exit 1
}

unavailable() {
  echo "kube-apiserver setup: $*" >&2
  exit 3
}

has_apt() { command -v apt-get >/dev/null && command -v dpkg-query >/dev/null; }

is_root() { [ "$(id -u)" = 0 ]; }

# Installs missing system packages; refreshes the package lists only when apt
# cannot find what it needs in the ones already present.
ensure_packages() {
  local missing=()
  local pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  has_apt || unavailable "needs etcd, kubectl and Debian's kubernetes source package; this machine has no apt (install etcd and kubectl, then run the tests on Debian/Ubuntu as root once to build kube-apiserver)"
  is_root || unavailable "needs the Debian packages ${missing[*]} (run 'apt-get install ${missing[*]}' as root, or run the tests as root once)"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >>"$log" 2>&1; then
    apt-get -o DPkg::Lock::Timeout=600 update -qq >>"$log" 2>&1 || fail "apt-get update failed; see $log"
    apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >>"$log" 2>&1 ||
      fail "apt-get install ${missing[*]} failed; see $log"
  fi
}

# A private apt configuration holding the deb-src twin of the machine's Debian
# entry, so that /etc/apt stays untouched.
private_apt_options=(
  -o Dir::Etc::SourceList=/dev/null
  -o Dir::Etc::SourceParts="$apt_dir/sources.list.d"
  -o Dir::State::Lists="$apt_dir/lists"
  -o Dir::Cache="$apt_dir/cache"
)
private_apt() { apt-get "${private_apt_options[@]}" "$@"; }
private_apt_cache() { apt-cache "${private_apt_options[@]}" "$@"; }

prepare_private_apt() {
  mkdir -p "$apt_dir/sources.list.d" "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial"
  local src
  for src in /etc/apt/sources.list.d/*.sources; do
    [ -e "$src" ] || continue
    sed -e 's/^Types:.*/Types: deb-src/' "$src" >"$apt_dir/sources.list.d/$(basename "$src")"
  done
  if [ -f /etc/apt/sources.list ]; then
    sed -n -e 's/^deb /deb-src /p' /etc/apt/sources.list >"$apt_dir/sources.list.d/main.list"
  fi
}

source_version() {
  { private_apt_cache showsrc kubernetes 2>/dev/null || true; } | sed -n -e 's/^Version: //p' | sort -V | tail -n 1
}

log="$cache_dir/setup.log"

# etcd and kubectl come from apt (the tests drive kubectl's contexts for real).
ensure_packages etcd-server
# Any kubectl will do (some machines have Google Cloud SDK's); Debian's otherwise.
command -v kubectl >/dev/null || ensure_packages kubernetes-client
etcd_bin="$(command -v etcd || true)"
kubectl_bin="$(command -v kubectl || true)"
[ -x "$etcd_bin" ] || fail "etcd not found after installing etcd-server"
[ -x "$kubectl_bin" ] || fail "kubectl not found after installing kubernetes-client"

report() {
  echo "KUBE_APISERVER=$1"
  echo "ETCD=$etcd_bin"
  echo "KUBECTL=$kubectl_bin"
}

prepare_private_apt
version="$(source_version)"
if [ -z "$version" ]; then
  if ! is_root || ! has_apt; then
    cached="$(ls -1 "$cache_dir"/kube-apiserver-* 2>/dev/null | sort -V | tail -n 1 || true)"
    [ -n "$cached" ] || unavailable "no cached kube-apiserver in $cache_dir: run the tests once as root on Debian/Ubuntu (apt) to build it from Debian's kubernetes source package"
    report "$cached"
    exit 0
  fi
  private_apt update -qq >>"$log" 2>&1 || fail "apt-get update of the deb-src lists failed; see $log"
  version="$(source_version)"
  [ -n "$version" ] || fail "Debian has no kubernetes source package in the configured suites"
fi

binary="$cache_dir/kube-apiserver-$version"
if [ -x "$binary" ]; then
  report "$binary"
  exit 0
fi

# One build at a time; a second caller waits and then reuses the result.
exec 9>"$cache_dir/build.lock"
flock 9
if [ ! -x "$binary" ]; then
  log="$cache_dir/build-$version.log"
  : >"$log"
  ensure_packages golang-go rsync dpkg-dev make
  work="$cache_dir/build-$version"
  rm -rf "$work"
  mkdir -p "$work"
  started=$(date +%s)
  echo "building kube-apiserver $version (log: $log)" >&2
  (
    cd "$work"
    private_apt source --download-only kubernetes="$version"
    dpkg-source -x kubernetes_*.dsc tree
    cd tree
    mkdir -p .go/src/k8s.io
    ln -s "$PWD" .go/src/k8s.io/kubernetes
    cd .go/src/k8s.io/kubernetes
    export GOPATH="$work/tree/.go" GO111MODULE=off CGO_ENABLED=0 GOPROXY=off GOFLAGS= GOCACHE="$work/gocache"
    make WHAT=cmd/kube-apiserver
  ) >>"$log" 2>&1 || fail "building kube-apiserver $version failed; see $log"
  built="$(find "$work/tree/_output" -type f -name kube-apiserver -perm -u+x | head -n 1)"
  [ -n "$built" ] || fail "build finished but produced no kube-apiserver binary; see $log"
  cp "$built" "$binary.partial"
  mv "$binary.partial" "$binary"
  echo "built in $(($(date +%s) - started)) s" >>"$log"
  rm -rf "$work"
fi

report "$binary"
