import { expect } from "chai";
import type { RawResponse } from "./emulator";

/** Asserts an Okta error response: status, error code, and the full error shape. */
export function expectOktaError(res: Pick<RawResponse, "status" | "body">, status: number, code: string): void {
    expect(res.status, JSON.stringify(res.body)).to.equal(status);
    expect(res.body).to.have.all.keys("errorCode", "errorSummary", "errorLink", "errorId", "errorCauses");
    expect(res.body.errorCode).to.equal(code);
    expect(res.body.errorLink).to.equal(code);
    expect(res.body.errorId).to.match(/^oae[\w-]{22}$/);
    expect(res.body.errorCauses).to.be.an("array");
}

/** The URL of the `rel="next"` link, if any. */
export function nextLink(res: Pick<RawResponse, "headers">): string | undefined {
    return /<([^>]+)>; rel="next"/.exec(res.headers.get("link") ?? "")?.[1];
}

/**
 * Follows `rel="next"` links from `first` until the last page; returns every page in order. `onPage` runs after each
 * page is fetched (checks on the page, or a change made between pages).
 */
export async function allPages(
    org: { api(method: string, path: string): Promise<RawResponse> },
    first: string,
    onPage: (res: RawResponse, index: number) => void | Promise<void> = () => {},
): Promise<RawResponse[]> {
    const pages: RawResponse[] = [];
    for (let next: string | undefined = first; next; next = nextLink(pages[pages.length - 1])) {
        const res = await org.api("GET", next);
        pages.push(res);
        await onPage(res, pages.length - 1);
    }
    return pages;
}
