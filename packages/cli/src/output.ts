// What a command prints on stdout: `json` (the answer as the API gave it; with --all, a JSON
// array of every item), `ndjson` (one item per line), `csv` (a header from the item schema in the
// spec, then one row per item) or `table`. Rows stream as pages arrive, except in a table, which
// must see every row to size its columns. Secret-looking fields (a token response's tokens) are
// shown as "[REDACTED]" in every format: the client's redaction (`@yeastar-openapi/client/hooks`),
// so the CLI and the hooks agree on what a secret is.
import { redact } from "@yeastar-openapi/client/hooks";
import type { Stringifier } from "csv-stringify";
import { propertiesOf, type Operation, type Schema } from "@yeastar-openapi/spec-model";
import { UsageError } from "./exit.js";

export const FORMATS = ["json", "ndjson", "csv", "table"] as const;
export type Format = (typeof FORMATS)[number];

export function checkFormat(value: string | undefined, stdoutIsTTY: boolean): Format {
  if (value === undefined) return stdoutIsTTY ? "table" : "json";
  if (!(FORMATS as readonly string[]).includes(value)) throw new UsageError(`--output must be one of ${FORMATS.join(", ")}, got ${JSON.stringify(value)}`);
  return value as Format;
}

/** Walks property names from a body: `["data", "list"]`. */
export function at(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) current = current !== null && typeof current === "object" ? (current as Record<string, unknown>)[key] : undefined;
  return current;
}

/** The rows of one answer: a list's items (where the spec says the list is), else the payload. */
export function rowsOf(op: Operation, body: unknown): unknown[] {
  if (op.list) {
    const items = at(body, op.list.itemsPath);
    if (Array.isArray(items)) return items;
  }
  const data = at(body, ["data"]);
  if (Array.isArray(data)) return data;
  return [data !== undefined && data !== null && typeof data === "object" ? data : body];
}

/** The columns for rows of an operation: the item schema's properties in the spec's order. */
export function columnsOf(op: Operation): string[] {
  const schema = op.list?.itemSchema ?? dataSchema(op);
  return schema ? Object.keys(propertiesOf(schema)) : [];
}

function dataSchema(op: Operation): Schema | undefined {
  const body = op.success?.json?.schema;
  if (!body) return undefined;
  const data = propertiesOf(body).data;
  return data && (data.type === "object" || data.properties || data.allOf) ? data : body;
}

/** A cell: scalars as text, objects and arrays as JSON, nothing as empty. */
function cell(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

export interface Writer {
  write(text: string): void;
}

/** Receives rows as they come (a walk), or one whole answer. */
export interface Sink {
  /** One whole answer of a single call. */
  answer(body: unknown): void;
  /** The next item of a walk. */
  row(item: unknown): void;
  end(): Promise<void>;
}

// The CSV and table libraries are loaded only by the formats that use them.
export async function createSink(format: Format, op: Operation, out: Writer, walking: boolean): Promise<Sink> {
  const columns = columnsOf(op);
  switch (format) {
    case "json": {
      let count = 0;
      return {
        answer: (body) => out.write(`${JSON.stringify(redact(body), null, 2)}\n`),
        row: (item) => out.write(`${count++ === 0 ? "[\n" : ",\n"}${indent(JSON.stringify(redact(item), null, 2))}`),
        end: async () => {
          if (walking) out.write(count === 0 ? "[]\n" : "\n]\n");
        },
      };
    }
    case "ndjson":
      return {
        answer: (body) => {
          for (const row of rowsOf(op, body)) out.write(`${JSON.stringify(redact(row))}\n`);
        },
        row: (item) => out.write(`${JSON.stringify(redact(item))}\n`),
        end: async () => {},
      };
    case "csv":
      return csvSink(op, columns, out, (await import("csv-stringify")).stringify);
    case "table":
      return tableSink(op, columns, out, (await import("cli-table3")).default);
  }
}

const indent = (text: string) => text.replace(/^/gm, "  ");

function csvSink(op: Operation, schemaColumns: string[], out: Writer, stringify: typeof import("csv-stringify").stringify): Sink {
  let stringifier: Stringifier | undefined;
  let finished: Promise<void> = Promise.resolve();
  let columns: string[] = schemaColumns;
  const add = (item: unknown) => {
    const record = (item !== null && typeof item === "object" ? redact(item) : { value: item }) as Record<string, unknown>;
    if (!stringifier) {
      // The spec's columns, plus any field the first row has that the (open) schema does not list.
      columns = [...columns, ...Object.keys(record).filter((k) => !columns.includes(k))];
      const s = stringify({ header: true, columns, cast: { boolean: (v) => String(v), object: (v) => JSON.stringify(v) } });
      s.on("data", (chunk: Buffer | string) => out.write(String(chunk)));
      finished = new Promise((resolve, reject) => {
        s.on("end", () => resolve());
        s.on("error", reject);
      });
      stringifier = s;
    }
    stringifier.write(columns.map((c) => record[c] ?? ""));
  };
  return {
    answer: (body) => rowsOf(op, body).forEach(add),
    row: add,
    end: async () => {
      if (!stringifier) {
        if (columns.length) out.write(`${columns.join(",")}\n`);
        return;
      }
      stringifier.end();
      await finished;
    },
  };
}

function tableSink(op: Operation, schemaColumns: string[], out: Writer, Table: typeof import("cli-table3")): Sink {
  const rows: Record<string, unknown>[] = [];
  let single: Record<string, unknown> | undefined;
  const add = (item: unknown) => rows.push((item !== null && typeof item === "object" ? redact(item) : { value: item }) as Record<string, unknown>);
  return {
    answer: (body) => {
      const found = rowsOf(op, body);
      // One object (a get): field per line reads better than one very wide row.
      if (!op.list && found.length === 1 && found[0] !== null && typeof found[0] === "object") single = redact(found[0]) as Record<string, unknown>;
      else found.forEach(add);
    },
    row: add,
    end: async () => {
      if (single) {
        const table = new Table({ style: { head: [], border: [] } });
        for (const [key, value] of Object.entries(single)) table.push({ [key]: clip(cell(value)) });
        out.write(`${table.toString()}\n`);
        return;
      }
      // Only the columns some row has, so optional fields nobody filled do not widen the table.
      const seen = new Set(rows.flatMap((r) => Object.keys(r)));
      const columns = [...schemaColumns.filter((c) => seen.has(c)), ...[...seen].filter((c) => !schemaColumns.includes(c))];
      const table = new Table({ head: columns, style: { head: [], border: [] } });
      for (const row of rows) table.push(columns.map((c) => clip(cell(row[c]))));
      out.write(`${table.toString()}\n`);
      if (rows.length === 0) out.write("(no items)\n");
    },
  };
}

/** Long cells are cut in a table (the other formats keep everything). */
function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
