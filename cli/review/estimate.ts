import { CALL_SHAPES as C, type CallShape } from "../../core/okta/call-shapes";
import { bucketOf, DEFAULT_TOKEN_SHARE_PERCENT, publishedLimitOf, WINDOW_MS } from "../../core/okta/rate-limit-buckets";
import { packageSchema } from "../../provider/schema";
import { OPERATION_TYPES } from "./classify";
import { idsOf } from "./names";
import { changesOrg, type Inputs, type PlannedStep } from "./preview";

/** One API call the `up` will make. */
type ApiCall = CallShape;

/** The calls and the time one rate-limit bucket needs. */
export interface BucketEstimate {
    bucket: string;
    calls: number;
    /** Requests per minute this stack's token may send to the bucket. */
    perMinute: number;
    /** Full windows the `up` waits for this bucket to reset. */
    waits: number;
}

export interface CallEstimate {
    calls: number;
    buckets: BucketEstimate[];
    /** The least time the `up` takes at these limits (the windows waited, not counting request latency). */
    minimumSeconds: number;
    /** What the limits assume, for the reader. */
    assumptions: { tokenSharePercent: number; maxApiCapacityPercent: number; overrides: Record<string, number> };
}

/** The settings an estimate uses: the org's bucket limits (by name) where they differ from Okta's defaults. */
export interface EstimateSettings {
    limits?: Record<string, number>;
    tokenSharePercent?: number;
    maxApiCapacityPercent?: number;
}

/**
 * The API calls the `up` will make and the least time they take (docs/review.md#estimate): each change's calls
 * (as provider/resources/*.ts make them; reads before writes included), grouped into Okta's buckets by the client's
 * own table (core/okta/rate-limit-buckets.ts), at the default limits of docs/okta/rate-limits.md#published-limits (kept in
 * the same table), of which one token may use its share and this process `maxApiCapacity` percent.
 */
export function estimateCalls(steps: PlannedStep[], settings: EstimateSettings = {}): CallEstimate {
    const counts = new Map<string, number>();
    for (const call of steps.filter(changesOrg).flatMap(callsOf)) {
        const bucket = bucketOf(call.method, call.path);
        counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
    }
    const tokenShare = settings.tokenSharePercent ?? DEFAULT_TOKEN_SHARE_PERCENT;
    const capacity = settings.maxApiCapacityPercent ?? Number(packageSchema().config.variables.maxApiCapacity.default);
    const buckets = [...counts.entries()].map(([bucket, calls]) => {
        const limit = settings.limits?.[bucket] ?? publishedLimitOf(bucket) ?? null;
        const perMinute = limit === null ? Infinity : Math.max(1, Math.floor((limit * tokenShare * capacity) / 10_000));
        return { bucket, calls, perMinute, waits: Number.isFinite(perMinute) ? Math.ceil(calls / perMinute) - 1 : 0 };
    });
    buckets.sort((a, b) => b.waits - a.waits || b.calls - a.calls);
    return {
        calls: buckets.reduce((sum, b) => sum + b.calls, 0),
        buckets,
        minimumSeconds: Math.max(0, ...buckets.map((b) => b.waits)) * (WINDOW_MS / 1000),
        assumptions: { tokenSharePercent: tokenShare, maxApiCapacityPercent: capacity, overrides: settings.limits ?? {} },
    };
}

const times = (n: number, c: ApiCall) => Array.from({ length: n }, () => c);

/** The calls one step makes; a replacement is a delete and a create. */
function callsOf(step: PlannedStep): ApiCall[] {
    switch (step.op) {
        case "create":
        case "import":
            return createCalls(step.type, step.news ?? {});
        case "delete":
            return deleteCalls(step.type, step.olds ?? {});
        case "replace":
            return [...deleteCalls(step.type, step.olds ?? {}), ...createCalls(step.type, step.news ?? {})];
        case "update":
            return updateCalls(step.type, step.olds ?? {}, step.news ?? {});
        default:
            return [];
    }
}

/** Statuses reached after the create by one lifecycle call (provider/resources/user-lifecycle.ts). */
const LIFECYCLE_AFTER_CREATE = new Set(["SUSPENDED", "DEPROVISIONED"]);

function createCalls(type: string, inputs: Inputs): ApiCall[] {
    const adopt = inputs.adopt === true;
    switch (type) {
        case "User":
            return [
                ...(adopt ? [C.listUsers] : []),
                C.createUser,
                ...(LIFECYCLE_AFTER_CREATE.has(String(inputs.status)) ? [C.userLifecycle] : []),
            ];
        case "Group":
            return [...(adopt ? [C.listGroups] : []), C.createGroup];
        case "GroupMembership":
            return [C.addGroupMember];
        case "GroupMembers":
            return [...(inputs.authoritative === true ? [C.listGroupMembers] : []), ...times(idCount(inputs.userIds), C.addGroupMember)];
        case "AppUserAssignment":
            return [C.getApp, C.assignAppUser];
        case "EventHook":
            return [...(adopt ? [C.listEventHooks] : []), C.createEventHook, ...(inputs.doNotActivateOnCreate === true ? [] : [C.activateEventHook])];
        default:
            return type in OPERATION_TYPES ? [C.userLifecycle] : [];
    }
}

function deleteCalls(type: string, olds: Inputs): ApiCall[] {
    switch (type) {
        case "User":
            return [C.deactivateUser, C.deleteUser];
        case "Group":
            return [C.deleteGroup];
        case "GroupMembership":
            return [C.removeGroupMember];
        case "GroupMembers":
            return times(idCount(olds.userIds), C.removeGroupMember);
        case "AppUserAssignment":
            return [C.unassignAppUser];
        case "EventHook":
            return [C.deactivateEventHook, C.deleteEventHook];
        default:
            return []; // Operation resources undo nothing.
    }
}

function updateCalls(type: string, olds: Inputs, news: Inputs): ApiCall[] {
    switch (type) {
        case "User": {
            const groups = differing(olds.groupIds, news.groupIds);
            const profile = Object.keys({ ...olds, ...news }).some((key) => !["groupIds", "status", "adopt", "activate"].includes(key) && JSON.stringify(olds[key]) !== JSON.stringify(news[key]));
            return [
                C.getUser,
                ...(profile ? [C.updateUser] : []),
                // The user's groups are listed first, then each difference written (syncListedGroups in user.ts).
                ...(groups > 0 ? [C.listUserGroups] : []),
                ...times(groups, C.addGroupMember),
                ...(olds.status !== news.status ? [C.userLifecycle] : []),
            ];
        }
        case "Group":
            return [C.getGroup, C.replaceGroup];
        case "GroupMembers":
            return times(differing(olds.userIds, news.userIds), C.addGroupMember);
        case "AppUserAssignment":
            return [C.assignAppUser];
        case "EventHook":
            return [C.replaceEventHook];
        default:
            return type in OPERATION_TYPES ? [C.userLifecycle] : [];
    }
}

/** Ids in one list and not the other, both ways (an id unknown at preview counts as new). */
function differing(before: unknown, after: unknown): number {
    const a = ids(before);
    const b = ids(after);
    return a.filter((id) => !b.includes(id)).length + b.filter((id) => !a.includes(id)).length;
}

function idCount(value: unknown): number {
    return ids(value).length;
}

const ids = idsOf;
