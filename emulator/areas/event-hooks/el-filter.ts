/**
 * Event hook filters: the subset of the Okta Expression Language Okta accepts in `events.filter.eventFilterMap[]`
 * conditions (Okta help "Okta Expression Language and event hooks"; SPEC example
 * `event.target.?[type eq 'UserGroup'].size()>0 && event.target.?[displayName eq 'Sales'].size()>0`).
 *
 * - Fields: `event.eventType`, `event.outcome.{result, reason}`, `event.actor.{id, type, alternateId, displayName}`,
 *   `event.debugData.changedAttributes`, and the targets through a selection `event.target.?[<condition>]` whose
 *   condition reads `id`, `type`, `alternateId`, `displayName` of each target; `.size()` counts a selection.
 * - Operators: `eq`, `ne` (also `==`, `!=`), `gt ge lt le` (also `> >= < <=`), `&&`/`and`, `||`/`or`, `!`/`not`,
 *   parentheses; string literals in single or double quotes, numbers, `true`, `false`, `null`.
 * The whole expression must be a condition (evaluate to a boolean).
 */

type CompareOp = "eq" | "ne" | "gt" | "ge" | "lt" | "le";

type Expr =
    | { kind: "literal"; value: string | number | boolean | null }
    | { kind: "name"; name: string }
    | { kind: "member"; object: Expr; name: string }
    | { kind: "size"; object: Expr }
    | { kind: "select"; object: Expr; predicate: Expr }
    | { kind: "compare"; op: CompareOp; left: Expr; right: Expr }
    | { kind: "and" | "or"; left: Expr; right: Expr }
    | { kind: "not"; operand: Expr };

export class ExpressionError extends Error {}

/** A compiled condition: true when the event passes the filter. */
export type EventCondition = (event: unknown) => boolean;

/** Parses and checks a condition; throws ExpressionError with a message fit for an errorCause. */
export function compileCondition(source: string): EventCondition {
    const expr = new Parser(source).parseAll();
    checkFields(expr, "event");
    if (!isCondition(expr)) {
        throw new ExpressionError("The expression must evaluate to a Boolean");
    }
    return (event) => evaluate(expr, { event, element: undefined }) === true;
}

/** Top-level fields a filter may read; `debugData` maps to `debugContext.debugData`. */
const EVENT_FIELDS = new Set([
    "event.eventType",
    "event.outcome.result",
    "event.outcome.reason",
    "event.actor.id",
    "event.actor.type",
    "event.actor.alternateId",
    "event.actor.displayName",
    "event.debugData.changedAttributes",
]);
const TARGET_FIELDS = new Set(["id", "type", "alternateId", "displayName"]);

// --- tokens -------------------------------------------------------------------------------------------------------

type Token =
    | { type: "name"; text: string; at: number }
    | { type: "string" | "number"; value: string | number; text: string; at: number }
    | { type: "punct"; text: string; at: number };

const PUNCTUATION = [".?[", "?[", "&&", "||", "==", "!=", ">=", "<=", ">", "<", "!", "(", ")", "]", "."];
const WORD_OPERATORS: Record<string, string> = {
    eq: "==",
    ne: "!=",
    gt: ">",
    ge: ">=",
    lt: "<",
    le: "<=",
    and: "&&",
    or: "||",
    not: "!",
};

function tokenize(source: string): Token[] {
    const tokens: Token[] = [];
    let i = 0;
    while (i < source.length) {
        const ch = source[i];
        if (/\s/.test(ch)) {
            i++;
            continue;
        }
        if (ch === "'" || ch === '"') {
            let value = "";
            let end = i + 1;
            for (;;) {
                if (end >= source.length) {
                    throw new ExpressionError(`Unterminated string starting at position ${i}`);
                }
                if (source[end] === ch) {
                    // A doubled quote is an escaped quote, as in SpEL.
                    if (source[end + 1] === ch) {
                        value += ch;
                        end += 2;
                        continue;
                    }
                    break;
                }
                value += source[end++];
            }
            tokens.push({ type: "string", value, text: source.slice(i, end + 1), at: i });
            i = end + 1;
            continue;
        }
        const number = /^\d+(\.\d+)?/.exec(source.slice(i));
        if (number) {
            tokens.push({ type: "number", value: Number(number[0]), text: number[0], at: i });
            i += number[0].length;
            continue;
        }
        const name = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(source.slice(i));
        if (name) {
            const word = name[0];
            const operator = WORD_OPERATORS[word.toLowerCase()];
            tokens.push(operator ? { type: "punct", text: operator, at: i } : { type: "name", text: word, at: i });
            i += word.length;
            continue;
        }
        const punct = PUNCTUATION.find((p) => source.startsWith(p, i));
        if (!punct) {
            throw new ExpressionError(`Unexpected character '${ch}' at position ${i}`);
        }
        tokens.push({ type: "punct", text: punct === "?[" ? ".?[" : punct, at: i });
        i += punct.length;
    }
    return tokens;
}

// --- parser -------------------------------------------------------------------------------------------------------

const COMPARE_OPS: Record<string, CompareOp> = { "==": "eq", "!=": "ne", ">": "gt", ">=": "ge", "<": "lt", "<=": "le" };
/** Deeper nesting than this is refused rather than risking the stack. */
const MAX_DEPTH = 64;

class Parser {
    private readonly tokens: Token[];
    private position = 0;
    private depth = 0;

    constructor(private readonly source: string) {
        if (source.length > 4096) {
            throw new ExpressionError("The expression cannot exceed 4096 characters");
        }
        this.tokens = tokenize(source);
    }

    parseAll(): Expr {
        if (this.tokens.length === 0) {
            throw new ExpressionError("The expression cannot be empty");
        }
        const expr = this.parseOr();
        const extra = this.peek();
        if (extra) {
            throw new ExpressionError(`Unexpected '${extra.text}' at position ${extra.at}`);
        }
        return expr;
    }

    private parseOr(): Expr {
        let left = this.parseAnd();
        while (this.accept("||")) {
            left = { kind: "or", left, right: this.parseAnd() };
        }
        return left;
    }

    private parseAnd(): Expr {
        let left = this.parseUnary();
        while (this.accept("&&")) {
            left = { kind: "and", left, right: this.parseUnary() };
        }
        return left;
    }

    private parseUnary(): Expr {
        if (this.accept("!")) {
            return this.nested(() => ({ kind: "not", operand: this.parseUnary() }));
        }
        const left = this.parsePostfix();
        const token = this.peek();
        const op = token?.type === "punct" ? COMPARE_OPS[token.text] : undefined;
        if (!op) {
            return left;
        }
        this.position++;
        return { kind: "compare", op, left, right: this.parsePostfix() };
    }

    private parsePostfix(): Expr {
        let expr = this.parsePrimary();
        for (;;) {
            if (this.accept(".")) {
                const name = this.expectName();
                if (this.accept("(")) {
                    this.expect(")");
                    if (name !== "size") {
                        throw new ExpressionError(`Unsupported method '${name}()'; only size() is available`);
                    }
                    expr = { kind: "size", object: expr };
                } else {
                    expr = { kind: "member", object: expr, name };
                }
            } else if (this.accept(".?[")) {
                const predicate = this.nested(() => this.parseOr());
                this.expect("]");
                expr = { kind: "select", object: expr, predicate };
            } else {
                return expr;
            }
        }
    }

    private parsePrimary(): Expr {
        const token = this.peek();
        if (!token) {
            throw new ExpressionError("Unexpected end of expression");
        }
        this.position++;
        if (token.type === "string" || token.type === "number") {
            return { kind: "literal", value: token.value };
        }
        if (token.type === "name") {
            if (token.text === "true" || token.text === "false") {
                return { kind: "literal", value: token.text === "true" };
            }
            if (token.text === "null") {
                return { kind: "literal", value: null };
            }
            return { kind: "name", name: token.text };
        }
        if (token.text === "(") {
            const expr = this.nested(() => this.parseOr());
            this.expect(")");
            return expr;
        }
        throw new ExpressionError(`Unexpected '${token.text}' at position ${token.at}`);
    }

    private nested<T>(parse: () => T): T {
        if (++this.depth > MAX_DEPTH) {
            throw new ExpressionError("The expression is nested too deeply");
        }
        try {
            return parse();
        } finally {
            this.depth--;
        }
    }

    private peek(): Token | undefined {
        return this.tokens[this.position];
    }

    private accept(punct: string): boolean {
        const token = this.peek();
        if (token?.type === "punct" && token.text === punct) {
            this.position++;
            return true;
        }
        return false;
    }

    private expect(punct: string): void {
        if (!this.accept(punct)) {
            const token = this.peek();
            throw new ExpressionError(
                token
                    ? `Expected '${punct}' at position ${token.at}, found '${token.text}'`
                    : `Expected '${punct}' before the end of the expression`,
            );
        }
    }

    private expectName(): string {
        const token = this.peek();
        if (token?.type !== "name") {
            throw new ExpressionError(`Expected a property name at position ${token?.at ?? this.source.length}`);
        }
        this.position++;
        return token.text;
    }
}

// --- checks -------------------------------------------------------------------------------------------------------

/** Dotted path of a member chain (`event.actor.id`), or undefined when the chain is not a plain path. */
function pathOf(expr: Expr): string | undefined {
    if (expr.kind === "name") {
        return expr.name;
    }
    if (expr.kind === "member") {
        const base = pathOf(expr.object);
        return base === undefined ? undefined : `${base}.${expr.name}`;
    }
    return undefined;
}

/** Refuses fields Okta does not let filters read. `scope` is "event" at top level, "target" inside a selection. */
function checkFields(expr: Expr, scope: "event" | "target"): void {
    switch (expr.kind) {
        case "literal":
            return;
        case "name":
        case "member": {
            const path = pathOf(expr);
            const allowed = scope === "event" ? EVENT_FIELDS : TARGET_FIELDS;
            if (path === undefined || !allowed.has(path)) {
                throw new ExpressionError(
                    scope === "event"
                        ? `Unsupported field '${path ?? "expression"}'; filters can read ` +
                          `${[...EVENT_FIELDS].join(", ")} and event.target.?[...]`
                        : `Unsupported target field '${path ?? "expression"}'; use ${[...TARGET_FIELDS].join(", ")}`,
                );
            }
            return;
        }
        case "select":
            if (scope !== "event" || pathOf(expr.object) !== "event.target") {
                throw new ExpressionError("Selections are only supported on event.target");
            }
            checkFields(expr.predicate, "target");
            if (!isCondition(expr.predicate)) {
                throw new ExpressionError("A selection condition must evaluate to a Boolean");
            }
            return;
        case "size":
            checkFields(expr.object, scope);
            return;
        case "compare":
            checkFields(expr.left, scope);
            checkFields(expr.right, scope);
            return;
        case "and":
        case "or":
            checkFields(expr.left, scope);
            checkFields(expr.right, scope);
            return;
        case "not":
            checkFields(expr.operand, scope);
            return;
    }
}

function isCondition(expr: Expr): boolean {
    switch (expr.kind) {
        case "compare":
        case "and":
        case "or":
        case "not":
            return true;
        case "literal":
            return typeof expr.value === "boolean";
        default:
            return false;
    }
}

// --- evaluation ---------------------------------------------------------------------------------------------------

interface Scope {
    event: unknown;
    element: unknown;
}

function evaluate(expr: Expr, scope: Scope): unknown {
    switch (expr.kind) {
        case "literal":
            return expr.value;
        case "name":
            return scope.element === undefined ? (expr.name === "event" ? scope.event : undefined) : property(scope.element, expr.name);
        case "member": {
            const object = evaluate(expr.object, scope);
            // Filters say `event.debugData`; the LogEvent keeps it under `debugContext`.
            if (expr.name === "debugData" && expr.object.kind === "name" && expr.object.name === "event") {
                return property(property(object, "debugContext"), "debugData");
            }
            return property(object, expr.name);
        }
        case "size": {
            const value = evaluate(expr.object, scope);
            return Array.isArray(value) || typeof value === "string" ? value.length : 0;
        }
        case "select": {
            const list = evaluate(expr.object, scope);
            return Array.isArray(list) ? list.filter((element) => evaluate(expr.predicate, { event: scope.event, element }) === true) : [];
        }
        case "compare":
            return compare(expr.op, evaluate(expr.left, scope), evaluate(expr.right, scope));
        case "and":
            return evaluate(expr.left, scope) === true && evaluate(expr.right, scope) === true;
        case "or":
            return evaluate(expr.left, scope) === true || evaluate(expr.right, scope) === true;
        case "not":
            return evaluate(expr.operand, scope) !== true;
    }
}

function property(object: unknown, name: string): unknown {
    if (object === null || typeof object !== "object" || Array.isArray(object)) {
        return undefined;
    }
    return (object as Record<string, unknown>)[name];
}

function compare(op: CompareOp, left: unknown, right: unknown): boolean {
    const a = left === undefined ? null : left;
    const b = right === undefined ? null : right;
    if (op === "eq") {
        return a === b;
    }
    if (op === "ne") {
        return a !== b;
    }
    if (typeof a !== typeof b || (typeof a !== "number" && typeof a !== "string")) {
        return false;
    }
    const x = a as number | string;
    const y = b as number | string;
    return op === "gt" ? x > y : op === "ge" ? x >= y : op === "lt" ? x < y : x <= y;
}
