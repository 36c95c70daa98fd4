// Runs one operation through the client and prints its answer: a single call, or with --all /
// --limit a walk through the client's paginate, rows printed as each page arrives.
import type { Operation, SpecModel } from "@yeastar-openapi/spec-model";
import { bodyMedia, checkBody, parseData, readData } from "./body.js";
import { connect, type ConnectOptions, type Io } from "./connect.js";
import { EXIT, UsageError } from "./exit.js";
import { commandLine } from "./names.js";
import { checkFormat, createSink, rowsOf } from "./output.js";
import { createProgress } from "./progress.js";

export interface GlobalOptions extends ConnectOptions {
  output?: string;
  all?: boolean;
  limit?: string;
  progress?: boolean;
  timeout?: string;
}

export interface CallParams {
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  header: Record<string, unknown>;
}

/** --limit as a whole number >= 1, or undefined. */
function limitOf(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) throw new UsageError(`--limit must be a whole number >= 1, got ${JSON.stringify(value)}`);
  return n;
}

function timeoutOf(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--timeout must be a number of milliseconds > 0, got ${JSON.stringify(value)}`);
  return n;
}

export async function execute(model: SpecModel, op: Operation, params: CallParams, data: string | undefined, globals: GlobalOptions, io: Io): Promise<number> {
  const format = checkFormat(globals.output, Boolean(io.stdout.isTTY));
  const limit = limitOf(globals.limit);
  const walking = Boolean(globals.all) || limit !== undefined;
  if (walking && !op.list) throw new UsageError(`${commandLine(op)} answers no list: --all and --limit apply to lists`);

  // Everything the command line can get wrong is checked before a client, a token or a mock exists.
  let body: unknown;
  if (data !== undefined) {
    const text = await readData(data, io.stdin);
    body = parseData(text, data === "-" ? "(stdin)" : data.startsWith("@") ? data : "(inline)");
    await checkBody(model, op, body);
  } else if (op.requestBody?.required) {
    throw new UsageError(`${commandLine(op)} needs a request body (${bodyMedia(op)?.mediaType ?? "JSON"}): --data '<json>', --data @file.json or --data - (stdin)`);
  }

  const connection = await connect(model, { ...globals, timeoutMs: timeoutOf(globals.timeout) }, io);
  const sink = await createSink(format, op, io.stdout, walking);
  const progress = await createProgress(io.stderr, walking && globals.progress !== false);
  const init: Record<string, unknown> = { params: withoutEmpty(params) };
  if (body !== undefined) init.body = body;
  try {
    if (walking && op.paging) {
      const query = { ...params.query };
      // The fewest requests: the largest page the spec allows, unless one was asked for.
      const max = op.paging.pageSize.schema.maximum;
      if (query[op.paging.pageSize.name] === undefined && typeof max === "number") query[op.paging.pageSize.name] = max;
      const walk = connection.client.paginate(op.path, { params: withoutEmpty({ ...params, query }) });
      let done = 0;
      walk: for await (const page of walk.pages()) {
        if (typeof page.total === "number") progress.total(limit === undefined ? page.total : Math.min(limit, page.total));
        for (const item of page.items) {
          sink.row(item);
          progress.update(++done);
          if (limit !== undefined && done >= limit) break walk;
        }
      }
    } else {
      const { data: answer } = await connection.client[op.method.toUpperCase()](op.path, init);
      if (walking) {
        // A list the API answers whole (no pages): its items, up to --limit.
        const rows = rowsOf(op, answer);
        for (const row of limit === undefined ? rows : rows.slice(0, limit)) sink.row(row);
      } else sink.answer(answer);
    }
    progress.stop();
    await sink.end();
    return EXIT.ok;
  } catch (error) {
    progress.stop();
    if (globals.dryRun && connection.dryRunPrinted()) return EXIT.ok;
    throw error;
  } finally {
    await connection.close();
  }
}

/** `params` without its empty locations (the client's check then names only what was given). */
function withoutEmpty(params: Partial<CallParams>): Record<string, Record<string, unknown>> {
  return Object.fromEntries(Object.entries(params).filter(([, v]) => v && Object.keys(v).length > 0)) as Record<string, Record<string, unknown>>;
}
