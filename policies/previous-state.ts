import { execFile } from "node:child_process";
import { tmpdir } from "node:os";
import { promisify } from "node:util";
import * as pulumi from "@pulumi/pulumi";

const run = promisify(execFile);

/** A resource of the stack's last checkpoint, as `pulumi stack export` shows it. */
export interface StateResource {
    urn: string;
    type: string;
    outputs?: Record<string, unknown>;
}

/**
 * The resources of the stack's current state, before this update. The engine gives a policy pack only the resources
 * the program declares, never the ones an update will delete, so the pack reads the state with the CLI the user runs
 * (same backend, same PULUMI_HOME), by the stack's fully qualified name; secrets stay encrypted
 * (docs/policies.md#okta-max-user-deletions).
 */
export async function previousState(): Promise<StateResource[]> {
    const stack = [pulumi.getOrganization() || "organization", pulumi.getProject(), pulumi.getStack()].join("/");
    // Outside any project directory, so that no Pulumi.yaml next to the pack is taken for the stack's project.
    const { stdout } = await run("pulumi", ["stack", "export", "--stack", stack, "--non-interactive"], {
        cwd: tmpdir(),
        maxBuffer: 512 * 1024 * 1024,
    });
    return JSON.parse(stdout).deployment?.resources ?? [];
}
