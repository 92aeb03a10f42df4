#!/usr/bin/env bash
# The CI workflow (okta-iac.yml) run locally against the Okta emulator: what happens on `main`, then on a pull request
# (preview with a saved plan, the policy pack when given, `okta-iac review` writing the comment), then on the merge
# (`pulumi up --plan`). Needs `make build tools example` in the repository.
#
#   examples/ci/run-local.sh [WORK_DIR]
#
# Environment:
#   PULUMI_BACKEND_URL   state backend (e.g. postgres://user:pass@127.0.0.1:5432/pulumi); default: a file backend in WORK_DIR
#   OKTA_POLICY_PACK     a policy pack directory to run with the preview (`pulumi preview --policy-pack`), e.g. the
#                        package's node_modules/pulumi-okta-iac/dist/policies; its settings: policy-config.json
#   MAIN_DIRECTORY       directory.json as on main before the pull request (default: local/main.json)
#   PR_DIRECTORY         directory.json of the pull request (default: directory.json)
# Writes WORK_DIR/comment.md (the PR comment), preview.json, plan.json, review.json and the logs.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
if [ -n "${1:-}" ]; then mkdir -p "$1" && WORK="$(cd "$1" && pwd)"; else WORK="$(mktemp -d)"; fi
STACK=ci
TOKEN="local-ci-token-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"

export PATH="$REPO/.tools/bin:$PATH"
export PULUMI_HOME="${PULUMI_HOME:-$REPO/.tools/pulumi-home}"
export PULUMI_BACKEND_URL="${PULUMI_BACKEND_URL:-file://$WORK/state}"
export PULUMI_CONFIG_PASSPHRASE="${PULUMI_CONFIG_PASSPHRASE:-local-ci-passphrase}"
export PULUMI_SKIP_UPDATE_CHECK=true PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true PULUMI_SKIP_CONFIRMATIONS=true
unset OKTA_ORG_URL OKTA_API_TOKEN
mkdir -p "$WORK/state" "$PULUMI_HOME"
okta_iac() { node "$REPO/dist/cli/main.js" "$@"; }
step() { printf '\n== %s\n' "$*" >&2; }

step "the Okta emulator (stands in for the org)"
node "$REPO/dist/emulator/cli.js" --port 0 --token "$TOKEN" --quiet >"$WORK/emulator.log" 2>&1 &
EMULATOR=$!
trap 'kill "$EMULATOR" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
    ORG_URL="$(head -n 1 "$WORK/emulator.log" 2>/dev/null || true)"
    case "$ORG_URL" in http*) break ;; esac
    sleep 0.1
done
case "$ORG_URL" in http*) echo "org: $ORG_URL" >&2 ;; *) echo "the emulator did not start: $(cat "$WORK/emulator.log")" >&2; exit 1 ;; esac

step "the project (as checked out by the workflow), backend $(echo "$PULUMI_BACKEND_URL" | sed -E 's#//[^@/]*@#//***@#')"
PROJECT="$WORK/project"
mkdir -p "$PROJECT"
cp "$HERE/Pulumi.yaml" "$HERE/index.ts" "$HERE/package.json" "$HERE/tsconfig.json" "$PROJECT/"
MODULES="$HERE/node_modules"
[ -d "$MODULES/pulumi-okta-iac" ] || MODULES="$REPO/examples/quickstart/node_modules"
ln -sfn "$MODULES" "$PROJECT/node_modules"
cd "$PROJECT"
pulumi stack select --create "$STACK" --non-interactive >/dev/null
pulumi config set okta:orgUrl "$ORG_URL" --non-interactive
pulumi config set --secret okta:apiToken "$TOKEN" --non-interactive
pulumi config set --secret auditHookSecret "Bearer local-hook-secret" --non-interactive
pulumi config set okta-iac:privilegedGroups '["Security Admins"]' --non-interactive

step "main before the pull request: pulumi up"
cp "${MAIN_DIRECTORY:-$HERE/local/main.json}" directory.json
pulumi up --yes --skip-preview --non-interactive >"$WORK/up-main.log" 2>&1 || { cat "$WORK/up-main.log" >&2; exit 1; }

step "pull request: pulumi preview --save-plan${OKTA_POLICY_PACK:+ --policy-pack}, then okta-iac review"
cp "${PR_DIRECTORY:-$HERE/directory.json}" directory.json
POLICY=()
[ -z "${OKTA_POLICY_PACK:-}" ] || POLICY=(--policy-pack "$OKTA_POLICY_PACK" --policy-pack-config "$HERE/policy-config.json")
set +e
pulumi preview --json --show-sames --save-plan "$WORK/plan.json" "${POLICY[@]}" --non-interactive >"$WORK/preview.json" 2>"$WORK/preview.log"
PREVIEW_EXIT=$?
set -e
# The review is written even when the preview (or a mandatory policy) fails: the comment says why.
okta_iac review --preview "$WORK/preview.json" --stack "$STACK" --resolve-names --output "$WORK/comment.md" --json >"$WORK/review.json"
echo "comment: $WORK/comment.md ($(wc -c <"$WORK/comment.md") bytes)" >&2
if [ "$PREVIEW_EXIT" -ne 0 ]; then
    echo "the preview failed (exit $PREVIEW_EXIT); the merge step does not run" >&2
    exit "$PREVIEW_EXIT"
fi

step "merge to main: pulumi up --plan (the reviewed plan)"
pulumi up --yes --plan "$WORK/plan.json" --non-interactive >"$WORK/up-plan.log" 2>&1 || { cat "$WORK/up-plan.log" >&2; exit 1; }
tail -n 12 "$WORK/up-plan.log" >&2
echo "done: $WORK" >&2
