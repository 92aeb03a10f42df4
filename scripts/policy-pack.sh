#!/usr/bin/env bash
# Completes dist/policies into a ready policy pack (docs/policies.md#the-pack): tsc compiled its code; Pulumi also
# needs PulumiPolicy.yaml there, and @pulumi/policy reads the pack's version from a package.json next to it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cp "$root/policies/PulumiPolicy.yaml" "$root/dist/policies/"
version=$(node -p "require('$root/package.json').version")
printf '{\n  "name": "okta-iac-policies",\n  "version": "%s",\n  "private": true,\n  "main": "index.js"\n}\n' "$version" \
  > "$root/dist/policies/package.json"
