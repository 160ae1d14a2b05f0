// Every diagnostic Mizan reports, with a stable code and a fix hint. Codes
// are never reused: a retired code stays here, marked as such.
// MZ1xxx declarations, MZ2xxx types, MZ3xxx contexts and affects,
// MZ4xxx view paths, MZ5xxx client code (the transformer and bundler plugin),
// MZ6xxx the project's set-up (module resolution, compiler options).

export interface CatalogEntry {
  title: string;
  hint: string;
  /**
   * The message templates of the code, by name, as TypeScript's
   * diagnosticMessages: `{0}`, `{1}` … are filled in order by `diagnostic()`
   * (diagnostic.ts), whose type counts them.
   */
  messages: Record<string, string>;
  /** A warning is printed and the run goes on (it writes, and exits 0); a code without one is an error. */
  severity?: "warning";
}

export const CATALOG = {
  MZ1001: {
    title: "@client is only for static methods of classes",
    hint: "Make the method `static` and put it in a class; instance methods, fields and functions cannot be routed.",
    messages: {
      notStatic: "@client is on {0}, not a static method",
    },
  },
  MZ1002: {
    title: "the class of a @client method must be exported from its module",
    hint: "Declare the class at the top level of its module and export it as a value, `export class Api { … }`, so the generated route table can import it; a workspace package's class, from the package's entry or a subpath of its `exports`.",
    messages: {
      notExported: "class `{0}` is not exported",
      typeOnly: "class `{0}` is exported as a type only (`export type`), so there is no value to import",
      nested: "class `{0}` is declared inside {1}, where the route table cannot import it from",
      expression: "the class of this method is a class expression ({0}), which the route table cannot import: only a class declaration is",
      unpublished: "class `{0}` is in the package \"{1}\" ({2}), whose entries do not export it as a value (nor any subpath of its `exports` names its module): the route table could import it only by a path into the package's folder, which the package does not publish (its built files are elsewhere)",
    },
  },
  MZ1003: {
    title: "a @client option must be known at build time",
    hint: "Write the options as an object literal of literals, context handles and names; no computed values.",
    messages: {
      decoratorNotCalled: "write `@client()` or `@client({ ... })`: the decorator takes options",
      clientOptions: "the options of @client must be an object literal",
      spread: "spread and methods are not allowed in @client options",
      value: "{0} is not known at build time",
      contextOptions: "the options of defineContext must be an object literal",
      viewUrls: "`viewUrls` must be an array literal of strings",
      viewUrl: "a view URL is not known at build time",
    },
  },
  MZ1004: {
    title: "unknown @client option",
    hint: "The options are `context`, `affects`, `private`, `requireUser`, `route`, `methods` and `scopeBy`.",
    messages: {
      unknownOption: "unknown option `{0}`",
    },
  },
  MZ1005: {
    title: "duplicate wire function name",
    hint: "Wire names are the method names and are unique in a project; rename one of the methods.",
    messages: {
      duplicate: "function \"{0}\" is already declared at {1}",
      first: "the first function \"{0}\"",
    },
  },
  MZ1006: {
    title: "a @client method must be reachable from the generated route table",
    hint: "Remove `private`/`protected` or the `#` prefix; hide a server-internal function with `private: true` in the options instead.",
    messages: {
      notPublic: "`{0}` is not public",
    },
  },
  MZ1007: {
    title: "`context` and `affects` cannot be used together",
    hint: "A function either reads a context (`context:`) or changes data (`affects:`); split it into two functions.",
    messages: {
      both: "\"{0}\" both reads context \"{1}\" and declares `affects`",
    },
  },
  MZ1008: {
    title: "invalid `methods`",
    hint: "`methods` applies to view paths only (with `route`); use GET, POST, PUT, PATCH or DELETE.",
    messages: {
      withoutRoute: "`methods` is set without `route`",
      empty: "`methods` is empty",
      unknownMethod: "`{0}` is not a method Mizan serves",
    },
  },
  MZ1009: {
    title: "`private` cannot be used on a context read",
    hint: "Context reads are fetched by clients; drop `private: true` or drop `context:`.",
    messages: {
      privateRead: "\"{0}\" reads context \"{1}\" and cannot be private",
    },
  },
  MZ1010: {
    title: "a @client method needs a plain, unreserved name",
    hint: "Use an identifier that is not a JavaScript reserved word, `eval`, `arguments`, `then`, `__proto__` nor `contexts`: it becomes the wire name and the stub's name.",
    messages: {
      computed: "the method has a computed or quoted name",
      reserved: "the method has the reserved name `{0}`",
    },
  },
  MZ1011: {
    title: "a file that declares @client functions does not parse",
    hint: "Fix the syntax error (tsc reports it too); until then nothing is generated, so the generated files keep the functions the file had.",
    messages: {
      syntax: "the file does not parse: {0}",
    },
  },
  MZ1012: {
    title: "a @client method cannot be overloaded",
    hint: "Give the method one signature (a union type, optional parameters), or declare one method per signature: a function has one set of wire parameters, and client.ts one stub for it.",
    messages: {
      overloaded: "`{0}` is declared with overload signatures: the route table and client.ts would take the implementation's signature, which no caller can call",
    },
  },
  MZ2001: {
    title: "type cannot be represented in JSON",
    hint: "Use JSON data: strings, numbers, booleans, null, arrays, tuples, plain objects, literal unions and Date.",
    messages: {
      problem: "{0}: {1}",
    },
  },
  MZ2002: {
    title: "context and view-path parameters must be URL-safe scalars",
    hint: "Use string, number, boolean, a literal union, or an array of these; they travel in the query string.",
    messages: {
      contextParam: "parameter \"{0}\" of context \"{1}\" is `{2}`, not a URL-safe scalar or an array of them{3}",
      viewPathParam: "parameter \"{0}\" of view path \"{1}\" is `{2}`; it is read from the URL and must be a scalar or an array of them{3}",
    },
  },
  MZ2003: {
    title: "context parameter declared with different types",
    hint: "Functions of a context share their parameters by name; give the parameter one type (and one schema) everywhere, or rename it.",
    messages: {
      otherType: "parameter \"{0}\" of context \"{1}\" is `{2}` here and `{3}` in \"{4}\"",
      otherSchema: "parameter \"{0}\" of context \"{1}\" is validated by {2} here and by {3} in \"{4}\"",
      first: "parameter \"{0}\" as \"{1}\" declares it",
    },
  },
  MZ2004: {
    title: "unsupported parameter form",
    hint: "Wire parameters are named by their declared names: no destructuring, no rest parameters.",
    messages: {
      destructuring: "a wire parameter must be a plain name, not a destructuring pattern",
      rest: "the rest parameter `...{0}` has no wire name",
    },
  },
  MZ2005: {
    title: "`Req` must be the first parameter",
    hint: "Move the `req: Req` (or `AuthedReq`) parameter first; it is injected by the server and is not a wire parameter.",
    messages: {
      notFirst: "the `{0}` parameter must come first",
    },
  },
  MZ2006: {
    title: "a parameter's type could not be analysed",
    hint: "Give the parameter a plain data type (a generic that expands without end cannot be followed); if the type is ordinary, report the message as a bug in Mizan.",
    messages: {
      tooDeep: "{0}: {1}",
      internal: "{0}: internal error of the analysis: {1}",
    },
  },
  MZ2007: {
    title: "type cannot be checked exactly at run time",
    hint: "Use a template literal of strings, numbers and literals (checked by a regular expression), a string index, or a Record over a template literal alone; never a wider type than declared.",
    messages: {
      problem: "{0}: {1}",
    },
  },
  MZ2008: {
    title: "a type or a name does not resolve",
    hint: "TypeScript cannot find a module or a name this type or option uses (tsc reports it where it is used): install the package or fix the import. A type Mizan cannot see is never accepted as any value.",
    messages: {
      problem: "{0}: {1}",
      option: "{0} does not resolve: {1}",
    },
  },
  MZ2009: {
    title: "the schema a parameter, or a part of one, is declared from cannot be imported by the route table",
    hint: "Export the schema (`export const CreateUser = z.object(...)`) from its module, or from the package's entry, and let the project resolve that module (a dependency of the project, or a `paths` entry): the route table validates the parameter with it, so that its refinements (`.email()`, `.int()`, a brand's check) hold on the server.",
    messages: {
      notImportable: "parameter \"{0}\" is declared as the output of `{1}`, which the route table cannot import: {2}",
      problem: "{0}: {1}",
    },
  },
  MZ2010: {
    title: "`AuthedReq` beside `requireUser: false`",
    hint: "A function that takes an `AuthedReq` requires a user: drop `requireUser: false`, or take a `Req` and check `req.user` yourself.",
    messages: {
      contradicts: "\"{0}\" takes an `AuthedReq`, which requires a user, but its options say `requireUser: false`",
    },
  },
  MZ2011: {
    title: "the request parameter must be typed `Req` or `AuthedReq`",
    hint: "Type the first parameter `Req` or `AuthedReq` (with a principal argument, through an alias, or an interface extending one); the server injects exactly that object, so a union, an intersection or a mapped type over it describes something it never passes.",
    messages: {
      notPlain: "the request parameter is typed `{0}`, which holds a `Req` without being one",
    },
  },
  MZ3001: {
    title: "unknown `affects` target",
    hint: "Name a context (its handle or its wire name) or a function that belongs to a context.",
    messages: {
      unknownTarget: "nothing is named \"{0}\"{1}",
    },
  },
  MZ3002: {
    title: "ambiguous `affects` target",
    hint: "The name is both a context and a function; pass the context handle to mean the context.",
    messages: {
      ambiguous: "\"{0}\" is both a context and a function",
    },
  },
  MZ3003: {
    title: "invalid context name",
    hint: "Context names start with a letter and use letters, digits, `_` and `-` (at most 63 characters).",
    messages: {
      invalidName: "\"{0}\" is not a valid context name",
    },
  },
  MZ3004: {
    title: "context defined twice",
    hint: "Each wire name belongs to one `defineContext` call; import the existing handle instead.",
    messages: {
      duplicate: "context \"{0}\" is already defined at {1}",
      first: "the first context \"{0}\"",
    },
  },
  MZ3005: {
    title: "context name must be a string literal",
    hint: 'Write `defineContext("name")` with the name spelled out, so the build can read it.',
    messages: {
      notLiteral: "the first argument of defineContext is not a string literal",
    },
  },
  MZ3006: {
    title: "unknown context",
    hint: "Pass a handle returned by `defineContext`, or the wire name of a defined context.",
    messages: {
      unknownContext: "no context is named \"{0}\"{1}",
    },
  },
  MZ3007: {
    title: "`affects` names a function that is not a context read",
    hint: "Only functions that belong to a context can be invalidated; name the context or one of its functions.",
    messages: {
      notContextRead: "function \"{0}\" does not belong to a context",
    },
  },
  MZ3008: {
    title: "`scopeBy` names a parameter the function does not have",
    hint: "List names of the mutation's own wire parameters, or `[]` to make every target broad.",
    messages: {
      notParameter: "`scopeBy` names \"{0}\", which is not a parameter of the function{1}",
    },
  },
  MZ3009: {
    title: "a parameter that scopes a target has another kind than the context's",
    hint: "Give the parameter the context parameter's type, or leave it out of `scopeBy` to purge the whole context: an argument of another kind names no instance.",
    messages: {
      otherKind: "parameter \"{0}\" ({1}) would scope the target of \"{2}\", whose function \"{3}\" takes it as {4}: an argument of another kind names no instance, and its mutation would purge nothing",
    },
  },
  MZ4001: {
    title: "route parameter is not a parameter of the function",
    hint: "Every `:name` in `route` must be a wire parameter of the function with the same name.",
    messages: {
      unknownParam: "route parameter \":{0}\" is not a parameter of \"{1}\"",
    },
  },
  MZ4002: {
    title: "invalid route",
    hint: "A route starts with `/`, uses `:name` segments for parameters, and stays outside the base path.",
    messages: {
      params: "route \"{0}\": {1}",
      insideBase: "route \"{0}\" is inside the base path {1}",
    },
  },
  MZ4003: {
    title: "two view paths serve the same route and method",
    hint: "Give one of them another route or another method.",
    messages: {
      taken: "{0} {1} is also served by \"{2}\" at {3}",
      other: "\"{0}\" serves {1} {2}",
    },
  },
  MZ5001: {
    title: "client code calls a private function",
    hint: "Private functions are server-internal (webhooks, jobs); call a public function, or drop `private: true`.",
    messages: {
      calls: "client code calls \"{0}\", a private function",
      uses: "client code uses {0}, a private function",
    },
  },
  MZ5002: {
    title: "client code calls an unknown function",
    hint: "Call a function declared with @client; check the spelling of the name.",
    messages: {
      unknownCall: "client code calls \"{0}\", which is not a @client function{1}",
      contextRead: "client code calls \"{0}\", a read of the context \"{1}\": the server answers only its context's GET; read it with fetchContext or useContextQuery",
      viewPath: "client code calls \"{0}\", a view path: the server answers it at {1}, not by name",
    },
  },
  MZ6001: {
    title: "`mizan` does not resolve from a file that imports it",
    hint: "Install mizan where the file's package can see it (in a monorepo, as a dependency of that workspace package), or map it with `paths` in tsconfig.json.",
    messages: {
      notInstalled: "\"{0}\" does not resolve: there is no node_modules/{0} in {1} or any folder above it, and no `paths` entry maps it",
    },
  },
  MZ6002: {
    title: "`mizan` is installed but its types cannot be read",
    hint: 'Set `"moduleResolution"` to "node16", "nodenext" or "bundler" (node10 reads only a mizan that publishes `typesVersions`; classic never reads node_modules), and check that the package is built.',
    messages: {
      unreadable: "\"{0}\" is installed at {1} but does not resolve: {2}",
    },
  },
  MZ6003: {
    title: "the program is compiled without strictNullChecks",
    hint: "Turn `strictNullChecks` (or `strict`) on in the tsconfig tspc builds with, or generate with mizan-gen, which reads the declarations with strictNullChecks on whatever the tsconfig says.",
    messages: {
      off: "strictNullChecks is off, so the checker reads `T | null` and `T | undefined` as `T`: the schemas and client types of {0} and every other function would lose null and undefined",
    },
  },
  MZ6004: {
    title: "the generated files would be CommonJS that tsc refuses",
    hint: 'Make the out folder ES modules: `"type": "module"` in the package.json, or under module node16 or later a package.json holding `{ "type": "module" }` in the out folder. Or have tsc compile the files to CommonJS: turn `verbatimModuleSyntax` off, and under module node16 or node18 set module to node20 or nodenext, where CommonJS may require an ES module (Node 20.19 or later).',
    messages: {
      require: "module is {1}, under which a CommonJS file cannot import an ES module, and the package.json scope of {0} is CommonJS: tsc refuses the generated files' imports of mizan, an ES module (TS1479)",
      scope: "the package.json scope of {0} is CommonJS (no \"type\": \"module\"), so TypeScript reads the generated .ts files as CommonJS, where verbatimModuleSyntax refuses their import and export statements",
      commonjs: "module is commonjs, so TypeScript reads the generated files in {0} as CommonJS, where verbatimModuleSyntax refuses their import and export statements",
    },
  },
  MZ6005: {
    title: "the project imports the generated routes.ts, which is not there, and reaches no @client method",
    hint: 'Import the module that declares the @client classes from a file of the project other than routes.ts (the server\'s entry, for example `import "@acme/api";`), then generate again.',
    messages: {
      missing: "this imports {0}, which is not there, and no @client method is reachable from the project's files without it: the classes only routes.ts would import cannot be seen before it exists",
    },
  },
  MZ6006: {
    title: "the project's own TypeScript is too old to compile code that imports mizan",
    hint: "Upgrade the project's typescript (`npm install -D typescript@latest`): a project staying on TypeScript 5 needs 5.7, or 5.8 for a CommonJS project under module nodenext. A warning: mizan-gen, which runs on its own TypeScript 6, writes the files all the same.",
    severity: "warning",
    messages: {
      old: "the project's own TypeScript is {0} ({1}), whose tsc cannot read mizan's declarations (they take 5.7, for `Uint8Array<…>`): compiling the files that import mizan fails unless `skipLibCheck` is on; upgrade typescript to 5.7 or later",
      commonjs: "the project's own TypeScript is {0} ({1}), and this CommonJS file imports mizan, an ES module, under module nodenext: tsc before 5.8 refuses that import (TS1479); upgrade typescript to 5.8 or later",
    },
  },
  MZ6007: {
    title: "a workspace package is read from its built declarations, where its @client decorators are erased",
    hint: 'Declare the package as a dependency in the project\'s package.json (`"@acme/api": "workspace:*"`, or `"*"` with npm), or list its project in `references` in tsconfig.json: mizan-gen and tspc then read the package from its source. A warning: a project that only uses the package\'s types, and leaves serving it to another, can ignore it.',
    severity: "warning",
    messages: {
      declarations: "the package \"{0}\" is read from its built declarations ({1}), where decorators are erased: the @client methods of {2} are not served by this project's route table, as the project neither depends on the package nor lists its project ({3}) in `references`",
    },
  },
} as const satisfies Record<string, CatalogEntry>;

export type DiagnosticCode = keyof typeof CATALOG;
