// The `yeastar` program: global flags, one command per API with a family per tag and an action per
// operation (operations.ts), the raw METHOD form (raw.ts), login and completion. run() returns
// the exit code instead of exiting, so the bin and the tests (many runs in one process) share it.
import { Command, CommanderError, Option } from "commander";
import { API_NAMES, loadSpec, type SpecModel } from "@yeastar-openapi/spec-model";
import { completionScript, SHELLS } from "./completion.js";
import type { Io } from "./connect.js";
import type { Context } from "./context.js";
import { regionsOf } from "./credentials.js";
import { EXIT, report } from "./exit.js";
import { loginCommand } from "./login.js";
import { familyCommands } from "./operations.js";
import { FORMATS } from "./output.js";
import type { ApiName } from "./profiles.js";
import { rawCommands } from "./raw.js";
import { VERSION } from "./version.js";

export function processIo(): Io {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env };
}

/**
 * The command tree: every API's commands from its spec, or, when `argv` names an API, that API's
 * only (reading and modelling a spec is most of a command's start-up time).
 */
export function buildProgram(ctx: Context, models?: Partial<Record<ApiName, SpecModel>>, argv: readonly string[] = []): Command {
  const { io } = ctx;
  const program = new Command("yeastar")
    .description("Call the Yeastar Central Management (YCM) and Yeastar Workplace APIs: every operation of the spec, from the command line.")
    .version(VERSION)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .configureHelp({ showGlobalOptions: true, sortSubcommands: false })
    .showSuggestionAfterError()
    .addOption(new Option("-o, --output <format>", "json, ndjson, csv or table (default: table on a terminal, json when piped)").choices(FORMATS))
    .addOption(new Option("--all", "walk every page of a paged list, printing items as they come"))
    .addOption(new Option("--limit <n>", "stop after n items (walks pages like --all)"))
    .addOption(new Option("--profile <name>", 'credentials saved by "yeastar login" (default: the environment, then the "default" profile)'))
    .addOption(new Option("--base-url <url>", "the API host, e.g. your YCM domain"))
    .addOption(new Option("--region <region>", "a regional host from the spec's servers (Workplace: eu, for accounts registered in Europe)"))
    .addOption(new Option("--mock", "run the command against a local mock server started for it (demo data, no account)"))
    .addOption(new Option("--dry-run", "print the request that would be sent (Authorization redacted) and send nothing"))
    .addOption(new Option("-v, --verbose", "log each request (method, URL, status, time) on stderr; never a credential"))
    .addOption(new Option("--timeout <ms>", "time allowed for each attempt (default 30000)"))
    .addOption(new Option("--no-progress", "no progress bar, even on a terminal"));
  program.addHelpText(
    "after",
    "\nExamples:\n" +
      "  yeastar ycm cloud-pbxs list --all --output csv > pbxs.csv\n" +
      "  yeastar ycm cloud-pbxs start 42\n" +
      "  yeastar workplace meetings create --data @meeting.json\n" +
      "  yeastar ycm GET /dm/open_api/v2/users --query pageSize=50\n" +
      "  yeastar --mock ycm users list        (no account needed)\n" +
      "\nCredentials: YCM_CLIENT_ID + YCM_CLIENT_SECRET (WORKPLACE_... for Workplace), or yeastar login.\n" +
      "Exit codes: 0 success, 1 API error, 2 usage error, 3 network or timeout error.\n",
  );
  models ??= Object.fromEntries(apisFor(program, argv).map((api) => [api, loadSpec(api)]));
  const regions = [...new Set(Object.values(models).flatMap((m) => Object.keys(regionsOf(m))))];
  for (const [api, model] of Object.entries(models) as [ApiName, SpecModel][]) {
    const title = typeof model.info.title === "string" ? model.info.title : api;
    const apiCommand = new Command(api).description(`${title}: its operations by family (the spec's tags), or any path (GET /path ...)`);
    for (const family of familyCommands(model, ctx)) apiCommand.addCommand(family);
    for (const raw of rawCommands(model, ctx)) apiCommand.addCommand(raw);
    program.addCommand(apiCommand);
  }
  program.addCommand(loginCommand(models, ctx));
  program.addCommand(
    new Command("completion")
      .description("print a shell completion script: source <(yeastar completion bash)")
      .addArgument(new Command().createArgument("<shell>", "bash or zsh").choices(SHELLS))
      .action((shell: (typeof SHELLS)[number]) => {
        io.stdout.write(completionScript(shell, program, regions));
      }),
  );
  inherit(program);
  return program;
}

/** The API `argv` names (its first word that is not an option or an option's value), else all of them. */
function apisFor(program: Command, argv: readonly string[]): ApiName[] {
  const takesValue = new Set(program.options.filter((o) => o.required || o.optional).flatMap((o) => [o.long, o.short]));
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (takesValue.has(word)) i++;
    else if (!word.startsWith("-")) return (API_NAMES as readonly string[]).includes(word) ? [word as ApiName] : [...API_NAMES];
  }
  return [...API_NAMES];
}

// addCommand() does not copy the parent's settings (exitOverride, output, help): every command
// gets them from its parent here, after the tree is built.
function inherit(command: Command): void {
  for (const sub of command.commands) {
    sub.copyInheritedSettings(command);
    inherit(sub);
  }
}

/** Runs `yeastar <argv>`; resolves to the exit code. */
export async function run(argv: readonly string[], io: Io = processIo(), models?: Partial<Record<ApiName, SpecModel>>): Promise<number> {
  const ctx: Context = { io, exitCode: EXIT.ok };
  try {
    const program = buildProgram(ctx, models, argv);
    await program.parseAsync([...argv], { from: "user" });
    return ctx.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end in a "success" CommanderError; a help shown for a missing
      // subcommand, and every parse error (already printed by commander), is a usage error.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    const { code, lines } = report(error);
    io.stderr.write(`${lines.join("\n")}\n`);
    return code;
  }
}
