// The one thing the Redis stores need from a Redis client: send a command, get its reply. Both
// maintained Node clients can: node-redis (`redis`) through `sendCommand([...])`, ioredis through
// `call(name, ...args)`. The stores never import either, so users without Redis install neither.
import { createHash } from "node:crypto";

/** A connected node-redis (`createClient()` from `redis`, v4 or later) or ioredis client. */
export type RedisClientLike =
  | { sendCommand(args: string[]): Promise<unknown> }
  | { call(command: string, ...args: string[]): Promise<unknown> };

export type RedisCommand = (args: (string | number)[]) => Promise<unknown>;

export function redisCommand(redis: unknown, who: string): RedisCommand {
  const client = redis as { call?: unknown; sendCommand?: unknown } | null | undefined;
  let send: (args: string[]) => Promise<unknown>;
  // ioredis also has a sendCommand (taking its own Command objects): `call` is tried first.
  if (typeof client?.call === "function") {
    const call = client.call as (command: string, ...args: string[]) => Promise<unknown>;
    send = ([command, ...args]) => call.call(client, command!, ...args);
  } else if (typeof client?.sendCommand === "function") {
    const sendCommand = client.sendCommand as (args: string[]) => Promise<unknown>;
    send = (args) => sendCommand.call(client, args);
  } else {
    throw new TypeError(`${who}: pass a node-redis (redis) or ioredis client (it has neither sendCommand() nor call())`);
  }
  return async (args) => {
    try {
      return await send(args.map(String));
    } catch (error) {
      // Some clients attach the command and its arguments to their errors (ioredis: `command`),
      // and the arguments can hold a token: only the message goes on.
      throw new Error(`${who}: Redis answered an error: ${describe(error)}`);
    }
  };
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // Redis quotes a script's failing line, never its arguments; cut anything long all the same.
  return message.length > 200 ? `${message.slice(0, 200)}...` : message;
}

/** `EVAL script numkeys keys... args...` */
export function evaluate(command: RedisCommand, script: string, keys: string[], args: (string | number)[]): Promise<unknown> {
  return command(["EVAL", script, keys.length, ...keys, ...args]);
}

/**
 * The key of one credential: a hash of the API root and Client ID, so keys name no account and
 * never hold the secret (which is not even an input).
 */
export function credentialKey(prefix: string, kind: string, baseUrl: unknown, clientId: unknown, who: string): string {
  if (typeof baseUrl !== "string" || baseUrl === "") throw new TypeError(`${who}: baseUrl must be the client's API root (the same string on every process)`);
  if (typeof clientId !== "string" || clientId === "") throw new TypeError(`${who}: clientId must be the Client ID (never the secret)`);
  const hash = createHash("sha256").update(`${baseUrl.replace(/\/+$/, "")}\n${clientId}`).digest("hex").slice(0, 32);
  return `${prefix}${kind}:${hash}`;
}

export function checkPrefix(prefix: unknown, who: string): string {
  if (typeof prefix !== "string") throw new TypeError(`${who}: prefix must be a string`);
  return prefix;
}

/** A positive number of milliseconds from `options[key]`, or the default. */
export function milliseconds(options: Record<string, unknown>, key: string, fallback: number, who: string): number {
  const value = options[key];
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) throw new TypeError(`${who}: ${key} must be a positive number of milliseconds`);
  return value;
}

export function checkKeys(options: Record<string, unknown>, known: readonly string[], who: string): void {
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) throw new TypeError(`${who}: unknown option "${key}"; the options are ${known.join(", ")}`);
  }
}
