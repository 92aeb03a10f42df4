import { connect } from "node:net";

/** An HTTP response as read off a raw socket. */
export interface RawAnswer {
    status: number;
    /** Header names in lower case. */
    headers: Record<string, string>;
    body: string;
}

/**
 * Sends bytes as they are (no HTTP library in between to tidy them up) on a fresh connection to 127.0.0.1, and
 * returns everything the server sent until it closed the connection. `closeAfterMs` ends the connection early, as a
 * client that goes away.
 */
export function rawExchange(port: number, request: string | Buffer, options: { closeAfterMs?: number } = {}): Promise<Buffer> {
    return new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        const socket = connect(port, "127.0.0.1", () => {
            socket.write(request);
            if (options.closeAfterMs !== undefined) {
                setTimeout(() => socket.destroy(), options.closeAfterMs);
            }
        });
        socket.setTimeout(15_000, () => socket.destroy(new Error("no answer within 15 s")));
        socket.on("data", (chunk: Buffer) => chunks.push(chunk));
        socket.on("error", reject);
        socket.on("close", () => resolve(Buffer.concat(chunks)));
    });
}

/** Splits what the server sent into responses (by Content-Length). */
export function parseAnswers(raw: Buffer): RawAnswer[] {
    const answers: RawAnswer[] = [];
    let rest = raw;
    while (rest.length > 0) {
        const end = rest.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new Error(`incomplete response head: ${JSON.stringify(rest.toString("latin1").slice(0, 200))}`);
        }
        const [statusLine, ...lines] = rest.subarray(0, end).toString("latin1").split("\r\n");
        const headers: Record<string, string> = {};
        for (const line of lines) {
            const colon = line.indexOf(":");
            headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
        }
        const length = Number(headers["content-length"] ?? 0);
        const body = rest.subarray(end + 4, end + 4 + length);
        answers.push({ status: Number(statusLine.split(" ")[1]), headers, body: body.toString("utf8") });
        rest = rest.subarray(end + 4 + length);
    }
    return answers;
}

/** The one response to a request sent on its own connection. */
export async function rawRequest(port: number, request: string | Buffer): Promise<RawAnswer> {
    const answers = parseAnswers(await rawExchange(port, request));
    if (answers.length !== 1) {
        throw new Error(`expected one response, got ${answers.length}`);
    }
    return answers[0];
}
