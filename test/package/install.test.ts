// What a user installs: both packages packed with `npm pack`, checked for what
// they carry, installed into fresh folders outside the repository, then a
// small app generated with mizan-gen, type-checked with the lowest supported
// TypeScript, and served over real HTTP.
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join, posix } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { freshApp, installedPackages, npmInstall, packBoth, sh } from "../support/pack.js";

/** The lowest TypeScript the toolchain supports (docs/getting-started.md says the same). */
const LOWEST_TYPESCRIPT = "6.0.2";

const packed = packBoth();

function packageJsonOf(tarball: string): Record<string, unknown> {
  return JSON.parse(sh(`tar -xOzf '${tarball}' package/package.json`, "/").output);
}

test("mizan carries the built runtime and the docs only: no sources, tests, fixtures, maps or prepare script", () => {
  const { files, path } = packed.mizan;
  assert.ok(files.includes("dist/server/index.js") && files.includes("dist/server/index.d.ts"));
  assert.ok(files.includes("LICENSE") && files.includes("README.md") && files.includes("package.json"));
  assert.ok(files.includes("edge/mizan.vcl"), "the Varnish VCL ships with mizan/edge");
  const stray = files.filter(
    (file) => !/^dist\/.+\.(?:js|d\.ts)$/.test(file) && !["LICENSE", "README.md", "package.json"].includes(file) && !file.endsWith(".vcl") && !/^docs\/[a-z-]+\.md$/.test(file),
  );
  assert.equal(stray, []);
  // Its README sends the reader there: an app that installs only the runtime has the docs too.
  assert.ok(files.includes("docs/getting-started.md") && files.includes("docs/cache.md"));
  const manifest = packageJsonOf(path);
  assert.is((manifest.scripts as Record<string, string> | undefined)?.prepare, undefined);
  assert.equal(Object.keys(manifest.dependencies as object), ["zod"]);
  assert.equal(Object.keys(manifest.peerDependencies as object).sort(), ["react", "redis"]);
});

test("mizan-gen carries the compiler, templates and plugins: no tests, fixtures, examples, maps or prepare script", () => {
  const { files, path } = packed.mizanGen;
  assert.ok(files.includes("dist/compiler/cli/main.js"));
  assert.ok(files.includes("dist/transformer/index.js"));
  // The declaration snapshot's builder, a CommonJS script.
  assert.ok(files.includes("dist/compiler/snapshot/builder.cjs"));
  const stray = files.filter(
    (file) =>
      !/^dist\/(?:compiler|templates|transformer|runtime)\/.+\.(?:js|cjs|d\.ts|d\.cts)$/.test(file) &&
      !["LICENSE", "README.md", "package.json"].includes(file) &&
      !/^docs\/[a-z-]+\.md$/.test(file),
  );
  // --help sends the reader there.
  assert.ok(files.includes("docs/diagnostics.md"));
  assert.equal(stray, []);
  assert.equal(files.filter((file) => /\/(?:test|fixtures|examples|bench)\//.test(file)), []);
  const manifest = packageJsonOf(path);
  assert.is((manifest.scripts as Record<string, string> | undefined)?.prepare, undefined);
  // TypeScript 6 is a dependency, not a peer: an app on TypeScript 7 (no compiler API) installs
  // mizan-gen without a conflict, and an app on 6.x shares its copy (the fresh-app test below).
  assert.equal(Object.keys(manifest.dependencies as object), ["chokidar", "typescript"]);
  assert.ok(!("typescript" in (manifest.peerDependencies as object)));
  assert.ok(!("zod" in (manifest.dependencies as object)), "the toolchain does not load zod");
});

test("every relative link in a packed Markdown file names a file the package carries", () => {
  for (const { files, path } of [packed.mizan, packed.mizanGen]) {
    const broken: string[] = [];
    for (const file of files.filter((name) => name.endsWith(".md"))) {
      const text = sh(`tar -xOzf '${path}' 'package/${file}'`, "/").output;
      for (const [, target] of text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
        if (/^[a-z]+:/.test(target!)) continue;
        const resolved = posix.normalize(posix.join(posix.dirname(file), target!));
        if (!files.includes(resolved)) broken.push(`${file} -> ${target}`);
      }
    }
    assert.equal(broken, [], path);
  }
});

test("installing mizan alone brings zod and nothing else: no TypeScript or redis", () => {
  const dir = freshApp({ "package.json": JSON.stringify({ name: "thin", private: true, type: "module" }) });
  const install = npmInstall(dir, [packed.mizan.path]);
  assert.is(install.status, 0, install.output);
  assert.equal(installedPackages(dir), ["mizan", "zod"]);
});

const APP: Record<string, string> = {
  "package.json": JSON.stringify({ name: "app", private: true, type: "module", scripts: { prebuild: "mizan-gen", build: "tsc" } }, null, 2),
  "tsconfig.json": JSON.stringify(
    {
      compilerOptions: {
        target: "es2022",
        // A Node server's lib, without the DOM (as NestJS's starter has it): Mizan's declarations,
        // client.ts's included, must need nothing @types/node does not declare.
        lib: ["es2022"],
        module: "nodenext",
        moduleResolution: "nodenext",
        strict: true,
        exactOptionalPropertyTypes: true,
        noUncheckedIndexedAccess: true,
        skipLibCheck: false,
        types: ["node"],
        outDir: "dist",
        rootDir: ".",
      },
      include: ["src", "generated"],
    },
    null,
    2,
  ),
  "src/todos.ts": `import { client, defineContext } from "mizan";

export const TodoContext = defineContext("todos");

const lists = new Map<number, string[]>();

export class Todos {
  @client({ context: TodoContext })
  static async todoList(listId: number): Promise<string[]> {
    return lists.get(listId) ?? [];
  }

  @client({ affects: TodoContext })
  static async addTodo(listId: number, text: string): Promise<number> {
    const list = lists.get(listId) ?? [];
    list.push(text);
    lists.set(listId, list);
    return list.length;
  }
}
`,
  "src/server.ts": `import { createServer } from "node:http";
import { createHandler, toNodeListener } from "mizan/server";
import { routes } from "../generated/routes.js";

const server = createServer(toNodeListener(createHandler({ routes })));
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  console.log(\`listening \${typeof address === "object" && address ? address.port : ""}\`);
});
`,
};

test("an app on TypeScript 7 (as Vite's template installs it): mizan-gen installs without a conflict, generates on its own TypeScript 6, and tsc 7 compiles the files", () => {
  const dir = freshApp(APP);
  const runtime = npmInstall(dir, [packed.mizan.path]);
  assert.is(runtime.status, 0, runtime.output);
  const tools = npmInstall(dir, [packed.mizanGen.path, "typescript@7", "@types/node@20"], true);
  assert.is(tools.status, 0, tools.output);
  const own = JSON.parse(readFileSync(join(dir, "node_modules/mizan-gen/node_modules/typescript/package.json"), "utf8")) as { version: string };
  assert.match(own.version, /^6\./);
  const generate = sh("npx mizan-gen", dir);
  assert.is(generate.status, 0, generate.output);
  assert.match(generate.output, "1 context");
  const check = sh("npx tsc --noEmit", dir);
  assert.is(check.status, 0, check.output);
});

test("a fresh app with both tarballs: mizan-gen writes, --check passes, the lowest TypeScript compiles it, and it serves", async () => {
  const dir = freshApp(APP);
  const runtime = npmInstall(dir, [packed.mizan.path]);
  assert.is(runtime.status, 0, runtime.output);
  const tools = npmInstall(dir, [packed.mizanGen.path, `typescript@${LOWEST_TYPESCRIPT}`, "@types/node@20"], true);
  assert.is(tools.status, 0, tools.output);

  assert.not.ok(existsSync(join(dir, "node_modules/mizan-gen/node_modules/typescript")), "one TypeScript: the app's 6.x");

  const build = sh("npm run build", dir);
  assert.is(build.status, 0, build.output);
  assert.match(build.output, "1 context");
  const check = sh("npx mizan-gen --check", dir);
  assert.is(check.status, 0, check.output);
  const routes = readFileSync(join(dir, "generated/routes.ts"), "utf8");
  assert.equal(
    [...routes.matchAll(/from "([^"]+)"/g)].map((m) => m[1]).filter((from) => !from!.startsWith(".")),
    ["mizan/server"],
    "generated code imports only mizan/*",
  );

  const server = spawn(process.execPath, [join(dir, "dist/src/server.js")], { cwd: dir, stdio: ["ignore", "pipe", "inherit"] });
  try {
    const port = await new Promise<string>((resolve, reject) => {
      server.stdout.on("data", (chunk: Buffer) => {
        const match = /listening (\d+)/.exec(String(chunk));
        if (match) resolve(match[1]!);
      });
      server.on("exit", (code) => reject(new Error(`server exited with ${code}`)));
    });
    const base = `http://127.0.0.1:${port}/api/mizan`;
    const call = await fetch(`${base}/call/addTodo/`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ listId: 7, text: "milk" }),
    });
    assert.is(call.status, 200);
    assert.is(call.headers.get("x-mizan-invalidate"), "todos;listId=7");
    assert.equal(await call.json(), { result: 1, invalidate: [{ context: "todos", params: { listId: 7 } }] });
    const read = await fetch(`${base}/ctx/todos/?listId=7`);
    assert.is(await read.text(), '{"todoList":["milk"]}');
  } finally {
    server.kill();
  }
});

test.run();
