// Every diagnostic Mizan reports, with a stable code and a fix hint. Codes
// are never reused: a retired code stays here, marked as such.
// MZ1xxx declarations, MZ2xxx types, MZ3xxx contexts and affects,
// MZ4xxx view paths, MZ5xxx client code (the transformer and bundler plugin),
// MZ6xxx the project's set-up (module resolution, compiler options).

export interface CatalogEntry {
  title: string;
  hint: string;
}

export const CATALOG = {
  MZ1001: {
    title: "@client is only for static methods of classes",
    hint: "Make the method `static` and put it in a class; instance methods, fields and functions cannot be routed.",
  },
  MZ1002: {
    title: "the class of a @client method must be exported from its module",
    hint: "Add `export` to the class so the generated route table can import it.",
  },
  MZ1003: {
    title: "a @client option must be known at build time",
    hint: "Write the options as an object literal of literals, context handles and names; no computed values.",
  },
  MZ1004: {
    title: "unknown @client option",
    hint: "The options are `context`, `affects`, `private`, `requireUser`, `route` and `methods`.",
  },
  MZ1005: {
    title: "duplicate wire function name",
    hint: "Wire names are the method names and are unique in a project; rename one of the methods.",
  },
  MZ1006: {
    title: "a @client method must be reachable from the generated route table",
    hint: "Remove `private`/`protected` or the `#` prefix; hide a server-internal function with `private: true` in the options instead.",
  },
  MZ1007: {
    title: "`context` and `affects` cannot be used together",
    hint: "A function either reads a context (`context:`) or changes data (`affects:`); split it into two functions.",
  },
  MZ1008: {
    title: "invalid `methods`",
    hint: "`methods` applies to view paths only (with `route`); use GET, POST, PUT, PATCH or DELETE.",
  },
  MZ1009: {
    title: "`private` cannot be used on a context read",
    hint: "Context reads are fetched by clients; drop `private: true` or drop `context:`.",
  },
  MZ1010: {
    title: "a @client method needs a plain, unreserved name",
    hint: "Use an identifier that is not a JavaScript reserved word nor `contexts`: it becomes the wire name and the stub's name.",
  },
  MZ2001: {
    title: "type cannot be represented in JSON",
    hint: "Use JSON data: strings, numbers, booleans, null, arrays, tuples, plain objects, literal unions and Date.",
  },
  MZ2002: {
    title: "context and view-path parameters must be URL-safe scalars",
    hint: "Use string, number, boolean, a literal union, or an array of these; they travel in the query string.",
  },
  MZ2003: {
    title: "context parameter declared with different types",
    hint: "Functions of a context share their parameters by name; give the parameter one type everywhere or rename it.",
  },
  MZ2004: {
    title: "unsupported parameter form",
    hint: "Wire parameters are named by their declared names: no destructuring, no rest parameters.",
  },
  MZ2005: {
    title: "`Req` must be the first parameter",
    hint: "Move the `req: Req` parameter first; it is injected by the server and is not a wire parameter.",
  },
  MZ2006: {
    title: "a parameter's type could not be analysed",
    hint: "Give the parameter a plain data type (a generic that expands without end cannot be followed); if the type is ordinary, report the message as a bug in Mizan.",
  },
  MZ2007: {
    title: "type cannot be checked exactly at run time",
    hint: "Use a template literal of strings, numbers and literals (checked by a regular expression), a string index, or a Record over a template literal alone; never a wider type than declared.",
  },
  MZ3001: {
    title: "unknown `affects` target",
    hint: "Name a context (its handle or its wire name) or a function that belongs to a context.",
  },
  MZ3002: {
    title: "ambiguous `affects` target",
    hint: "The name is both a context and a function; pass the context handle to mean the context.",
  },
  MZ3003: {
    title: "invalid context name",
    hint: "Context names start with a letter and use letters, digits, `_` and `-` (at most 63 characters).",
  },
  MZ3004: {
    title: "context defined twice",
    hint: "Each wire name belongs to one `defineContext` call; import the existing handle instead.",
  },
  MZ3005: {
    title: "context name must be a string literal",
    hint: 'Write `defineContext("name")` with the name spelled out, so the build can read it.',
  },
  MZ3006: {
    title: "unknown context",
    hint: "Pass a handle returned by `defineContext`, or the wire name of a defined context.",
  },
  MZ3007: {
    title: "`affects` names a function that is not a context read",
    hint: "Only functions that belong to a context can be invalidated; name the context or one of its functions.",
  },
  MZ4001: {
    title: "route parameter is not a parameter of the function",
    hint: "Every `:name` in `route` must be a wire parameter of the function with the same name.",
  },
  MZ4002: {
    title: "invalid route",
    hint: "A route starts with `/`, uses `:name` segments for parameters, and stays outside the base path.",
  },
  MZ4003: {
    title: "two view paths serve the same route and method",
    hint: "Give one of them another route or another method.",
  },
  MZ5001: {
    title: "client code calls a private function",
    hint: "Private functions are server-internal (webhooks, jobs); call a public function, or drop `private: true`.",
  },
  MZ5002: {
    title: "client code calls an unknown function",
    hint: "Call a function declared with @client; check the spelling of the name.",
  },
  MZ6001: {
    title: "`mizan` does not resolve from a file that imports it",
    hint: "Install mizan where the file's package can see it (in a monorepo, as a dependency of that workspace package), or map it with `paths` in tsconfig.json.",
  },
  MZ6002: {
    title: "`mizan` is installed but its types cannot be read",
    hint: 'Set `"moduleResolution"` to "node16", "nodenext" or "bundler" (node10 reads only a mizan that publishes `typesVersions`; classic never reads node_modules), and check that the package is built.',
  },
} satisfies Record<string, CatalogEntry>;

export type DiagnosticCode = keyof typeof CATALOG;
