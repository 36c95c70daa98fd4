// `yeastar login [ycm|workplace]`: saves a Client ID and Client Secret in a profile (profiles.ts).
// On a terminal it asks for what is missing, the secret without echo; in a script the secret is
// read from stdin (`printf %s "$SECRET" | yeastar login ycm --client-id ID`), never from a flag,
// where it would show in `ps` and in shell history.
import { Command, Option } from "commander";
import type { SpecModel } from "@yeastar-openapi/spec-model";
import type { Context } from "./context.js";
import { baseUrlFor } from "./credentials.js";
import { EXIT, UsageError } from "./exit.js";
import { type ApiName, DEFAULT_PROFILE, saveProfile } from "./profiles.js";

export function loginCommand(models: Partial<Record<ApiName, SpecModel>>, ctx: Context): Command {
  const apis = Object.keys(models) as ApiName[];
  return new Command("login")
    .description("save a Client ID and Client Secret in a profile (a file only you can read)")
    .argument("[api]", `the API: ${apis.join(" or ")}`)
    .addOption(new Option("--client-id <id>", "the Client ID (asked for on a terminal when omitted)"))
    .addHelpText(
      "after",
      "\nThe secret is asked for without echo on a terminal, or read from stdin:\n" +
        '  printf %s "$YCM_CLIENT_SECRET" | yeastar login ycm --client-id "$YCM_CLIENT_ID" --profile acme\n' +
        "--base-url or --region saves the host with the profile.\n",
    )
    .action(async (apiArg: string | undefined, opts: { clientId?: string }, cmd: Command) => {
      const { io } = ctx;
      const globals = cmd.optsWithGlobals() as { profile?: string; baseUrl?: string; region?: string };
      const interactive = Boolean((io.stdin as NodeJS.ReadStream).isTTY);
      const context = { input: io.stdin, output: io.stderr };
      // Loaded only when a prompt may be shown.
      const { input, password, select } = await import("@inquirer/prompts");
      let api = apiArg as ApiName | undefined;
      if (api === undefined) {
        if (!interactive) throw new UsageError(`login: name the API (${apis.join(" or ")})`);
        api = await select({ message: "Which API?", choices: apis.map((value) => ({ value })) }, context);
      }
      if (!apis.includes(api)) throw new UsageError(`login: unknown API ${JSON.stringify(api)}; use ${apis.join(" or ")}`);
      const model = models[api]!;
      const baseUrl = baseUrlFor(model, globals, undefined);
      let clientId = opts.clientId;
      if (!clientId) {
        if (!interactive) throw new UsageError("login: --client-id is required when stdin is not a terminal");
        clientId = (await input({ message: "Client ID:", required: true }, context)).trim();
      }
      const clientSecret = interactive
        ? await password({ message: "Client Secret:", mask: true }, context)
        : (await readAll(io.stdin)).replace(/\r?\n$/, "");
      if (!clientSecret) throw new UsageError("login: no Client Secret given (type it at the prompt, or pipe it to stdin)");
      if (/[\r\n]/.test(clientSecret) || /[\r\n]/.test(clientId)) throw new UsageError("login: the Client ID and Secret must be one line each");
      const profile = globals.profile ?? DEFAULT_PROFILE;
      const file = saveProfile(io.env, profile, api, { clientId, clientSecret, ...(baseUrl && { baseUrl }) }, (line) => io.stderr.write(`${line}\n`));
      io.stderr.write(`Saved the ${api} credentials as profile "${profile}" in ${file} (readable by you only).\n`);
      ctx.exitCode = EXIT.ok;
    });
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}
