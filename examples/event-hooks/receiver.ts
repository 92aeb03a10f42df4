// The receiving end of the event hook: run it where Okta can reach it (`npx ts-node receiver.ts`), then `pulumi up`.
//   HOOK_SECRET  the value Okta sends in the Authorization header (the stack's secret `hookSecret`)
//   PORT, HOST   where to listen (default 8080 on 127.0.0.1)
import { createServer } from "node:http";
import { createEventHookReceiver } from "pulumi-okta-iac/receiver";

const secret = process.env.HOOK_SECRET;
if (!secret) {
    console.error("set HOOK_SECRET to the event hook's auth header value");
    process.exit(2);
}

const receiver = createEventHookReceiver({
    authorization: { key: "Authorization", value: secret },
    on: {
        "user.lifecycle.create": (event) => {
            // One JSON line per new user, e.g. for a log shipper.
            console.log(JSON.stringify({ newUser: event.target?.[0]?.alternateId, userId: event.target?.[0]?.id, uuid: event.uuid }));
        },
    },
    onError: (error) => console.error(`refused or failed: ${error.message}`),
});

const server = createServer(receiver);
server.listen(Number(process.env.PORT ?? 8080), process.env.HOST ?? "127.0.0.1", () => {
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : process.env.PORT;
    console.log(`listening on http://${process.env.HOST ?? "127.0.0.1"}:${port}/`);
});
