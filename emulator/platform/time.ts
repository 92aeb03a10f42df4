/** Okta's timestamps: ISO-8601 in UTC with whole seconds, e.g. `2025-03-13T23:38:01.000Z` (recorded traffic). */
export function oktaTimestamp(date: Date = new Date()): string {
    const wholeSeconds = new Date(Math.floor(date.getTime() / 1000) * 1000);
    return wholeSeconds.toISOString();
}
