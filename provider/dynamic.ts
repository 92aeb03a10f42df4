import type * as pulumi from "@pulumi/pulumi";
import { OktaApiError, validateOrgUrl } from "../core/client";
import { providerContext } from "./context";
import { appUserAssignmentHandler } from "./resources/app-user-assignment";
import { sameScalar, sameValue } from "./resources/compare";
import { eventHookHandler } from "./resources/event-hook";
import { groupHandler } from "./resources/group";
import { OPERATION_HANDLERS } from "./resources/operations";
import { groupMembersHandler } from "./resources/group-members";
import { groupMembershipHandler } from "./resources/group-membership";
import type { ResourceHandler } from "./resources/handler";
import { userHandler } from "./resources/user";
import { DECLARATION_CONFLICT } from "./declaration-conflict";
import { containsUnknown, naturalKeyOf, replaceOnChangesInputs, validateInputs, withDefaults, type CheckFailure } from "./schema";
import { toEngineError, toWire } from "./wire";
import { keyUnorderedLists, plainUnorderedLists } from "./unordered-lists";
import { GIVEN_INPUTS, givenInputsOnly, recordGivenInputs, withoutGivenInputs } from "./given-inputs";

type Props = Record<string, any>;

/** An empty id tells Pulumi the object is gone, so refresh drops it from state. */
const GONE = { id: "", props: {} };

/** Every resource type the shim can name, by the type name used in its token (`pulumi-nodejs:dynamic/okta:<Type>`). */
const HANDLERS: Record<string, ResourceHandler<any, any>> = {
    Group: groupHandler,
    User: userHandler,
    GroupMembership: groupMembershipHandler,
    GroupMembers: groupMembersHandler,
    AppUserAssignment: appUserAssignmentHandler,
    EventHook: eventHookHandler,
    ...OPERATION_HANDLERS,
};

const providers = new Map<string, pulumi.dynamic.ResourceProvider>();

/**
 * The dynamic provider of one resource type. The serialized shim in Pulumi state calls this at run time, so refresh
 * and destroy always run the installed package's code.
 */
export function dynamicProvider(type: string): pulumi.dynamic.ResourceProvider {
    let provider = providers.get(type);
    if (!provider) {
        const handler = HANDLERS[type];
        if (!handler) {
            throw new Error(`pulumi-okta-iac has no resource type '${type}' (known: ${Object.keys(HANDLERS).join(", ")})`);
        }
        provider = providerFor(handler);
        providers.set(type, provider);
    }
    return provider;
}

/** Whether `check` is about a resource that is not in state yet: the engine then passes no old inputs. */
const notInStateYet = (olds: Props | undefined): boolean => Object.keys(olds ?? {}).length === 0;

function providerFor(handler: ResourceHandler<any, any>): pulumi.dynamic.ResourceProvider {
    const replaceable = replaceOnChangesInputs(handler.token);
    /** Unordered lists as plain lists (`check` records them keyed by member), without the record of given inputs. */
    const plain = (props: Props): Props => withoutGivenInputs(plainUnorderedLists(handler.token, props));

    /** What differs between the state and the desired inputs; values unknown during preview count as changes. */
    const changesOf = (olds: Props, news: Props): string[] => {
        const pending = Object.keys(news).filter((key) => key !== "__provider" && containsUnknown(news[key]));
        const changed = handler.changedInputs(withDefaults(handler.token, olds), news);
        if (!sameValue(olds.connection, news.connection)) {
            changed.push("connection");
        }
        return [...new Set([...changed, ...pending])];
    };

    return {
        async configure(req: pulumi.dynamic.ConfigureRequest) {
            providerContext.configure((key) => req.config.get(key));
        },

        async check(olds: Props, news: Props) {
            const { [DECLARATION_CONFLICT]: conflict, ...given } = news;
            const inputs = withDefaults(handler.token, given);
            const failures: CheckFailure[] = [...conflictFailures(handler.token, conflict), ...validateInputs(handler.token, inputs)];
            if (failures.length === 0) {
                failures.push(...orgUrlFailures(inputs.connection), ...(handler.validate?.(withoutProvider(inputs), notInStateYet(olds)) ?? []));
            }
            const recorded = toWire(keyUnorderedLists(handler.token, inputs));
            return failures.length > 0 ? { inputs: recorded, failures } : { inputs: recorded };
        },

        async diff(_id: string, stateOlds: Props, checkedNews: Props) {
            const olds = plain(stateOlds);
            const news = plain(checkedNews);
            const changed = changesOf(olds, news);
            const replaces = changed.filter((name) => replaceable.includes(name));
            if (!replaces.includes("connection") && movesToAnotherOrg(olds, news)) {
                replaces.push("connection");
            }
            return { changes: changed.length > 0, replaces, deleteBeforeReplace: replaces.length > 0 && handler.deleteBeforeReplace === true };
        },

        async create(checkedInputs: Props) {
            const inputs = plain(checkedInputs);
            const desired = withoutProvider(inputs);
            try {
                const created = await handler.create(clientOfResource(desired), desired);
                return { id: created.id, outs: toWire(recordGivenInputs({ ...created.outs, connection: desired.connection }, desired)) };
            } catch (err) {
                throw toEngineError(err, { connection: inputs.connection, __provider: inputs.__provider });
            }
        },

        async read(id: string, props: Props) {
            const olds = plain(props ?? {});
            try {
                const current = await handler.read(clientOfResource(olds), id, olds);
                if (!current) {
                    return GONE;
                }
                const state = props ?? {};
                const inputs = givenInputsOnly({ ...current.inputs, connection: olds.connection }, state);
                return {
                    id: current.id,
                    props: toWire({ ...current.outs, connection: olds.connection, ...givenInputsRecord(state) }),
                    inputs: toWire(keyUnorderedLists(handler.token, inputs)),
                };
            } catch (err) {
                if (err instanceof OktaApiError && err.isNotFound) {
                    return GONE;
                }
                throw toEngineError(err);
            }
        },

        async update(id: string, stateOlds: Props, checkedNews: Props) {
            const olds = plain(stateOlds);
            const news = plain(checkedNews);
            const desired = withoutProvider(news);
            const changed = changesOf(olds, desired);
            if (changed.every((name) => name === "connection")) {
                // New credentials for the same org: nothing to change in Okta, only in state.
                return { outs: toWire(recordGivenInputs({ ...withoutProvider(olds), connection: desired.connection }, desired)) };
            }
            try {
                const outs = await handler.update(clientOfResource(desired), id, olds, desired, changed);
                return { outs: toWire(recordGivenInputs({ ...outs, connection: desired.connection }, desired)) };
            } catch (err) {
                throw toEngineError(err, { connection: news.connection, __provider: news.__provider });
            }
        },

        async delete(id: string, stateProps: Props) {
            const props = plain(stateProps);
            try {
                await handler.delete(clientOfResource(props), id, props);
            } catch (err) {
                if (err instanceof OktaApiError && err.isNotFound) {
                    return; // Already gone: the desired end state.
                }
                throw toEngineError(err);
            }
        },
    };
}

/** Another declaration of this resource's natural key in the program, as the SDK found it (sdk/declarations.ts). */
function conflictFailures(token: string, conflict: unknown): CheckFailure[] {
    if (typeof conflict !== "string" || containsUnknown(conflict)) {
        return [];
    }
    return [{ property: naturalKeyOf(token)?.properties[0] ?? DECLARATION_CONFLICT, reason: conflict }];
}

/** A resource's own org URL follows the client's rule (https, or http to a loopback host), checked before any call. */
function orgUrlFailures(connection: Props["connection"]): CheckFailure[] {
    const orgUrl = connection?.orgUrl;
    if (typeof orgUrl !== "string" || containsUnknown(orgUrl)) {
        return [];
    }
    try {
        validateOrgUrl(orgUrl);
        return [];
    } catch (err) {
        return [{ property: "connection.orgUrl", reason: `connection.${(err as Error).message}` }];
    }
}

function clientOfResource(props: Props) {
    return providerContext.client(props.connection ?? undefined);
}

/** True when the resource now names another org (its own connection or the stack's): its object must be made there. */
function movesToAnotherOrg(olds: Props, news: Props): boolean {
    if (sameScalar(olds.connection?.orgUrl, news.connection?.orgUrl) || containsUnknown(news.connection)) {
        return false;
    }
    const before = orgOf(olds);
    const after = orgOf(news);
    return before === undefined || after === undefined || before !== after;
}

/** The origin of the org a resource's calls go to; `undefined` when its settings are incomplete. */
function orgOf(props: Props): string | undefined {
    try {
        return clientOfResource(props).orgUrl.origin;
    } catch {
        return undefined;
    }
}

/** The record of given inputs in `state`, kept as it is by a refresh. */
function givenInputsRecord(state: Props): Props {
    return state[GIVEN_INPUTS] !== undefined ? { [GIVEN_INPUTS]: state[GIVEN_INPUTS] } : {};
}

function withoutProvider(props: Props): Props {
    const { __provider: _ignored, ...rest } = props;
    return rest;
}
