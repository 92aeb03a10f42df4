import type { Inputs, PlannedStep } from "./preview";

/**
 * The value Pulumi prints for an output not known at preview (Pulumi's `UnknownStringValue`, docs/review.md#unknowns):
 * the id of a user or group that the same update creates.
 */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/**
 * The ids of an input holding one id or a list. Lists whose order Okta ignores (a user's `groupIds`, a GroupMembers'
 * `userIds`) are recorded as objects keyed by member, `true` for each, the unknown value for a member not known yet
 * (docs/pulumi-engine.md#unordered-lists).
 */
export function idsOf(value: unknown): string[] {
    if (value === undefined || value === null) {
        return [];
    }
    if (Array.isArray(value)) {
        return value.map(String);
    }
    if (typeof value === "object") {
        return Object.entries(value as Record<string, unknown>).map(([key, member]) => (member === true ? key : String(member)));
    }
    return [String(value)];
}

/** What an Okta object is called in admin terms: a group's name, a user's login, a hook's name. */
export function labelOf(type: string, inputs: Inputs | undefined, fallback: string): string {
    const field = LABEL_FIELDS[type];
    const value = field && inputs?.[field];
    return typeof value === "string" && value !== "" && value !== UNKNOWN ? value : fallback;
}

const LABEL_FIELDS: Record<string, string> = { Group: "name", User: "login", EventHook: "name" };

/**
 * Names for the ids a preview mentions: from the resources of the preview itself (any step, unchanged ones included),
 * from the resources the value came from when the id is still unknown, and from the org (`--resolve-names`).
 */
export class NameBook {
    private readonly byId = new Map<string, string>();
    private readonly byUrn = new Map<string, string>();
    private readonly idsByUrn = new Map<string, string>();

    constructor(steps: PlannedStep[]) {
        for (const step of steps) {
            const label = labelOf(step.type, step.news ?? step.olds, step.name);
            this.byUrn.set(step.urn, label);
            // Only objects that have a name: a GroupMembers resource's id is its group's id, for one.
            if (step.id && step.type in LABEL_FIELDS) {
                this.byId.set(step.id, labelOf(step.type, step.olds ?? step.news, step.name));
                this.idsByUrn.set(step.urn, step.id);
            }
        }
    }

    /** Records a name read from the org. */
    learn(id: string, label: string): void {
        this.byId.set(id, label);
    }

    knows(id: string): boolean {
        return this.byId.has(id);
    }

    /** The name of an id, or the id itself. */
    label(id: string): string {
        return this.byId.get(id) ?? id;
    }

    /**
     * The names of the ids an input holds (one id or a list): known ids by name; unknown ones by the resources the
     * value depends on that are not already among the known ids.
     */
    refs(step: PlannedStep, side: "olds" | "news", property: string): string[] {
        const values = idsOf(step[side]?.[property]);
        const known = values.filter((v) => v !== UNKNOWN);
        const labels = known.map((id) => this.label(id));
        if (known.length < values.length && side === "news") {
            const fromUrns = (step.dependencies[property] ?? []).filter((urn) => !known.includes(this.idsByUrn.get(urn) ?? ""));
            labels.push(...fromUrns.map((urn) => this.byUrn.get(urn) ?? urn.slice(urn.lastIndexOf("::") + 2)));
        }
        return labels;
    }

    /** The ids of `property` (over every step) that have no name yet: what `--resolve-names` asks the org about. */
    unnamedIds(steps: PlannedStep[], property: string): string[] {
        const ids = new Set<string>();
        for (const step of steps) {
            for (const inputs of [step.olds, step.news]) {
                for (const id of idsOf(inputs?.[property])) {
                    if (id !== UNKNOWN && id !== "[secret]" && !this.byId.has(id)) {
                        ids.add(id);
                    }
                }
            }
        }
        return [...ids];
    }
}
