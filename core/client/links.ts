/**
 * Parses RFC 8288 Link headers as Okta sends them: one or more header lines, each with one or more
 * `<url>; rel="name"` entries. Returns a map from rel to URL.
 */
export function parseLinkHeader(header: string | string[] | undefined): Map<string, string> {
    const links = new Map<string, string>();
    const lines = header === undefined ? [] : Array.isArray(header) ? header : [header];
    for (const line of lines) {
        for (const match of line.matchAll(/<([^>]*)>\s*((?:;\s*[^;,]+)*)/g)) {
            const rel = /;\s*rel="?([^";]+)"?/i.exec(match[2]);
            if (rel) {
                for (const name of rel[1].trim().split(/\s+/)) {
                    links.set(name, match[1]);
                }
            }
        }
    }
    return links;
}
