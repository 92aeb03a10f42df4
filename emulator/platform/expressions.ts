/**
 * The small part of Okta's expression language that app username templates and app user profile mappings use:
 * `${source.login}`, `${fn:substringBefore(source.email, "@")}`, `${String.toLowerCase(user.firstName)}`, mixed with
 * literal text. `source` and `user` both name the Okta user's profile.
 */

const FUNCTIONS: Record<string, (value: string, argument?: string) => string> = {
    substringBefore: (value, sep = "") => (value.includes(sep) ? value.slice(0, value.indexOf(sep)) : value),
    substringAfter: (value, sep = "") => (value.includes(sep) ? value.slice(value.indexOf(sep) + sep.length) : ""),
    toLowerCase: (value) => value.toLowerCase(),
    toUpperCase: (value) => value.toUpperCase(),
};

const ATTRIBUTE = /^(?:source|user)\.([A-Za-z_][\w]*)$/;
const CALL = /^(?:fn:|String\.)(\w+)\(\s*((?:source|user)\.[A-Za-z_][\w]*)\s*(?:,\s*"([^"]*)"\s*)?\)$/;
const PLACEHOLDER = /\$\{([^}]*)\}/g;

/** Why a template cannot be evaluated, or undefined when it can. */
export function templateProblem(template: string): string | undefined {
    for (const [, expression] of template.matchAll(PLACEHOLDER)) {
        const call = CALL.exec(expression.trim());
        if (call ? !FUNCTIONS[call[1]] : !ATTRIBUTE.test(expression.trim())) {
            return `unsupported expression \${${expression}}`;
        }
    }
    return undefined;
}

/**
 * Evaluates a template against a user profile. A template that is one bare expression keeps the attribute's own
 * value (null stays null); otherwise the parts are joined as text.
 */
export function evaluateTemplate(template: string, profile: Record<string, unknown>): unknown {
    const whole = /^\$\{([^}]*)\}$/.exec(template);
    if (whole) {
        return evaluateExpression(whole[1].trim(), profile) ?? null;
    }
    return template.replace(PLACEHOLDER, (_, expression: string) => String(evaluateExpression(expression.trim(), profile) ?? ""));
}

/** Evaluates each string of a profile mapping that holds an expression; other values are literals. */
export function evaluateMapping(mapping: Record<string, unknown>, profile: Record<string, unknown>): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(mapping)) {
        result[key] = typeof value === "string" && value.includes("${") ? evaluateTemplate(value, profile) : value;
    }
    return result;
}

function evaluateExpression(expression: string, profile: Record<string, unknown>): unknown {
    const attribute = ATTRIBUTE.exec(expression);
    if (attribute) {
        return profile[attribute[1]];
    }
    const call = CALL.exec(expression);
    if (call && FUNCTIONS[call[1]]) {
        const value = profile[ATTRIBUTE.exec(call[2])![1]];
        return value === undefined || value === null ? null : FUNCTIONS[call[1]](String(value), call[3]);
    }
    return null;
}
