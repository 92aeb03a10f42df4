/**
 * Group membership at scale: adds N users to a group over HTTP (16 requests in flight), then reads the members back
 * the way a provider refreshes them (limit=200, following Link rel="next"). Prints figures; asserts nothing.
 *
 *   npx tsc -p tsconfig.json && node dist/bench/group-members.js [N...]
 */
import { insertUser } from "../emulator/areas/users/directory";
import { newUser } from "../emulator/areas/users/model";
import { OktaEmulator } from "../emulator";

const TOKEN = "bench-token-000000000000000000000000000000";
const IN_FLIGHT = 16;

async function run(members: number): Promise<void> {
    const emulator = new OktaEmulator({ seed: { tokens: [{ token: TOKEN }] }, rateLimits: { otherLimit: 10_000_000, limits: { groups: 10_000_000 } } });
    const url = await emulator.start();
    const headers = { Authorization: `SSWS ${TOKEN}`, Accept: "application/json", "Content-Type": "application/json" };
    try {
        const userIds = Array.from({ length: members }, (_, i) => addUser(emulator, `member${i}@example.com`));
        const created = await fetch(`${url}/api/v1/groups`, { method: "POST", headers, body: JSON.stringify({ profile: { name: "Bench" } }) });
        const groupId = ((await created.json()) as { id: string }).id;

        const addStart = performance.now();
        let next = 0;
        await Promise.all(
            Array.from({ length: IN_FLIGHT }, async () => {
                while (next < userIds.length) {
                    const userId = userIds[next++];
                    const res = await fetch(`${url}/api/v1/groups/${groupId}/users/${userId}`, { method: "PUT", headers, body: "" });
                    if (res.status !== 204) {
                        throw new Error(`PUT member answered ${res.status}`);
                    }
                    await res.arrayBuffer();
                }
            }),
        );
        const addMs = performance.now() - addStart;

        const listStart = performance.now();
        let pageUrl: string | undefined = `${url}/api/v1/groups/${groupId}/users?limit=200`;
        let calls = 0;
        let seen = 0;
        while (pageUrl) {
            const res: Response = await fetch(pageUrl, { headers });
            seen += ((await res.json()) as unknown[]).length;
            calls++;
            pageUrl = /<([^>]+)>; rel="next"/.exec(res.headers.get("link") ?? "")?.[1];
        }
        const listMs = performance.now() - listStart;
        if (seen !== members) {
            throw new Error(`listed ${seen} members, expected ${members}`);
        }
        console.log(
            `${String(members).padStart(6)} members | add: ${(members / (addMs / 1000)).toFixed(0).padStart(6)} PUT/s ` +
                `| refresh: ${calls} calls in ${listMs.toFixed(0)} ms (${(listMs / calls).toFixed(1)} ms/page of 200)`,
        );
    } finally {
        await emulator.close();
    }
}

function addUser(emulator: OktaEmulator, login: string): string {
    const store = emulator.store;
    const user = newUser({ profile: { login, email: login, firstName: "Bench", lastName: login }, typeId: store.userTypes.defaultType.id });
    return insertUser(store, user).id;
}

async function main(): Promise<void> {
    const sizes = process.argv.slice(2).map(Number);
    for (const members of sizes.length > 0 ? sizes : [2000, 10000]) {
        await run(members);
    }
}

main().catch((err) => {
    console.error(err);
    process.exit(1);
});
