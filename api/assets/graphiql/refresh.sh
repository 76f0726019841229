#!/usr/bin/env bash
# Refreshes the GraphiQL and React production builds that /graphiql serves offline.
#
# The versions are pinned by package.json + package-lock.json beside this script. To move to
# new versions, edit package.json, run `npm install --package-lock-only`, then this script.
# It installs exactly the lockfile from the npm registry into a temporary directory (nothing
# is installed here), copies the built files into vendor/, and writes vendor/LICENSES.txt
# with the licence of every package the bundles are built from. Commit vendor/ afterwards.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d /tmp/graphiql-refresh.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

cp "$here/package.json" "$here/package-lock.json" "$tmp/"
(cd "$tmp" && npm ci --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error)
nm="$tmp/node_modules"

out="$here/vendor"
rm -rf "$out"
mkdir -p "$out"
cp "$nm/react/umd/react.production.min.js" "$out/react.production.min.js"
cp "$nm/react-dom/umd/react-dom.production.min.js" "$out/react-dom.production.min.js"
# The UMD build bundles @graphiql/react, CodeMirror, graphql-js and the rest; only React and
# ReactDOM are external (window.React, window.ReactDOM). Drop its source-map comment: the map
# is not shipped.
sed -e '/^\/\/# sourceMappingURL=/d' "$nm/graphiql/dist/index.umd.js" >"$out/graphiql.min.js"
sed -e 's#/\*\# sourceMappingURL=[^*]*\*/##' "$nm/graphiql/dist/style.css" >"$out/graphiql.min.css"

# Every installed package, name@version, its licence field and licence file(s).
{
  echo "Licences of the packages /graphiql serves (installed from package-lock.json by refresh.sh)."
  echo
  (cd "$tmp" && find node_modules -name package.json -not -path '*/node_modules/*/node_modules/*/node_modules/*' \
      -path '*node_modules/*/package.json' | sort) | while read -r manifest; do
    dir=$(dirname "$tmp/$manifest")
    # Only package roots (a directory directly under node_modules or node_modules/@scope).
    case "$(basename "$(dirname "$dir")")" in
      node_modules) ;;
      @*) [ "$(basename "$(dirname "$(dirname "$dir")")")" = node_modules ] || continue ;;
      *) continue ;;
    esac
    node -e 'const p=require(process.argv[1]); if(p.name&&p.version) console.log(`== ${p.name}@${p.version} (${typeof p.license==="string"?p.license:JSON.stringify(p.license||p.licenses||"see files")})`)' "$dir/package.json"
    for f in "$dir"/LICENSE* "$dir"/LICENCE* "$dir"/license* "$dir"/COPYING*; do
      [ -f "$f" ] && { echo; cat "$f"; echo; }
    done
    echo
  done
} >"$out/LICENSES.txt"

node -e 'for (const n of ["graphiql","react","react-dom"]) console.log(n, require(process.argv[1]+"/"+n+"/package.json").version)' "$nm" >"$out/VERSIONS.txt"
ls -l "$out"
du -ch "$out"/* | tail -n1
