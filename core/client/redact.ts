/**
 * Keeps secrets out of logs and error messages. Three layers:
 * - headers that carry credentials are replaced whole;
 * - body and query values are replaced by key name (password, client_secret, private keys, tokens, hook auth values…);
 * - as a last pass over every line, each secret value known so far is replaced wherever it appears: the
 *   authenticator's own secrets, and every value the key-name layer has redacted before.
 */

export const REDACTED = "[REDACTED]";

const CREDENTIAL_HEADERS = /^(authorization|proxy-authorization|dpop|cookie|set-cookie|x-api-key)$/i;

/** Keys whose value is a secret wherever they appear. */
const SECRET_KEYS =
    /pass(word|phrase)?$|secret|token|assertion|private.?key|^pem$|credential.?value|^answer$|^authorization$|^cookie$|^api.?key$|^dpop$|^code.?verifier$|^otp$|^passcode$/i;
/** Keys that look secret by name but hold descriptions of secrets (`token_type`, `token_endpoint`…), not secrets. */
const DESCRIPTIVE_KEYS = /type$|types$|expires|endpoint|url$|uri$|auth_?method|_in$|lifetime|length$|count$/i;
/** Members of a JWK that hold private key material (RFC 7518 §6.2.2, §6.3.2, §6.4). */
const JWK_PRIVATE = new Set(["d", "p", "q", "dp", "dq", "qi", "k", "oth"]);
/** Objects whose `value` is a secret: event-hook auth schemes, header lists. */
const SECRET_VALUE_PARENTS = /auth|secret|credential|headers?$/i;

/** Free-text shapes of secrets, caught even when no key names them. */
const TEXT_PATTERNS: [RegExp, string][] = [
    [/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g, REDACTED],
    [/\b(SSWS|Bearer|DPoP|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi, `$1 ${REDACTED}`],
    [/\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*/g, REDACTED],
];

/** The fewest characters a learned value must have to be scrubbed from free text (shorter ones match too much). */
const MIN_SECRET_LENGTH = 6;
const MAX_LEARNED = 512;

export class Redactor {
    private readonly learned = new Set<string>();

    /** @param secrets the authenticator's secrets, asked for on every use since tokens get refreshed */
    constructor(private readonly secrets: () => string[] = () => []) {}

    headers(headers: Record<string, string | string[] | undefined>): Record<string, string | string[]> {
        const out: Record<string, string | string[]> = {};
        for (const [name, value] of Object.entries(headers)) {
            if (value !== undefined) {
                out[name] = CREDENTIAL_HEADERS.test(name) ? REDACTED : value;
            }
        }
        return out;
    }

    /** A deep copy of a JSON value with every secret member replaced; their values are learnt for `text`. */
    value(value: unknown, parentKey = ""): unknown {
        if (Array.isArray(value)) {
            return value.map((item) => this.value(item, parentKey));
        }
        if (value === null || typeof value !== "object") {
            return value;
        }
        const object = value as Record<string, unknown>;
        const isJwk = typeof object.kty === "string";
        const out: Record<string, unknown> = {};
        for (const [key, member] of Object.entries(object)) {
            const secret =
                (SECRET_KEYS.test(key) && !DESCRIPTIVE_KEYS.test(key)) ||
                (isJwk && JWK_PRIVATE.has(key)) ||
                (key === "value" && SECRET_VALUE_PARENTS.test(parentKey));
            out[key] = secret ? this.hide(member) : this.value(member, key);
        }
        return out;
    }

    /** A URL's path and query, with the values of secret-named query parameters replaced. */
    url(url: URL): string {
        let changed = false;
        const query = new URLSearchParams(url.search);
        for (const [key, value] of url.searchParams) {
            if (SECRET_KEYS.test(key) && !DESCRIPTIVE_KEYS.test(key)) {
                this.learn(value);
                query.set(key, REDACTED);
                changed = true;
            }
        }
        const search = changed ? `?${query.toString()}` : url.search;
        return this.text(url.pathname + search);
    }

    /** Replaces every known secret and every secret-shaped token in free text. */
    text(text: string): string {
        let out = text;
        for (const secret of [...this.secrets(), ...this.learned]) {
            if (secret && secret.length >= MIN_SECRET_LENGTH && out.includes(secret)) {
                out = out.split(secret).join(REDACTED);
            }
        }
        for (const [pattern, replacement] of TEXT_PATTERNS) {
            out = out.replace(pattern, replacement);
        }
        return out;
    }

    /** Remembers a secret seen outside the authenticator (e.g. a password in a body) so `text` scrubs it too. */
    learn(value: string): void {
        if (value.length < MIN_SECRET_LENGTH || this.learned.has(value)) {
            return;
        }
        if (this.learned.size >= MAX_LEARNED) {
            this.learned.delete(this.learned.values().next().value!);
        }
        this.learned.add(value);
    }

    private hide(member: unknown): string {
        this.collect(member);
        return REDACTED;
    }

    /** Learns every string inside a redacted member (a password object, a JWK, a list of header values…). */
    private collect(member: unknown): void {
        if (typeof member === "string") {
            this.learn(member);
        } else if (Array.isArray(member)) {
            member.forEach((item) => this.collect(item));
        } else if (member !== null && typeof member === "object") {
            Object.values(member).forEach((item) => this.collect(item));
        }
    }
}
