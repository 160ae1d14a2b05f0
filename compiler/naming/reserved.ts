// Names the generated files print whatever the project declares. The names
// chosen for the user's types and classes stay off them.

/** Globals the generated files print (`Promise<…>`, `Date | string`, `Parameters<typeof …>`...). */
export const GLOBALS = ["Array", "Date", "Parameters", "Promise", "ReadonlyArray", "Record", "Response"];

/** client.ts's export besides the stubs and the types: a method cannot take it (MZ1010). */
export const CLIENT_CONTEXTS = "contexts";

/**
 * routes.ts's own names: its imports from mizan/server, its tables, its
 * export, and the parameters of each handler (which would hide a class).
 */
export const ROUTES_LOCALS = [
  "z", "wire", "RouteTable", "RouteContext", "RouteFunction", "TypedRead", "TypedCall", "ResultShape", "StandardOutput", "ReturnType",
  "query", "args", "results", "table", "Routes", "routes", "req", "_req", "a", "_a",
];

/**
 * Object.prototype's names (`toString`, `constructor`...): TypeScript reads
 * the contextual type of an object literal's key by that name from Object
 * before a record's index signature, so in the route table such an entry
 * would be typed by no RouteFunction and its literals widened. routes.ts
 * types these entries itself (templates/routes.ts).
 */
export const OBJECT_MEMBERS: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));
