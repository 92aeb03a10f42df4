package main

// RunPlugin starts a Node.js policy pack (`pulumi preview --policy-pack DIR`), as Pulumi's own Node.js host does: the
// engine asks the language host named in PulumiPolicy.yaml to run the pack with kind "analyzer", and the host runs
// `@pulumi/pulumi/cmd/run-policy-pack` from the pack's directory. No `pulumi-analyzer-policy` shim is involved
// (docs/policies.md#how-the-engine-runs-a-policy-pack).

import (
	"encoding/json"
	"errors"
	"fmt"
	"os/exec"
	"strconv"

	"github.com/pulumi/pulumi/sdk/v3"
	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

func (h *host) RunPlugin(req *pulumirpc.RunPluginRequest, server pulumirpc.LanguageRuntime_RunPluginServer) error {
	if req.GetKind() != string(apitype.AnalyzerPlugin) {
		return fmt.Errorf("this language host runs Node.js programs and policy packs only, not %q plugins", req.GetKind())
	}
	ctx := server.Context()
	closer, stdout, stderr, err := rpcutil.MakeRunPluginStreams(server, false)
	if err != nil {
		return err
	}
	defer closer.Close()

	packDir := req.GetInfo().GetProgramDirectory()
	runPath, err := resolveModule(packDir, "@pulumi/pulumi/cmd/run-policy-pack")
	if err != nil {
		return err
	}

	// @pulumi/policy reads the stack's name, project and configuration from the environment, which the engine only
	// sends later, in ConfigureStack. The SDK's proxy answers that call first; the pack starts once it has the values.
	proxy, stdout, err := sdk.NewPolicyProxy(ctx, stdout)
	if err != nil {
		return fmt.Errorf("could not start policy pack proxy: %w", err)
	}
	stack, err := proxy.AwaitConfiguration(ctx)
	if err != nil {
		return fmt.Errorf("could not get stack configuration: %w", err)
	}
	env, err := policyPackEnvironment(req.GetEnv(), stack)
	if err != nil {
		return err
	}

	// run-policy-pack takes <engine-address> <pack-directory>: the engine's arguments first, the directory last.
	args := append(append([]string{runPath}, req.GetArgs()...), packDir)
	cmd := exec.CommandContext(ctx, "node", args...)
	cmd.Dir = packDir
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = stdout, stderr
	if err := cmd.Start(); err != nil {
		proxy.Abort(err)
		return fmt.Errorf("could not start the policy pack: %w", err)
	}
	if err := proxy.Attach(ctx, cmd); err != nil {
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) {
			return fmt.Errorf("policy pack exited with non-zero exit code: %d", exitErr.ExitCode())
		}
		return err
	}
	return closer.Close()
}

// policyPackEnvironment adds what @pulumi/pulumi's runtime reads for getStack(), getProject() and stack config.
func policyPackEnvironment(base []string, stack *pulumirpc.AnalyzerStackConfigureRequest) ([]string, error) {
	env := append([]string{}, base...)
	if stack == nil {
		return env, nil
	}
	add := func(key, value string) {
		if value != "" {
			env = append(env, key+"="+value)
		}
	}
	add("PULUMI_NODEJS_ORGANIZATION", stack.GetOrganization())
	add("PULUMI_NODEJS_PROJECT", stack.GetProject())
	add("PULUMI_NODEJS_STACK", stack.GetStack())
	add("PULUMI_NODEJS_DRY_RUN", strconv.FormatBool(stack.GetDryRun()))
	if stack.GetConfig() != nil {
		config, err := json.Marshal(stack.GetConfig())
		if err != nil {
			return nil, fmt.Errorf("could not marshal stack configuration: %w", err)
		}
		add("PULUMI_CONFIG", string(config))
	}
	return env, nil
}

// resolveModule finds a module the way Node would from dir (a program's or a policy pack's directory).
func resolveModule(dir, module string) (string, error) {
	cmd := exec.Command("node", "-e", fmt.Sprintf("process.stdout.write(require.resolve(%q))", module))
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("could not find %s from %s: run `npm install` there first (%v)", module, dir, err)
	}
	return string(out), nil
}
