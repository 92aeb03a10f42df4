# make demo  - the quickstart example through a real `pulumi up` against the local Okta emulator
# make generate - regenerate the SDK types and resource classes after editing schema.json
# make test  - every test (unit, emulator over HTTP, end to end with the real Pulumi CLI)
# make bench - figures: emulator requests/s, the client under faults, on one bucket, and in a burst (about 3 minutes)
# make bench-scale - the 10,000-user stack through the real CLI at Okta's default rate limits (SCALE_USERS=1000 for the
#   quick variant), with `pulumi --parallel` at twice the users (SCALE_PARALLEL=8 for the CLI's default); docs/scale.md

EXAMPLE := examples/quickstart
NPM_FLAGS := --no-audit --no-fund

.PHONY: all build generate tools postgres example demo test bench bench-scale clean

all: build

node_modules/.install-stamp: package.json package-lock.json
	npm ci $(NPM_FLAGS)
	touch $@

# dist/policies is also a ready policy pack (docs/policies.md#the-pack).
build: node_modules/.install-stamp
	npx tsc -p tsconfig.json
	bash scripts/policy-pack.sh

# The SDK's types and resource classes, from schema.json (the generated files are committed).
generate: node_modules/.install-stamp
	npx ts-node --transpile-only scripts/generate-sdk.ts
	npx tsc -p tsconfig.json

# A Pulumi CLI, the Node.js language host and the dynamic-provider plugin in .tools/bin (built once from Go modules).
tools: node_modules/.install-stamp
	bash scripts/tools.sh

# PostgreSQL for the team-backend tests (docs/team-backend.md): Debian's package, installed only when initdb is missing.
postgres:
	bash scripts/postgres.sh install

# The example installs this package as a real copy (not a symlink), as users get it from npm; refreshed on every run.
example: build
	rm -rf $(EXAMPLE)/node_modules/pulumi-okta-iac
	cd $(EXAMPLE) && npm install --install-links $(NPM_FLAGS)

demo: build tools example
	node dist/scripts/demo.js

test: build tools postgres example
	npx mocha

bench: build
	node dist/bench/emulator-load.js
	node dist/bench/client-chaos.js
	node dist/bench/client-bucket.js
	node dist/bench/client-burst.js
	node dist/bench/group-members-resource.js
	node dist/bench/emulator-durability.js

# Not part of `make test`: at Okta's default limits the 20,000 memberships alone need 80 one-minute windows to create
# and as many to destroy (docs/scale.md#rate-limit-bound).
SCALE_USERS ?= 10000
# More steps at once than users waiting on their bucket, so that memberships are created beside them (docs/scale.md#parallel).
SCALE_PARALLEL ?= $(shell echo $$((2 * $(SCALE_USERS))))
bench-scale: build tools example
	node dist/bench/scale.js --users $(SCALE_USERS) --parallel $(SCALE_PARALLEL)

clean:
	rm -rf dist .tmp .pulumi-state $(EXAMPLE)/node_modules
