import { invalidSearch, malformedBody, notFound, realmUndeletable, validationFailed } from "../../platform/errors";
import { noContent, ok, type RequestContext } from "../../platform/http";
import { jsonBody } from "../../platform/body";
import type { RealmRecord, RealmType } from "./model";
import { assertKnownCursor, linkHeaders, pageLimit } from "../../platform/paging";
import { compileFilter, FilterSyntaxError, type FilterRules } from "../../platform/query/filter";
import { sortedPage } from "../../platform/query/sorted-page";
import type { Router } from "../../platform/router";
import type { OrgStore } from "../../org/store";
import { oktaTimestamp } from "../../platform/time";

/**
 * `/api/v1/realms`: CRUD and a list with `search` (recorded traffic: `profile.name eq "…"`, a self link with
 * `limit=10` for searches, search results without `profile.domains`). The default realm and realms that still hold
 * users cannot be deleted (E0000178).
 */

const DEFAULT_LIMIT = 200;
const SEARCH_DEFAULT_LIMIT = 10;
const MAX_LIMIT = 200;
const REALM_TYPES: RealmType[] = ["DEFAULT", "PARTNER"];
/** Characters Okta refuses in realm domains (SPEC RealmProfile). */
const FORBIDDEN_DOMAIN_CHARACTERS = /[!$%^&()=*+,:;<>'[\]|/?\\]/;

const SEARCH_RULES: FilterRules = {
    caseInsensitive: true,
    operatorsFor: (attribute) => {
        switch (attribute) {
            case "profile.name":
                return ["eq", "sw", "co"];
            case "id":
            case "isDefault":
                return ["eq"];
            case "created":
            case "lastUpdated":
                return ["eq", "gt", "ge", "lt", "le"];
            default:
                return undefined;
        }
    },
};

export function registerRealmRoutes(router: Router, store: OrgStore): void {
    router
        .on("GET", "/api/v1/realms", (ctx) => listRealms(ctx, store))
        .on("POST", "/api/v1/realms", (ctx) => createRealm(ctx, store))
        .on("GET", "/api/v1/realms/:realmId", (ctx) => ok(realmResource(ctx, requireRealm(store, ctx.params.realmId))))
        .on("PUT", "/api/v1/realms/:realmId", (ctx) => replaceRealm(ctx, store))
        .on("DELETE", "/api/v1/realms/:realmId", (ctx) => deleteRealm(ctx, store));
}

export function realmResource(ctx: RequestContext, realm: RealmRecord, withDomains = true): Record<string, unknown> {
    return {
        id: realm.id,
        created: realm.created,
        lastUpdated: realm.lastUpdated,
        profile: withDomains ? { name: realm.profile.name, domains: [...realm.profile.domains] } : { name: realm.profile.name },
        isDefault: realm.isDefault,
        _links: { self: { rel: "self", href: `${ctx.baseUrl}/api/v1/realms/${realm.id}`, method: "GET" } },
    };
}

function requireRealm(store: OrgStore, id: string): RealmRecord {
    const realm = store.realms.all.get(id);
    if (!realm) {
        throw notFound(id, "Realm");
    }
    return realm;
}

function listRealms(ctx: RequestContext, store: OrgStore) {
    const search = ctx.query.get("search") || undefined;
    const limit = pageLimit(ctx, search === undefined ? DEFAULT_LIMIT : SEARCH_DEFAULT_LIMIT, MAX_LIMIT);
    let include: ((realm: RealmRecord) => boolean) | undefined;
    if (search !== undefined) {
        try {
            include = compileFilter(search, SEARCH_RULES);
        } catch (err) {
            throw err instanceof FilterSyntaxError ? invalidSearch(err.message) : err;
        }
    }
    const after = ctx.query.get("after") || undefined;
    const sortBy = search === undefined ? undefined : ctx.query.get("sortBy") || undefined;
    const page =
        sortBy === undefined
            ? store.realms.all.page({ after, limit, include: include && ((r) => include!(searchable(r))) })
            : searchSortedPage(ctx, store, include!, sortBy, after, limit);
    assertKnownCursor(page);
    return ok(
        page.items.map((realm) => realmResource(ctx, realm, search === undefined)),
        { Link: linkHeaders(ctx, limit, page) },
    );
}

/** `sortBy`/`sortOrder` apply to searches only (Okta ignores them otherwise); ties are ordered by id. */
function searchSortedPage(
    ctx: RequestContext,
    store: OrgStore,
    include: (realm: ReturnType<typeof searchable>) => boolean,
    sortBy: string,
    after: string | undefined,
    limit: number,
) {
    const sortOrder = (ctx.query.get("sortOrder") || "asc").toLowerCase();
    if (sortOrder !== "asc" && sortOrder !== "desc") {
        throw invalidSearch(`sortOrder: '${ctx.query.get("sortOrder")}' must be asc or desc`);
    }
    if (SEARCH_RULES.operatorsFor(sortBy) === undefined) {
        throw invalidSearch(`sortBy: '${sortBy}' is not a sortable property`);
    }
    const found = [...store.realms.all.values()].map(searchable).filter(include);
    const page = sortedPage(found, { attribute: sortBy, descending: sortOrder === "desc" }, after, limit);
    return page && { ...page, items: page.items.map((r) => store.realms.all.get(r.id)!) };
}

/** What `search` sees of a realm. */
function searchable(realm: RealmRecord) {
    return { ...realm, profile: { ...realm.profile, realmType: realm.realmType } };
}

function createRealm(ctx: RequestContext, store: OrgStore) {
    const profile = readProfile(ctx, store);
    return ok(realmResource(ctx, store.realms.add(profile)));
}

function replaceRealm(ctx: RequestContext, store: OrgStore) {
    const realm = requireRealm(store, ctx.params.realmId);
    const profile = readProfile(ctx, store, realm.id);
    realm.profile = { name: profile.name, domains: profile.domains };
    realm.realmType = profile.realmType;
    realm.lastUpdated = oktaTimestamp();
    return ok(realmResource(ctx, realm));
}

function deleteRealm(ctx: RequestContext, store: OrgStore) {
    const realm = requireRealm(store, ctx.params.realmId);
    if (realm.isDefault) {
        throw realmUndeletable("The default realm cannot be deleted.");
    }
    if (store.users.find((u) => u.realmId === realm.id)) {
        throw realmUndeletable("Move the users in this realm to another realm first.");
    }
    store.realms.all.delete(realm.id);
    return noContent();
}

function readProfile(ctx: RequestContext, store: OrgStore, exceptId?: string): { name: string; realmType: RealmType; domains: string[] } {
    const body = jsonBody(ctx);
    for (const key of Object.keys(body)) {
        if (!["profile", "id", "created", "lastUpdated", "isDefault", "_links"].includes(key)) {
            throw malformedBody(`Unrecognized field '${key}'`);
        }
    }
    const profile = body.profile;
    if (profile === null || typeof profile !== "object" || Array.isArray(profile)) {
        throw validationFailed("profile", ["profile: The field cannot be left blank"]);
    }
    const { name, realmType, domains, ...unknown } = profile as Record<string, unknown>;
    const extra = Object.keys(unknown)[0];
    if (extra !== undefined) {
        throw malformedBody(`Unrecognized field 'profile.${extra}'`);
    }
    if (name !== undefined && name !== null && typeof name !== "string") {
        throw malformedBody("'profile.name' must be a string");
    }
    if (domains !== undefined && domains !== null && (!Array.isArray(domains) || domains.some((d) => typeof d !== "string"))) {
        throw malformedBody("'profile.domains' must be an array of strings");
    }
    const causes: string[] = [];
    if (typeof name !== "string" || name.trim() === "") {
        causes.push("name: The field cannot be left blank");
    } else if (name.length > 255) {
        causes.push("name: The field cannot exceed 255 characters");
    } else if (store.realms.all.find((r) => r.id !== exceptId && r.profile.name === name)) {
        causes.push("name: An object with this field already exists in the current organization");
    }
    if (realmType !== undefined && realmType !== null && !REALM_TYPES.includes(realmType as RealmType)) {
        causes.push(`realmType: must be one of ${REALM_TYPES.join(", ")}`);
    }
    for (const domain of (domains as string[] | undefined) ?? []) {
        if (domain.trim() === "" || FORBIDDEN_DOMAIN_CHARACTERS.test(domain)) {
            causes.push(`domains: '${domain}' is not a valid domain`);
        }
    }
    if (causes.length > 0) {
        throw validationFailed(causes[0].split(":")[0], causes);
    }
    return { name: name as string, realmType: (realmType as RealmType | undefined) ?? "DEFAULT", domains: (domains as string[] | undefined) ?? [] };
}
