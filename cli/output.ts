/** How the CLI prints: JSON for scripts, aligned text for people. */

export interface Io {
    stdout: { write(text: string | Uint8Array): unknown };
    stderr: { write(text: string): unknown; isTTY?: boolean };
}

/** One column of a text table or one line of a record. */
export interface Column {
    header: string;
    value(item: any): unknown;
}

/** The columns worth showing for one kind of Okta object. */
export type View = Column[];

/** A count and its noun, plural unless the count is 1: "1 group", "0 groups", "2 app assignments". */
export function counted(count: number, singular: string, plural = `${singular}s`): string {
    return `${count} ${count === 1 ? singular : plural}`;
}

const text = (value: unknown): string => (value === undefined || value === null ? "" : typeof value === "object" ? JSON.stringify(value) : String(value));

export const VIEWS = {
    user: [
        { header: "ID", value: (u) => u.id },
        { header: "STATUS", value: (u) => u.status },
        { header: "LOGIN", value: (u) => u.profile?.login },
        { header: "NAME", value: (u) => [u.profile?.firstName, u.profile?.lastName].filter(Boolean).join(" ") },
        { header: "LAST UPDATED", value: (u) => u.lastUpdated },
    ],
    group: [
        { header: "ID", value: (g) => g.id },
        { header: "TYPE", value: (g) => g.type },
        { header: "NAME", value: (g) => g.profile?.name },
        { header: "DESCRIPTION", value: (g) => g.profile?.description },
    ],
    application: [
        { header: "ID", value: (a) => a.id },
        { header: "STATUS", value: (a) => a.status },
        { header: "NAME", value: (a) => a.name },
        { header: "LABEL", value: (a) => a.label },
        { header: "SIGN-ON MODE", value: (a) => a.signOnMode },
    ],
    appLink: [
        { header: "APP ID", value: (l) => l.appInstanceId },
        { header: "APP NAME", value: (l) => l.appName },
        { header: "LABEL", value: (l) => l.label },
    ],
    appUser: [
        { header: "USER ID", value: (a) => a.id },
        { header: "SCOPE", value: (a) => a.scope },
        { header: "STATUS", value: (a) => a.status },
        { header: "USER NAME", value: (a) => a.credentials?.userName },
    ],
    eventHook: [
        { header: "ID", value: (h) => h.id },
        { header: "STATUS", value: (h) => h.status },
        { header: "VERIFICATION", value: (h) => h.verificationStatus },
        { header: "NAME", value: (h) => h.name },
        { header: "URL", value: (h) => h.channel?.config?.uri },
    ],
    logEvent: [
        { header: "PUBLISHED", value: (e) => e.published },
        { header: "EVENT TYPE", value: (e) => e.eventType },
        { header: "OUTCOME", value: (e) => e.outcome?.result },
        { header: "ACTOR", value: (e) => e.actor?.alternateId },
        { header: "TARGETS", value: (e) => (e.target ?? []).map((t: any) => t.alternateId ?? t.id).join(", ") },
    ],
    policy: [
        { header: "ID", value: (p) => p.id },
        { header: "TYPE", value: (p) => p.type },
        { header: "STATUS", value: (p) => p.status },
        { header: "NAME", value: (p) => p.name },
    ],
    realm: [
        { header: "ID", value: (r) => r.id },
        { header: "NAME", value: (r) => r.profile?.name },
        { header: "DEFAULT", value: (r) => r.isDefault },
    ],
    userType: [
        { header: "ID", value: (t) => t.id },
        { header: "NAME", value: (t) => t.name },
        { header: "DISPLAY NAME", value: (t) => t.displayName },
        { header: "DEFAULT", value: (t) => t.default },
    ],
    factor: [
        { header: "ID", value: (f) => f.id },
        { header: "TYPE", value: (f) => f.factorType },
        { header: "PROVIDER", value: (f) => f.provider },
        { header: "STATUS", value: (f) => f.status },
    ],
} satisfies Record<string, View>;

export type ViewName = keyof typeof VIEWS;

/** Aligned columns with a header line. */
export function formatTable(items: unknown[], view: View): string {
    const rows = [view.map((c) => c.header), ...items.map((item) => view.map((c) => text(c.value(item))))];
    const widths = view.map((_, i) => Math.max(...rows.map((row) => row[i].length)));
    return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]))).join("  ").trimEnd()).join("\n") + "\n";
}

/** `Header: value` lines for one object. */
export function formatRecord(item: unknown, view: View): string {
    const width = Math.max(...view.map((c) => c.header.length));
    return view.map((c) => `${(c.header.toLowerCase() + ":").padEnd(width + 2)}${text(c.value(item))}`).join("\n") + "\n";
}

export function formatJson(value: unknown): string {
    return JSON.stringify(value, null, 2) + "\n";
}
