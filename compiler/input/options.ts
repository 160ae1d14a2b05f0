// Mizan's options, read from the `mizan-gen/transformer` entry of the project's
// tsconfig `compilerOptions.plugins`, so mizan-gen and the transformer read
// the same settings from the same place. CLI flags override them.
import { DEFAULT_BASE_PATH, DEFAULT_IDENTITY_PARAMS } from "../../runtime/protocol/names.js";
import { joinPosix } from "../paths/posix.js";

export interface MizanOptions {
  /** Folder of the generated files, absolute. */
  outDir: string;
  /** The base path of the /ctx/ and /call/ endpoints. */
  basePath: string;
  /** Parameter names that identify a user and make a context user-scoped. */
  identityParams: readonly string[];
  /** Globs (relative to the project) of client source files, for the private-call check. */
  client: readonly string[];
}

/** The plugin entry as written in tsconfig.json. */
export interface PluginConfig {
  transform?: string;
  out?: string;
  basePath?: string;
  identityParams?: string[];
  client?: string[];
}

export const TRANSFORMER_NAME = "mizan-gen/transformer";
export const DEFAULT_OUT = "generated";

export function findPluginConfig(compilerOptions: object): PluginConfig {
  const { plugins } = compilerOptions as { plugins?: unknown };
  const list = Array.isArray(plugins) ? (plugins as PluginConfig[]) : [];
  return list.find((p) => typeof p?.transform === "string" && p.transform.startsWith(TRANSFORMER_NAME)) ?? {};
}

export function resolveOptions(
  projectDir: string,
  config: PluginConfig,
  overrides: { out?: string } = {},
): MizanOptions {
  const out = overrides.out ?? config.out ?? DEFAULT_OUT;
  return {
    outDir: joinPosix(projectDir, out),
    basePath: normalizeBasePath(config.basePath ?? DEFAULT_BASE_PATH),
    identityParams: config.identityParams ?? DEFAULT_IDENTITY_PARAMS,
    client: config.client ?? [],
  };
}

function normalizeBasePath(path: string): string {
  const trimmed = path.replace(/\/+$/, "");
  return trimmed.startsWith("/") ? trimmed : `/${trimmed}`;
}
