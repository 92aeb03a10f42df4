import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { TestOrg } from "./emulator";
import { createEventHookReceiver, type EventHookDelivery, type EventHookReceiverOptions } from "../../sdk/receiver";

/** Our event hook receiver on a real loopback port, recording what it received. */
export interface HookEndpoint {
    url: string;
    deliveries: EventHookDelivery[];
    server: Server;
    close(): Promise<void>;
}

export async function startHookEndpoint(options: Partial<EventHookReceiverOptions> = {}): Promise<HookEndpoint> {
    const deliveries: EventHookDelivery[] = [];
    const receiver = createEventHookReceiver({
        authorization: { key: "Authorization", value: "hook-secret-123" },
        onDelivery: (delivery) => void deliveries.push(delivery),
        ...options,
    });
    const server = createServer(receiver);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    return {
        url: `http://127.0.0.1:${port}/okta/events`,
        deliveries,
        server,
        close: () =>
            new Promise<void>((resolve) => {
                server.close(() => resolve());
                server.closeAllConnections();
            }),
    };
}

/** An event hook creation body pointing at `uri`. */
export function eventHookBody(name: string, uri: string, items = ["user.lifecycle.create"]) {
    return {
        name,
        events: { type: "EVENT_TYPE", items },
        channel: {
            type: "HTTP",
            version: "1.0.0",
            config: { uri, headers: [], authScheme: { type: "HEADER", key: "Authorization", value: "hook-secret-123" } },
        },
    };
}

/** Waits until the emulator has finished every pending event hook delivery (retries included). */
export function deliveriesDone(org: TestOrg): Promise<void> {
    return org.emulator.hooks.idle();
}
