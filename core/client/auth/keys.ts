import { createPrivateKey, type JsonWebKey, type KeyObject } from "node:crypto";

/** A private key ready to sign client assertions, with the algorithm its type calls for. */
export interface SigningKey {
    key: KeyObject;
    alg: "RS256" | "ES256";
    /** The `kid` header: the id under which the public key is registered on the app. */
    kid?: string;
}

/**
 * Reads the private key of a service app: PEM (PKCS#8, or PKCS#1 / SEC1) or a JWK (object or JSON text). RSA keys sign
 * with RS256, EC P-256 keys with ES256. Errors never contain the key.
 */
export function loadSigningKey(material: string | JsonWebKey, keyId?: string): SigningKey {
    const jwk = typeof material === "string" ? parseJwkText(material) : material;
    let key: KeyObject;
    try {
        key = jwk ? createPrivateKey({ key: jwk, format: "jwk" }) : createPrivateKey(pemText(material as string));
    } catch (err) {
        throw new Error(`${describe(keyId)} could not be read as a private key (${(err as Error).message})`);
    }
    const alg = algorithmFor(key, keyId);
    if (jwk?.alg !== undefined && jwk.alg !== alg) {
        throw new Error(`${describe(keyId)} is marked alg '${String(jwk.alg)}', but its type signs with ${alg}`);
    }
    const kid = keyId ?? (typeof jwk?.kid === "string" ? jwk.kid : undefined);
    return { key, alg, kid };
}

function parseJwkText(text: string): JsonWebKey | undefined {
    if (!text.trim().startsWith("{")) {
        return undefined;
    }
    try {
        return JSON.parse(text) as JsonWebKey;
    } catch {
        throw new Error("the private key looks like JSON but is not valid JSON (expected a JWK)");
    }
}

/** Accepts PEM text whose line breaks were flattened to `\n` escapes, as happens in environment variables. */
function pemText(text: string): string {
    const pem = text.includes("\\n") && !text.includes("\n") ? text.replace(/\\n/g, "\n") : text;
    if (!pem.trim().startsWith("-----BEGIN")) {
        throw new Error("the private key must be PEM (-----BEGIN PRIVATE KEY-----) or a JWK (JSON)");
    }
    return pem;
}

function algorithmFor(key: KeyObject, keyId: string | undefined): SigningKey["alg"] {
    if (key.asymmetricKeyType === "rsa") {
        return "RS256";
    }
    if (key.asymmetricKeyType === "ec" && key.asymmetricKeyDetails?.namedCurve === "prime256v1") {
        return "ES256";
    }
    throw new Error(`${describe(keyId)} is ${key.asymmetricKeyType ?? "an unknown type"}; use an RSA key (RS256) or an EC P-256 key (ES256)`);
}

function describe(keyId: string | undefined): string {
    return keyId ? `the private key with key id '${keyId}'` : "the private key";
}
