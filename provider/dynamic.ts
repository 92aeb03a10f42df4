import type * as pulumi from "@pulumi/pulumi";
import { OktaApiError } from "./client";
import { providerContext } from "./context";
import type { ResourceHandler } from "./resources/handler";
import { groupHandler } from "./resources/group";
import { OPERATION_HANDLERS } from "./operations/resources";
import { resourceSpec, UNKNOWN, validateInputs } from "./schema";

type Props = Record<string, any>;

/** Every resource type the shim can name, by the type name used in its token (`pulumi-nodejs:dynamic/okta:<Type>`). */
const HANDLERS: Record<string, ResourceHandler<any, any>> = {
    Group: groupHandler,
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

function providerFor(handler: ResourceHandler<any, any>): pulumi.dynamic.ResourceProvider {
    const spec = resourceSpec(handler.token);
    const replaceOnChanges = Object.entries(spec.inputProperties)
        .filter(([, property]) => property.replaceOnChanges)
        .map(([name]) => name);

    return {
        async configure(req: pulumi.dynamic.ConfigureRequest) {
            providerContext.configure((key) => req.config.get(key));
        },

        async check(_olds: Props, news: Props) {
            const failures = validateInputs(handler.token, news);
            return failures.length > 0 ? { inputs: news, failures } : { inputs: news };
        },

        async diff(_id: string, olds: Props, news: Props) {
            const changed = handler.changedInputs(olds, news);
            const pending = Object.keys(news).filter((key) => key !== "__provider" && news[key] === UNKNOWN);
            const all = [...new Set([...changed, ...pending])];
            const replaces = all.filter((name) => replaceOnChanges.includes(name));
            return { changes: all.length > 0, replaces, deleteBeforeReplace: replaces.length > 0 };
        },

        async create(inputs: Props) {
            const created = await handler.create(providerContext.client(), withoutProvider(inputs));
            return { id: created.id, outs: definedOnly(created.outs) };
        },

        async read(id: string, props: Props) {
            try {
                const current = await handler.read(providerContext.client(), id, props ?? {});
                return { id: current.id, props: definedOnly(current.outs), inputs: definedOnly(current.inputs) };
            } catch (err) {
                if (err instanceof OktaApiError && err.isNotFound) {
                    // An empty id tells Pulumi the object is gone, so refresh drops it from state.
                    return { id: "", props: {} };
                }
                throw err;
            }
        },

        async update(id: string, olds: Props, news: Props) {
            return { outs: definedOnly(await handler.update(providerContext.client(), id, olds, withoutProvider(news))) };
        },

        async delete(id: string, props: Props) {
            try {
                await handler.delete(providerContext.client(), id, props);
            } catch (err) {
                if (err instanceof OktaApiError && err.isNotFound) {
                    return; // Already gone: the desired end state.
                }
                throw err;
            }
        },
    };
}

function withoutProvider(props: Props): Props {
    const { __provider: _ignored, ...rest } = props;
    return rest;
}

/** Pulumi's wire format (protobuf Struct) cannot carry `undefined`: leave such properties out. */
function definedOnly(props: Props): Props {
    return Object.fromEntries(Object.entries(props).filter(([, value]) => value !== undefined));
}
