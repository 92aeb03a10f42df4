/**
 * Rules on URLs and HTTP fields that Okta applies and that both the provider (at `check`, before any call) and the
 * emulator (as Okta) apply: one copy, so preview refuses exactly what the org would (docs/preview-validation.md).
 */

/** Hosts that stay on this machine (`localhost`, `127.0.0.0/8`, `[::1]`), where plain HTTP is allowed. */
export function isLoopback(hostname: string): boolean {
    return hostname === "localhost" || hostname === "[::1]" || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/** `https:` for any host, `http:` only for a loopback host (a local emulator or receiver). */
export function isHttpsOrLoopback(url: URL): boolean {
    return url.protocol === "https:" || (url.protocol === "http:" && isLoopback(url.hostname));
}

/** An HTTP field name (RFC 9110 token). */
export const HTTP_HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
