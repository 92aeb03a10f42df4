#!/usr/bin/env bash
# Puts a Pulumi CLI, the Node.js language host and the dynamic-provider plugin in .tools/bin.
#
# A `pulumi` already on PATH is used as it is (an official install ships all three). Otherwise the CLI is built from
# Go modules at the version pinned in tools/pulumi/go.mod, together with the language host in
# tools/pulumi/cmd/pulumi-language-nodejs; later runs reuse the build while its inputs are unchanged.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/.tools/bin"
version=3.274.1
mkdir -p "$bin"

# The dynamic-provider plugin is a script shipped in @pulumi/pulumi; the engine looks for it on PATH.
plugin_script="$root/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs"
if [ ! -x "$plugin_script" ]; then
  echo "tools: $plugin_script is missing; run 'npm ci' first" >&2
  exit 1
fi
install -m 0755 "$plugin_script" "$bin/pulumi-resource-pulumi-nodejs"

if ambient=$(PATH=$(echo "$PATH" | tr ':' '\n' | grep -vxF "$bin" | paste -sd: -) command -v pulumi); then
  echo "tools: using $ambient ($("$ambient" version))"
  ln -sf "$ambient" "$bin/pulumi"
  exit 0
fi

# Rebuild only when the pinned modules or the language host's source change.
stamp=$(cat "$root/tools/pulumi/go.mod" "$root/tools/pulumi/go.sum" "$root"/tools/pulumi/cmd/pulumi-language-nodejs/*.go | sha256sum | cut -c1-16)
if [ -x "$bin/pulumi" ] && [ -x "$bin/pulumi-language-nodejs" ] && [ "$(cat "$bin/.stamp" 2>/dev/null)" = "$stamp" ]; then
  echo "tools: reusing $bin/pulumi ($("$bin/pulumi" version))"
  exit 0
fi

if ! command -v go >/dev/null; then
  echo "tools: no pulumi on PATH and no Go toolchain to build it with" >&2
  exit 1
fi
echo "tools: building Pulumi CLI v$version and the Node.js language host from Go modules (first run takes a few minutes)"
start=$(date +%s)
cd "$root/tools/pulumi"
export GOTOOLCHAIN=local CGO_ENABLED=0
ldflags="-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$version"
go build -trimpath -tags osusergo,grpcnotrace -ldflags "$ldflags" -o "$bin/pulumi" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
go build -trimpath -tags osusergo,grpcnotrace -ldflags "$ldflags" -o "$bin/pulumi-language-nodejs" ./cmd/pulumi-language-nodejs
echo "$stamp" > "$bin/.stamp"
echo "tools: built $("$bin/pulumi" version) in $(( $(date +%s) - start ))s"
