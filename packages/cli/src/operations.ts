// One command per operation of the spec, made at run time from the spec model: positional
// arguments and flags for the path parameters, flags for the query (and header) parameters, --data
// for a body, and --help from the spec's summary, description, parameter descriptions, enums,
// defaults and limits. No operation is named here.
import { Command, Option } from "commander";
import type { Operation, Parameter, SpecModel } from "@yeastar-openapi/spec-model";
import type { Context } from "./context.js";
import { UsageError } from "./exit.js";
import { type CallParams, execute, type GlobalOptions } from "./execute.js";
import { familyName, flagName, operationCommands } from "./names.js";
import { describeValues, parameterValue } from "./values.js";

// Headers the client sets itself (YCM requires a User-Agent; the CLI sends its own).
const CLIENT_HEADERS = new Set(["user-agent", "authorization", "content-type", "accept"]);

/** The flags every command has (defined once, on the program); an operation's flag must not shadow one. */
export const GLOBAL_FLAGS = new Set(["output", "o", "all", "limit", "profile", "base-url", "region", "mock", "dry-run", "verbose", "v", "timeout", "progress", "no-progress", "help", "h", "version", "V", "data"]);

/** The parameters a command takes on its command line: path, query, and headers the client does not set. */
export function commandParameters(op: Operation): Parameter[] {
  return op.parameters.filter((p) => p.in === "path" || p.in === "query" || (p.in === "header" && !CLIENT_HEADERS.has(p.name.toLowerCase())));
}

/** Markdown as one line of plain text for a terminal: links as their text, list items joined. */
export function plainText(text: string | undefined): string {
  return (text ?? "")
    .replace(/\[([^\]]+)\]\(<?[^)>]+>?\)/g, "$1")
    .replace(/[`*]/g, "")
    .replace(/:\s*\n\s*[-*] /g, ": ")
    .replace(/\n\s*[-*] /g, "; ")
    .replace(/\s+/g, " ")
    .trim();
}

/** The first paragraph of a Markdown description, as plain text. */
export function firstParagraph(text: string | undefined): string {
  return plainText((text ?? "").trim().split(/\n\s*\n/)[0]);
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** The family commands (`cloud-pbxs`, ...) of one API, each with its operations' commands. */
export function familyCommands(model: SpecModel, ctx: Context): Command[] {
  const tags = new Map<string, string>();
  for (const tag of Array.isArray(model.document.tags) ? (model.document.tags as { name: string; description?: string }[]) : []) {
    tags.set(familyName(tag.name), firstParagraph(tag.description));
  }
  const families = new Map<string, Command>();
  for (const { family, action, op } of operationCommands(model)) {
    let parent = families.get(family);
    if (!parent) {
      parent = new Command(family).description(tags.get(family) || `${op.tags[0] ?? family} operations`);
      families.set(family, parent);
    }
    parent.addCommand(operationCommand(model, op, action, ctx));
  }
  return [...families.values()];
}

function operationCommand(model: SpecModel, op: Operation, action: string, ctx: Context): Command {
  const command = new Command(action).description(op.summary ?? op.operationId);
  const params = commandParameters(op);
  const flags = new Map<string, Parameter>();
  // Each parameter's option, to read its value back by the option's own attribute name.
  const options = new Map<Parameter, Option>();
  for (const param of params) {
    const flag = flagName(param.name);
    if (GLOBAL_FLAGS.has(flag)) throw new Error(`${op.operationId}: parameter ${param.name} would be the flag --${flag}, which every command already has`);
    if (flags.has(flag)) throw new Error(`${op.operationId}: parameters ${flags.get(flag)!.name} and ${param.name} would both be --${flag}`);
    flags.set(flag, param);
    const facts = describeValues(param);
    const text = [plainText(param.description), facts && `(${facts})`].filter(Boolean).join(" ");
    if (param.in === "path") command.argument(`[${param.name}]`, `${text} (or --${flag})`);
    const option = new Option(`--${flag} <value>`, `${param.in === "path" ? "" : param.required ? "required. " : ""}${text}`).argParser(collect);
    if (param.in === "path") option.hideHelp();
    command.addOption(option);
    options.set(param, option);
  }
  if (op.requestBody) {
    const media = op.requestBody.json ?? op.requestBody.form;
    command.addOption(
      new Option("--data <json>", `${op.requestBody.required ? "required. " : ""}the request body (${media?.mediaType ?? "JSON"}): inline JSON, @file.json, or - for stdin; checked against the spec before sending`),
    );
  }
  const lines = [
    "",
    `${op.method.toUpperCase()} ${op.path}  (operationId ${op.operationId})`,
    "",
    firstParagraph(op.description),
  ];
  if (op.paging) lines.push("", "A paged list: --all walks every page (--limit N stops after N items); the progress bar shows on a terminal.");
  else if (op.list) lines.push("", "A list: --output csv, table or ndjson prints one row per item.");
  command.addHelpText("after", `${lines.join("\n")}\n`);
  command.action(async (...args: unknown[]) => {
    const cmd = args.at(-1) as Command;
    const positional = cmd.processedArgs as (string | undefined)[];
    const opts = cmd.opts() as Record<string, string[] | string | undefined>;
    const values: CallParams = { path: {}, query: {}, header: {} };
    const pathParams = params.filter((p) => p.in === "path");
    pathParams.forEach((param, i) => {
      const fromFlag = opts[options.get(param)!.attributeName()] as string[] | undefined;
      const fromArg = positional[i];
      if (fromFlag && fromArg !== undefined) throw new UsageError(`${param.name} given twice: as argument ${i + 1} and as --${flagName(param.name)}`);
      const raw = fromFlag ?? (fromArg !== undefined ? [fromArg] : undefined);
      if (raw !== undefined) values.path[param.name] = parameterValue(param, raw, param.name);
    });
    for (const param of params.filter((p) => p.in !== "path")) {
      const raw = opts[options.get(param)!.attributeName()] as string[] | undefined;
      if (raw !== undefined) (param.in === "query" ? values.query : values.header)[param.name] = parameterValue(param, raw, `--${flagName(param.name)}`);
    }
    const globals = cmd.optsWithGlobals() as GlobalOptions & { data?: string };
    ctx.exitCode = await execute(model, op, values, opts.data as string | undefined, globals, ctx.io);
  });
  return command;
}
