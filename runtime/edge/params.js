const NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;
/** `number`, `1 | 2`, `boolean`, `string[]`, `readonly ("a" | "b")[]`, `Array<number>` … */
export function paramSpec(type) {
    let text = type.trim().replace(/^readonly\s+/, "");
    let array = false;
    const generic = /^(?:ReadonlyArray|Array)<(.*)>$/.exec(text);
    if (generic !== null) {
        array = true;
        text = generic[1];
    }
    else if (text.endsWith("[]")) {
        array = true;
        text = text.slice(0, -2).trim();
        if (text.startsWith("(") && text.endsWith(")"))
            text = text.slice(1, -1);
    }
    const members = text.split("|").map((member) => member.trim());
    const kind = members.every((m) => m === "number" || NUMBER.test(m))
        ? "number"
        : members.every((m) => m === "boolean" || m === "true" || m === "false")
            ? "boolean"
            : "string";
    return { kind, array };
}
export function canonicalValue(kind, raw) {
    if (kind === "number")
        return NUMBER.test(raw) ? String(Number(raw)) : raw;
    if (kind === "boolean")
        return raw === "1" ? "true" : raw === "0" ? "false" : raw;
    return raw;
}
export function contextShape(name, context) {
    return { name, params: new Map(Object.entries(context.params).map(([param, type]) => [param, paramSpec(type)])) };
}
/** The instance a query names: each given parameter canonical, in name order. */
export function instanceFromQuery(shape, query) {
    const out = Object.create(null);
    for (const name of [...new Set(query.keys())].sort()) {
        const spec = shape.params.get(name) ?? { kind: "string", array: false };
        const values = query.getAll(name).map((value) => canonicalValue(spec.kind, value));
        out[name] = spec.array || values.length > 1 ? values : values[0];
    }
    return out;
}
/** The instance a page route's parameters name (already percent-decoded). */
export function instanceFromRoute(shape, params) {
    const out = Object.create(null);
    for (const name of Object.keys(params).sort()) {
        const spec = shape.params.get(name) ?? { kind: "string", array: false };
        const value = canonicalValue(spec.kind, params[name]);
        out[name] = spec.array ? [value] : value;
    }
    return out;
}
