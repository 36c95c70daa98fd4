// How an operation of the spec is named on the command line: `yeastar <api> <family> <action>`,
// the family from the operation's first tag ("Cloud PBXs" -> cloud-pbxs) and the action from its
// operationId with the product and the family taken out (startYcmCloudPbx -> start,
// getYcmCloudPbxByUrl -> get-by-url, listYcmAvailableDidNumbers -> list-available). Nothing here
// names an operation: a new operation in the spec gets its command the day it is added. The docs'
// CLI samples use these same functions.
import type { Operation, SpecModel } from "@yeastar-openapi/spec-model";

/** The words of a camelCase or snake_case identifier, lower case: `listYcmCloudPbxs` -> list, ycm, cloud, pbxs. */
export function wordsOf(identifier: string): string[] {
  return (identifier.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+/g) ?? []).map((w) => w.toLowerCase());
}

/** A tag as a command name: "Cloud PBXs" -> cloud-pbxs, "PBX API Pass-through" -> pbx-api-pass-through. */
export function familyName(tag: string): string {
  return tag
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .join("-");
}

/** A parameter's flag: `cloudPbxId` -> cloud-pbx-id, `client_id` -> client-id. */
export function flagName(parameter: string): string {
  return wordsOf(parameter).join("-");
}

// The family's words as they appear in an operationId: as the tag writes them (plural) or with
// the last word singular (Cloud PBXs -> cloud pbx, DID Numbers -> did number).
function familyForms(tag: string): string[][] {
  const words = familyName(tag).split("-");
  const last = words.at(-1) ?? "";
  const singular = last.endsWith("s") ? [...words.slice(0, -1), last.slice(0, -1)] : undefined;
  return singular ? [words, singular] : [words];
}

function removeRun(words: string[], run: string[]): string[] | undefined {
  for (let i = 0; i + run.length <= words.length; i++) {
    if (run.every((w, j) => words[i + j] === w)) return [...words.slice(0, i), ...words.slice(i + run.length)];
  }
  return undefined;
}

export interface CommandName {
  /** `ycm` or `workplace`. */
  api: string;
  family: string;
  action: string;
}

/** The command of one operation: `{ api: "ycm", family: "cloud-pbxs", action: "start" }`. */
export function commandName(op: Operation): CommandName {
  const tag = op.tags[0];
  const family = tag ? familyName(tag) : "other";
  const words = wordsOf(op.operationId);
  // The product's word (Ycm, Workplace) separates the verb (check-in) from the object.
  const product = words.indexOf(op.api.toLowerCase());
  const verb = product > 0 ? words.slice(0, product) : words.slice(0, 1);
  let rest = product > 0 ? words.slice(product + 1) : words.slice(1);
  for (const form of tag ? familyForms(tag) : []) {
    const without = removeRun(rest, form);
    if (without) {
      rest = without;
      break;
    }
  }
  return { api: op.api, family, action: [...verb, ...rest].join("-") };
}

export interface OperationCommand extends CommandName {
  op: Operation;
}

/** Every operation of a description with its command, in the spec's order; throws if two would share a name. */
export function operationCommands(model: SpecModel): OperationCommand[] {
  const seen = new Map<string, string>();
  return model.operations.map((op) => {
    const name = commandName(op);
    const key = `${name.family} ${name.action}`;
    const other = seen.get(key);
    if (other) throw new Error(`${model.api}: operations ${other} and ${op.operationId} would both be the command "${key}"`);
    seen.set(key, op.operationId);
    return { ...name, op };
  });
}

/** The command line that runs an operation, without its arguments: `yeastar ycm cloud-pbxs start`. */
export function commandLine(op: Operation): string {
  const { api, family, action } = commandName(op);
  return `yeastar ${api} ${family} ${action}`;
}
