/**
 * Okta's SCIM-like expression language, shared by `filter` and `search` on users, groups, apps, realms and the System
 * Log (docs/okta/filters.md#expression-language): `attr op "value"`, `attr pr`, `and`, `or`, parentheses. Attribute
 * names are case-sensitive, operators and keywords are not. Each endpoint narrows what it accepts with `FilterRules`.
 */

export type Operator = "eq" | "ne" | "gt" | "ge" | "lt" | "le" | "sw" | "ew" | "co" | "pr";
export type FilterValue = string | number | boolean | null;

export type FilterNode =
    | { kind: "compare"; attribute: string; operator: Operator; value: FilterValue }
    | { kind: "present"; attribute: string }
    | { kind: "and"; left: FilterNode; right: FilterNode }
    | { kind: "or"; left: FilterNode; right: FilterNode };

/**
 * Why an expression was refused; endpoints turn it into their own Okta error (E0000031, E0000053, ...). `position`
 * (0-based offset in the expression) and `token` name the offending word when there is one, for endpoints whose Okta
 * messages quote them (the System Log's "Unrecognized attribute operator 'eqq' at position 16").
 */
export class FilterSyntaxError extends Error {
    constructor(
        message: string,
        readonly position?: number,
        readonly token?: string,
    ) {
        super(message);
    }
}

/** What one endpoint accepts. */
export interface FilterRules {
    /** Operators allowed on an attribute; return undefined when the attribute is not searchable at all. */
    operatorsFor(attribute: string): readonly Operator[] | undefined;
    /** Whether string comparisons ignore case (`search`) or not (`filter`). */
    caseInsensitive: boolean;
}

const OPERATORS = new Set<string>(["eq", "ne", "gt", "ge", "lt", "le", "sw", "ew", "co", "pr"]);

type Token = { type: "word" | "string" | "number" | "lparen" | "rparen"; text: string; start: number; value?: FilterValue };

function tokenize(source: string): Token[] {
    const tokens: Token[] = [];
    let i = 0;
    while (i < source.length) {
        const ch = source[i];
        if (/\s/.test(ch)) {
            i++;
        } else if (ch === "(" || ch === ")") {
            tokens.push({ type: ch === "(" ? "lparen" : "rparen", text: ch, start: i });
            i++;
        } else if (ch === '"') {
            let end = i + 1;
            while (end < source.length && source[end] !== '"') {
                end += source[end] === "\\" ? 2 : 1;
            }
            if (end >= source.length) {
                throw new FilterSyntaxError(`Unterminated string starting at position ${i}`);
            }
            const text = source.slice(i, end + 1);
            let value: string;
            try {
                value = JSON.parse(text) as string;
            } catch {
                throw new FilterSyntaxError(`Invalid string ${text}`);
            }
            tokens.push({ type: "string", text, start: i, value });
            i = end + 1;
        } else {
            const match = /^[^\s()"]+/.exec(source.slice(i))!;
            const text = match[0];
            if (/^-?\d+(\.\d+)?$/.test(text)) {
                tokens.push({ type: "number", text, start: i, value: Number(text) });
            } else {
                tokens.push({ type: "word", text, start: i });
            }
            i += text.length;
        }
    }
    return tokens;
}

const MAX_NESTING = 100;

/** Parses an expression; throws FilterSyntaxError with a message fit for an errorCause. */
export function parseFilter(source: string): FilterNode {
    const tokens = tokenize(source);
    let position = 0;
    let depth = 0;
    const peek = () => tokens[position];
    const keyword = (word: string) => peek()?.type === "word" && peek().text.toLowerCase() === word;

    const parseOr = (): FilterNode => {
        let node = parseAnd();
        while (keyword("or")) {
            position++;
            node = { kind: "or", left: node, right: parseAnd() };
        }
        return node;
    };
    const parseAnd = (): FilterNode => {
        let node = parseTerm();
        while (keyword("and")) {
            position++;
            node = { kind: "and", left: node, right: parseTerm() };
        }
        return node;
    };
    const parseTerm = (): FilterNode => {
        const token = peek();
        if (!token) {
            throw new FilterSyntaxError("Unexpected end of expression");
        }
        if (token.type === "lparen") {
            position++;
            // Deep nesting would exhaust the stack (a 500); no real query needs more than a few levels.
            if (++depth > MAX_NESTING) {
                throw new FilterSyntaxError(`Parentheses cannot be nested more than ${MAX_NESTING} deep`);
            }
            const node = parseOr();
            depth--;
            if (peek()?.type !== "rparen") {
                throw new FilterSyntaxError("Missing closing parenthesis");
            }
            position++;
            return node;
        }
        if (token.type !== "word" || keyword("not")) {
            throw new FilterSyntaxError(`Unexpected '${token.text}' where an attribute was expected`);
        }
        position++;
        const attribute = token.text;
        const opToken = peek();
        const operator = opToken?.type === "word" ? opToken.text.toLowerCase() : undefined;
        if (!operator || !OPERATORS.has(operator)) {
            throw new FilterSyntaxError(
                `Unrecognized attribute operator '${opToken?.text ?? ""}' after ${attribute}`,
                opToken?.start ?? source.length,
                opToken?.text ?? "",
            );
        }
        position++;
        if (operator === "pr") {
            return { kind: "present", attribute };
        }
        return { kind: "compare", attribute, operator: operator as Operator, value: parseValue() };
    };
    const parseValue = (): FilterValue => {
        const token = peek();
        position++;
        if (token?.type === "string" || token?.type === "number") {
            return token.value!;
        }
        const word = token?.text.toLowerCase();
        if (word === "true" || word === "false") {
            return word === "true";
        }
        if (word === "null") {
            return null;
        }
        throw new FilterSyntaxError(`Invalid value '${token?.text ?? ""}': strings must be double-quoted`);
    };

    const node = parseOr();
    if (position < tokens.length) {
        throw new FilterSyntaxError(`Unexpected '${tokens[position].text}'`);
    }
    return node;
}

/** Checks every attribute and operator of a parsed expression against an endpoint's rules. */
export function checkFilter(node: FilterNode, rules: FilterRules): void {
    if (node.kind === "and" || node.kind === "or") {
        checkFilter(node.left, rules);
        checkFilter(node.right, rules);
        return;
    }
    const allowed = rules.operatorsFor(node.attribute);
    if (!allowed) {
        throw new FilterSyntaxError(`Unsupported attribute '${node.attribute}'`);
    }
    const operator = node.kind === "present" ? "pr" : node.operator;
    if (!allowed.includes(operator)) {
        throw new FilterSyntaxError(`Operator '${operator}' is not supported on '${node.attribute}'`);
    }
}

/** Parses and checks in one step: what an endpoint calls on its query parameter. */
export function compileFilter(source: string, rules: FilterRules): (item: unknown) => boolean {
    const node = parseFilter(source);
    checkFilter(node, rules);
    return (item) => evaluate(node, item, rules.caseInsensitive);
}

/**
 * Reads a dotted attribute path (`profile.login`, `type.id`) from an object. An array met on the way is mapped over,
 * so `target.id` on a System Log event yields every target's id (matched when any element does).
 */
export function attributeValue(item: unknown, attribute: string): unknown {
    let current: unknown = item;
    for (const part of attribute.split(".")) {
        if (Array.isArray(current)) {
            current = current.flatMap((element) => {
                const value = childValue(element, part);
                return value === undefined ? [] : [value];
            });
        } else {
            current = childValue(current, part);
        }
        if (current === undefined) {
            return undefined;
        }
    }
    return current;
}

function childValue(container: unknown, key: string): unknown {
    if (container === null || typeof container !== "object") {
        return undefined;
    }
    return (container as Record<string, unknown>)[key];
}

export function evaluate(node: FilterNode, item: unknown, caseInsensitive: boolean): boolean {
    switch (node.kind) {
        case "and":
            return evaluate(node.left, item, caseInsensitive) && evaluate(node.right, item, caseInsensitive);
        case "or":
            return evaluate(node.left, item, caseInsensitive) || evaluate(node.right, item, caseInsensitive);
        case "present": {
            const value = attributeValue(item, node.attribute);
            return value !== undefined && value !== null && value !== "" && !(Array.isArray(value) && value.length === 0);
        }
        case "compare": {
            const value = attributeValue(item, node.attribute);
            // Array attributes match when any element does (Okta's search on multi-valued profile attributes).
            const candidates = Array.isArray(value) ? value : [value];
            return candidates.some((candidate) => compare(candidate, node.operator, node.value, caseInsensitive));
        }
    }
}

function compare(actual: unknown, operator: Operator, expected: FilterValue, caseInsensitive: boolean): boolean {
    if (actual === undefined) {
        return operator === "ne" ? expected !== null : false;
    }
    const fold = (v: unknown) => (caseInsensitive && typeof v === "string" ? v.toLowerCase() : v);
    const a = fold(actual);
    const e = fold(expected);
    switch (operator) {
        case "eq":
            return a === e;
        case "ne":
            return a !== e;
        case "sw":
            return typeof a === "string" && typeof e === "string" && a.startsWith(e);
        case "ew":
            return typeof a === "string" && typeof e === "string" && a.endsWith(e);
        case "co":
            return typeof a === "string" && typeof e === "string" && a.includes(e);
        case "gt":
        case "ge":
        case "lt":
        case "le": {
            if (a === null || e === null || typeof a !== typeof e) {
                return false;
            }
            // ISO timestamps compare correctly as strings; numbers as numbers.
            const order = (a as string | number) < (e as string | number) ? -1 : a === e ? 0 : 1;
            return operator === "gt" ? order > 0 : operator === "ge" ? order >= 0 : operator === "lt" ? order < 0 : order <= 0;
        }
        case "pr":
            return a !== null && a !== "";
    }
}
