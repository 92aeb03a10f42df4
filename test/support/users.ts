import type { TestOrg } from "./emulator";

/** Creates `count` active users over the API (16 at a time) and returns their ids in order. */
export async function createUsers(org: TestOrg, count: number, prefix = "user"): Promise<string[]> {
    const ids: string[] = new Array(count);
    let next = 0;
    const worker = async () => {
        while (next < count) {
            const i = next++;
            const login = `${prefix}${i}@example.com`;
            const response = await org.api("POST", "/api/v1/users?activate=false", {
                body: { profile: { login, email: login, firstName: "Test", lastName: `${prefix}${i}` } },
            });
            if (response.status !== 200) {
                throw new Error(`creating ${login}: HTTP ${response.status} ${JSON.stringify(response.body)}`);
            }
            ids[i] = response.body.id;
        }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    return ids;
}

export async function createGroup(org: TestOrg, name: string): Promise<string> {
    const response = await org.api("POST", "/api/v1/groups", { body: { profile: { name } } });
    if (response.status !== 200) {
        throw new Error(`creating group ${name}: HTTP ${response.status}`);
    }
    return response.body.id;
}
