/**
 * Event types an event hook may subscribe to: the entries tagged `event-hook-eligible` in Okta's Event Types catalog
 * (okta-developer-docs `data/event-types-output.csv`). Okta's own `event_hook.*` events are not eligible, which also
 * keeps delivery-failure events from ever being delivered by a hook.
 *
 * One list for both sides: the provider's `check` refuses any other type at preview, and the emulator refuses it as
 * Okta does (docs/preview-validation.md#event-types).
 */
const ELIGIBLE = [
    "app.access_request.approver.approve",
    "app.access_request.approver.deny",
    "app.access_request.delete",
    "app.access_request.deny",
    "app.access_request.expire",
    "app.access_request.grant",
    "app.access_request.request",
    "app.oauth2.as.consent.grant",
    "app.oauth2.as.consent.revoke",
    "app.oauth2.as.consent.revoke.implicit.as",
    "app.oauth2.as.consent.revoke.implicit.client",
    "app.oauth2.as.consent.revoke.implicit.scope",
    "app.oauth2.as.consent.revoke.implicit.user",
    "app.oauth2.as.consent.revoke.user",
    "app.oauth2.as.consent.revoke.user.client",
    "app.oauth2.client.privilege.grant",
    "app.oauth2.client.privilege.revoke",
    "app.oauth2.trusted_server.add",
    "app.oauth2.trusted_server.delete",
    "application.lifecycle.activate",
    "application.lifecycle.create",
    "application.lifecycle.deactivate",
    "application.lifecycle.delete",
    "application.lifecycle.update",
    "application.policy.sign_on.deny_access",
    "application.provision.group_push.mapping.update.or.delete.failed.with.error",
    "application.provision.user.sync",
    "application.user_membership.add",
    "application.user_membership.change_password",
    "application.user_membership.remove",
    "application.user_membership.update",
    "certification.campaign.close",
    "certification.campaign.item.decide",
    "certification.campaign.item.remediate",
    "certification.campaign.launch",
    "device.enrollment.create",
    "device.lifecycle.activate",
    "device.lifecycle.deactivate",
    "device.lifecycle.delete",
    "device.lifecycle.suspend",
    "device.lifecycle.unsuspend",
    "device.user.add",
    "device.user.remove",
    "group.application_assignment.add",
    "group.application_assignment.remove",
    "group.application_assignment.update",
    "group.lifecycle.create",
    "group.lifecycle.delete",
    "group.privilege.grant",
    "group.privilege.revoke",
    "group.profile.update",
    "group.user_membership.add",
    "group.user_membership.remove",
    "iam.resourceset.bindings.add",
    "iam.resourceset.bindings.delete",
    "iam.resourceset.create",
    "iam.resourceset.delete",
    "iam.resourceset.resources.add",
    "iam.resourceset.resources.delete",
    "iam.role.create",
    "iam.role.delete",
    "iam.role.permission.conditions.add",
    "iam.role.permission.conditions.delete",
    "iam.role.permissions.add",
    "iam.role.permissions.delete",
    "inline_hook.executed",
    "policy.lifecycle.activate",
    "policy.lifecycle.deactivate",
    "policy.lifecycle.update",
    "policy.rule.activate",
    "policy.rule.add",
    "policy.rule.deactivate",
    "policy.rule.delete",
    "policy.rule.update",
    "security.authenticator.lifecycle.activate",
    "security.authenticator.lifecycle.create",
    "security.authenticator.lifecycle.deactivate",
    "security.authenticator.lifecycle.update",
    "system.api_token.create",
    "system.api_token.revoke",
    "system.email.delivery",
    "system.idp.lifecycle.activate",
    "system.idp.lifecycle.create",
    "system.idp.lifecycle.deactivate",
    "system.idp.lifecycle.delete",
    "system.idp.lifecycle.update",
    "system.import.complete",
    "system.import.group.create",
    "system.import.group.delete",
    "system.import.roadblock",
    "system.import.start",
    "system.log_stream.lifecycle.activate",
    "system.log_stream.lifecycle.create",
    "system.log_stream.lifecycle.deactivate",
    "system.log_stream.lifecycle.delete",
    "system.log_stream.lifecycle.update",
    "system.org.rate_limit.violation",
    "system.org.rate_limit.warning",
    "system.sms.send_phone_verification_message",
    "system.voice.send_phone_verification_call",
    "user.account.lock",
    "user.account.privilege.grant",
    "user.account.privilege.revoke",
    "user.account.report_suspicious_activity_by_enduser",
    "user.account.reset_password",
    "user.account.unlock",
    "user.account.update_password",
    "user.account.update_profile",
    "user.authentication.auth_via_mfa",
    "user.authentication.authenticate",
    "user.authentication.sso",
    "user.credential.enroll",
    "user.import.password",
    "user.lifecycle.activate",
    "user.lifecycle.create",
    "user.lifecycle.deactivate",
    "user.lifecycle.delete.initiated",
    "user.lifecycle.reactivate",
    "user.lifecycle.suspend",
    "user.lifecycle.unsuspend",
    "user.mfa.factor.activate",
    "user.mfa.factor.deactivate",
    "user.mfa.factor.reset_all",
    "user.mfa.factor.suspend",
    "user.mfa.factor.unsuspend",
    "user.mfa.factor.update",
    "user.session.clear",
    "user.session.end",
    "user.session.start",
] as const;

export const EVENT_HOOK_ELIGIBLE_TYPES: ReadonlySet<string> = new Set(ELIGIBLE);

export function isEventHookEligible(eventType: string): boolean {
    return EVENT_HOOK_ELIGIBLE_TYPES.has(eventType);
}

/** The eligible type closest to a mistyped one (at most 3 edits away), for a "did you mean" hint. */
export function closestEligibleType(eventType: string): string | undefined {
    let best: { type: string; distance: number } | undefined;
    for (const type of ELIGIBLE) {
        const distance = editDistance(eventType, type);
        if (distance <= 3 && (!best || distance < best.distance)) {
            best = { type, distance };
        }
    }
    return best?.type;
}

/** Levenshtein distance: insertions, deletions and substitutions. */
function editDistance(a: string, b: string): number {
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
            current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        }
        previous = current;
    }
    return previous[b.length];
}
