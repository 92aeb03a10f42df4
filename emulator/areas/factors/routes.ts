import { notFound, userStatusForbids } from "../../platform/errors";
import { noContent, ok, type RequestContext } from "../../platform/http";
import { PHONE_FACTOR_TYPES, type FactorRecord } from "./model";
import type { Router } from "../../platform/router";
import type { OrgStore } from "../../org/store";
import { userTarget } from "../users/changes";
import { queryFlag } from "../users/input";
import { requireUser } from "../users/routes";

/** A user's enrolled factors (seeded): list, read, and unenroll, which Okta refuses for deactivated users. */

export function registerUserFactorRoutes(router: Router, store: OrgStore): void {
    router
        .on("GET", "/api/v1/users/:userId/factors", (ctx) => listFactors(ctx, store))
        .on("GET", "/api/v1/users/:userId/factors/:factorId", (ctx) => getFactor(ctx, store))
        .on("DELETE", "/api/v1/users/:userId/factors/:factorId", (ctx) => unenrollFactor(ctx, store));
}

export function factorResource(ctx: RequestContext, userId: string, factor: FactorRecord): Record<string, unknown> {
    const user = `${ctx.baseUrl}/api/v1/users/${userId}`;
    return {
        ...factor,
        _links: {
            self: { href: `${user}/factors/${factor.id}`, hints: { allow: ["GET", "DELETE"] } },
            user: { href: user, hints: { allow: ["GET"] } },
        },
    };
}

function listFactors(ctx: RequestContext, store: OrgStore) {
    const user = requireUser(store, ctx.params.userId);
    const factors = store.userFactors.get(user.id);
    return ok([...(factors?.values() ?? [])].map((f) => factorResource(ctx, user.id, f)));
}

function getFactor(ctx: RequestContext, store: OrgStore) {
    const user = requireUser(store, ctx.params.userId);
    return ok(factorResource(ctx, user.id, requireFactor(store, user.id, ctx.params.factorId)));
}

function unenrollFactor(ctx: RequestContext, store: OrgStore) {
    const user = requireUser(store, ctx.params.userId);
    const factor = requireFactor(store, user.id, ctx.params.factorId);
    if (user.status === "DEPROVISIONED") {
        throw userStatusForbids();
    }
    const removeRecovery = queryFlag(ctx, "removeRecoveryEnrollment", false) && PHONE_FACTOR_TYPES.includes(factor.factorType);
    store.userFactors.get(user.id)!.delete(factor.id);
    store.log.append(
        {
            eventType: "user.mfa.factor.deactivate",
            displayMessage: "Reset factor for user",
            target: [userTarget(user)],
            outcome: { result: "SUCCESS", reason: `User reset ${factor.factorType.toUpperCase()} factor` },
            debugData: { factor: factor.factorType, removeRecoveryEnrollment: removeRecovery },
        },
        ctx,
    );
    return noContent();
}

function requireFactor(store: OrgStore, userId: string, factorId: string): FactorRecord {
    const factor = store.userFactors.get(userId)?.get(factorId);
    if (!factor) {
        throw notFound(factorId, "UserFactor");
    }
    return factor;
}
