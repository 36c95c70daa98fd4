// The raw form: `yeastar ycm GET /dm/open_api/v2/users --query pageSize=50`, for anyone who
// thinks in paths. The path may be a template of the spec (`/dm/open_api/v1/users/{userId}` with
// `--path userId=13123`) or a concrete path (`/dm/open_api/v1/users/13123`), matched against the
// spec's templates as the mock's router does (literal segments win over templated ones). The
// call then goes exactly as the operation's own command would send it.
import { Command, Option } from "commander";
import { HTTP_METHODS, type Operation, type SpecModel } from "@yeastar-openapi/spec-model";
import type { Context } from "./context.js";
import { UsageError } from "./exit.js";
import { type CallParams, execute, type GlobalOptions } from "./execute.js";
import { commandLine } from "./names.js";
import { commandParameters } from "./operations.js";
import { pairs, parameterValue } from "./values.js";

export interface PathMatch {
  op: Operation;
  /** Path parameter values found in a concrete path (decoded). */
  values: Record<string, string>;
}

/** The operation of `method` whose path template matches `path`, preferring the most literal template. */
export function matchPath(model: SpecModel, method: string, path: string): PathMatch | undefined {
  const m = method.toLowerCase();
  const exact = model.operations.find((op) => op.method === m && op.path === path);
  if (exact) return { op: exact, values: {} };
  let best: { match: PathMatch; literal: number } | undefined;
  for (const op of model.operations) {
    if (op.method !== m) continue;
    const names: string[] = [];
    const wildcards = new Set(op.parametersIn.path.filter((p) => p.wildcard).map((p) => p.name));
    const source = op.path
      .split(/(\{[^{}]+\})/)
      .map((part) => {
        const name = /^\{([^{}]+)\}$/.exec(part)?.[1];
        if (!name) return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        names.push(name);
        return wildcards.has(name) ? "(.+)" : "([^/]+)";
      })
      .join("");
    const found = new RegExp(`^${source}$`).exec(path);
    if (!found) continue;
    const literal = op.path.replace(/\{[^{}]+\}/g, "").length;
    if (best && best.literal >= literal) continue;
    const values: Record<string, string> = {};
    try {
      names.forEach((name, i) => (values[name] = wildcards.has(name) ? found[i + 1]! : decodeURIComponent(found[i + 1]!)));
    } catch {
      continue; // a malformed %-escape cannot be this operation's value
    }
    best = { match: { op, values }, literal };
  }
  return best?.match;
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** `GET`, `POST`, ... commands of one API: the methods its spec uses. */
export function rawCommands(model: SpecModel, ctx: Context): Command[] {
  const used = HTTP_METHODS.filter((method) => model.operations.some((op) => op.method === method));
  return used.map((method) =>
    new Command(method.toUpperCase())
      .description(`call any ${model.api} ${method.toUpperCase()} operation by its path`)
      .argument("<path>", "a path of the spec, as a template (/users/{userId}) or concrete (/users/13123); a ?query is allowed")
      .addOption(new Option("--query <name=value>", "a query parameter (repeatable)").argParser(collect))
      .addOption(new Option("--path <name=value>", "a path parameter of a template path (repeatable)").argParser(collect))
      .addOption(new Option("--data <json>", "the request body: inline JSON, @file.json, or - for stdin"))
      .action(async (path: string, opts: { query?: string[]; path?: string[]; data?: string }, cmd: Command) => {
        const [pathOnly = "", search] = path.split(/\?(.*)/s);
        const match = matchPath(model, method, pathOnly);
        if (!match) {
          const known = model.operations.filter((op) => op.method === method).map((op) => op.path);
          throw new UsageError(`${model.api} has no ${method.toUpperCase()} ${pathOnly}; its ${method.toUpperCase()} paths are:\n  ${known.join("\n  ")}`);
        }
        const { op } = match;
        const byName = new Map(commandParameters(op).map((p) => [`${p.in} ${p.name}`, p]));
        const values: CallParams = { path: {}, query: {}, header: {} };
        const given = { ...match.values, ...pairs(opts.path ?? [], "--path") };
        for (const [name, raw] of Object.entries(given)) {
          const param = byName.get(`path ${name}`);
          if (!param) throw new UsageError(`${commandLine(op)} has no path parameter ${JSON.stringify(name)}`);
          values.path[name] = parameterValue(param, raw, name);
        }
        const query = new Map<string, string[]>();
        for (const [name, value] of [...new URLSearchParams(search ?? ""), ...pairsList(opts.query ?? [])]) {
          query.set(name, [...(query.get(name) ?? []), value]);
        }
        for (const [name, raw] of query) {
          const param = byName.get(`query ${name}`);
          // An unknown name goes to the client as it is, which refuses it naming the known ones.
          values.query[name] = param ? parameterValue(param, raw, `--query ${name}`) : raw.length === 1 ? raw[0] : raw;
        }
        const globals = cmd.optsWithGlobals() as GlobalOptions;
        ctx.exitCode = await execute(model, op, values, opts.data, globals, ctx.io);
      }),
  );
}

/** `name=value` strings in order, the same name allowed several times. */
function pairsList(values: string[]): [string, string][] {
  return values.map((value) => {
    const one = pairs([value], "--query");
    return Object.entries(one)[0]!;
  });
}
