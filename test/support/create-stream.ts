/** One object whose create the emulator acknowledged (answered 2xx). */
export interface Acknowledged {
    kind: "user" | "group";
    id: string;
}

/** What a stream of creates saw: the acknowledged creates, other answers, and creates that got no answer. */
export interface CreateStreamResult {
    acknowledged: Acknowledged[];
    refused: { status: number; body: string }[];
    unanswered: number;
}

/**
 * Creates users and groups (alternately) with `inFlight` requests outstanding at any time, until `stop()` resolves or
 * the emulator goes away (a request fails without an answer). Names are unique per `tag`.
 */
export async function streamCreates(
    url: string,
    token: string,
    options: { tag: string; inFlight: number; stop: Promise<unknown>; onAcknowledged?: (object: Acknowledged) => void },
): Promise<CreateStreamResult> {
    const result: CreateStreamResult = { acknowledged: [], refused: [], unanswered: 0 };
    let stopped = false;
    void options.stop.then(() => (stopped = true));
    let next = 0;
    const worker = async () => {
        while (!stopped) {
            const n = next++;
            const kind = n % 2 === 0 ? "user" : "group";
            try {
                const response = await fetch(new URL(createPath(kind), url), {
                    method: "POST",
                    headers: { Authorization: `SSWS ${token}`, "Content-Type": "application/json", Accept: "application/json" },
                    body: JSON.stringify(createBody(kind, `${options.tag}-${n}`)),
                });
                const text = await response.text();
                if (response.ok) {
                    const object: Acknowledged = { kind, id: (JSON.parse(text) as { id: string }).id };
                    result.acknowledged.push(object);
                    options.onAcknowledged?.(object);
                } else {
                    result.refused.push({ status: response.status, body: text });
                }
            } catch {
                // No (whole) answer: the emulator is gone.
                result.unanswered++;
                return;
            }
        }
    };
    await Promise.all(Array.from({ length: options.inFlight }, worker));
    return result;
}

export function createPath(kind: Acknowledged["kind"]): string {
    return kind === "user" ? "/api/v1/users?activate=false" : "/api/v1/groups";
}

function createBody(kind: Acknowledged["kind"], name: string): unknown {
    if (kind === "group") {
        return { profile: { name } };
    }
    const login = `${name}@example.com`;
    return { profile: { login, email: login, firstName: "Durable", lastName: name } };
}

/** The path to read an acknowledged object back. */
export function objectPath(object: Acknowledged): string {
    return object.kind === "user" ? `/api/v1/users/${object.id}` : `/api/v1/groups/${object.id}`;
}
