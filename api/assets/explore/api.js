// GraphQL over fetch, and what this server's schema offers (one introspection query at load),
// so the page uses fields other versions add (area wages, matching, similar roles, statements)
// only when they exist.

export class ApiError extends Error {
  constructor(message, errors) {
    super(message);
    this.errors = errors || [];
  }
  get code() {
    return this.errors[0]?.extensions?.code;
  }
}

/**
 * Runs a query; returns `data`, or throws ApiError with the errors' messages. With `partial`,
 * returns whatever data came back alongside field errors (e.g. one unknown slug of several).
 */
export async function gql(query, variables = {}, { partial = false } = {}) {
  let response;
  try {
    response = await fetch("/graphql", {
      method: "POST",
      // application/json: a query the server rejects answers 200 with `errors` (not a 400 the
      // browser would log as a failed resource); the page shows the message.
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new ApiError("The server could not be reached.");
  }
  let body;
  try {
    body = await response.json();
  } catch {
    throw new ApiError(`The server answered ${response.status} without GraphQL.`);
  }
  if (partial && body.data) return body.data;
  if (body.errors?.length) throw new ApiError(body.errors.map((e) => e.message).join("; "), body.errors);
  return body.data;
}

const TYPE_REF = "kind name ofType { kind name ofType { kind name ofType { kind name } } }";
const INTROSPECTION = `query ExplorerSchema { __schema { types { name kind
  fields { name args { name defaultValue type { ${TYPE_REF} } } type { ${TYPE_REF} } }
  enumValues { name } } } }`;

/** The schema as the page needs it: types by name, with fields by name. */
export class Schema {
  constructor(types) {
    this.known = Boolean(types);
    this.types = new Map();
    for (const t of types || []) {
      this.types.set(t.name, {
        kind: t.kind,
        fields: new Map((t.fields || []).map((f) => [f.name, f])),
        enumValues: (t.enumValues || []).map((v) => v.name),
      });
    }
  }
  has(type, field) {
    return Boolean(this.types.get(type)?.fields.has(field));
  }
  hasArg(type, field, arg) {
    return Boolean(this.types.get(type)?.fields.get(field)?.args.some((a) => a.name === arg));
  }
  enumHas(type, value) {
    return Boolean(this.types.get(type)?.enumValues.includes(value));
  }
  /** The named type a field returns (lists and non-null unwrapped). */
  fieldType(type, field) {
    let t = this.types.get(type)?.fields.get(field)?.type;
    while (t && (t.kind === "LIST" || t.kind === "NON_NULL")) t = t.ofType;
    return t?.name;
  }
  /** The named type of an argument. */
  argType(type, field, arg) {
    let t = this.types.get(type)?.fields.get(field)?.args.find((a) => a.name === arg)?.type;
    while (t && (t.kind === "LIST" || t.kind === "NON_NULL")) t = t.ofType;
    return t?.name;
  }
  /**
   * A selection of every field of `type` that needs no argument: scalars and enums as they
   * are, objects as their identifying fields (`slug`, `title`, `name`, `code`…) one level
   * down, or fully up to `depth`. For types whose exact shape the page does not know.
   */
  select(type, depth = 2) {
    const t = this.types.get(type);
    if (!t) return "__typename";
    const parts = [];
    for (const f of t.fields.values()) {
      if (f.args.some((a) => a.type.kind === "NON_NULL" && a.defaultValue === null)) continue;
      const named = this.fieldType(type, f.name);
      const target = this.types.get(named);
      if (!target || target.kind === "SCALAR" || target.kind === "ENUM") parts.push(f.name);
      else if (target.kind === "OBJECT") {
        const ids = ["slug", "key", "code", "title", "name", "acronym", "type", "kind", "url"].filter((n) => target.fields.has(n));
        if (["Role", "Skill", "Certification", "Source"].includes(named) || depth <= 1) {
          if (ids.length) parts.push(`${f.name} { ${ids.join(" ")} }`);
        } else parts.push(`${f.name} { ${this.select(named, depth - 1)} }`);
      }
    }
    return parts.join(" ") || "__typename";
  }
}

let schemaPromise;
/** The schema, introspected once; an unknown schema (introspection off) when that fails. */
export function loadSchema() {
  schemaPromise ??= gql(INTROSPECTION).then(
    (d) => new Schema(d.__schema.types),
    () => new Schema(null),
  );
  return schemaPromise;
}

/** A value at the first of several dotted paths that holds one (for shapes that vary). */
export function pick(obj, ...paths) {
  for (const path of paths) {
    let v = obj;
    for (const part of path.split(".")) v = v?.[part];
    if (v !== null && v !== undefined) return v;
  }
  return undefined;
}

export const SOURCE = "key title kind publisher url attribution";
