import { UnknownValueError, type PolicyResource } from "@pulumi/policy";

/** The Pulumi type of this package's resources: dynamic resources named `okta:<Name>` (sdk/user.ts and siblings). */
export function oktaType(name: string): string {
    return `pulumi-nodejs:dynamic/okta:${name}`;
}

export const USER = oktaType("User");
export const GROUP = oktaType("Group");
export const GROUP_MEMBERSHIP = oktaType("GroupMembership");
export const GROUP_MEMBERS = oktaType("GroupMembers");
export const EVENT_HOOK = oktaType("EventHook");

/** Resources that run an action on the org when created or replaced (sdk/operations.ts), each with `triggers`. */
export const OPERATION_TYPES = [
    "ResetUserPassword",
    "SetUserPassword",
    "ClearUserSessions",
    "UnenrollUserFactor",
    "UserLifecycleOperation",
    "VerifyEventHook",
].map(oktaType);

/** The part after `@` of a login or email, in lower case; undefined when there is none. */
export function domainOf(address: unknown): string | undefined {
    if (typeof address !== "string") return undefined;
    const at = address.lastIndexOf("@");
    return at < 0 ? undefined : address.slice(at + 1).toLowerCase();
}

/** The resources a property of `resource` was computed from (e.g. the Group behind a membership's `groupId`). */
export function sourcesOf(resource: PolicyResource, property: string): PolicyResource[] {
    return resource.propertyDependencies?.[property] ?? [];
}

/**
 * A property's value, or undefined while it is unknown (in a preview, the id of an object not created yet). Reading
 * an unknown value throws, and @pulumi/policy then skips the whole policy for the preview.
 */
export function known<T>(read: () => T): T | undefined {
    try {
        return read();
    } catch (error) {
        if (error instanceof UnknownValueError) return undefined;
        throw error;
    }
}

/** The known strings of a list property (unknown items, and the whole list while unknown, are left out). */
export function knownStrings(read: () => unknown): string[] {
    const list = known(read);
    if (!Array.isArray(list)) return [];
    const items: string[] = [];
    for (let i = 0; i < list.length; i++) {
        const item = known(() => list[i]);
        if (typeof item === "string") items.push(item);
    }
    return items;
}
