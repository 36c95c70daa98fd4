// CONTRIBUTING.md's "Adding an endpoint", done by a program on a throwaway copy of the spec: the
// fixture files in ../fixtures are copied in (steps 1 and 2) and registered in the root
// openapi.yaml (step 3). The endpoint is made up and clearly marked as a test fixture; it only
// ever exists in a temporary directory.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseDocument } from "yaml";
// @ts-expect-error: plain ESM script without type declarations
import { repoRoot } from "../../../spec/scripts/redocly.mjs";

export { repoRoot };

export const FIXTURE = {
  api: "ycm",
  path: "/dm/open_api/v1/fixture/devices/{deviceId}",
  pathFile: "paths/dm_open_api_v1_fixture_devices_{deviceId}.yaml",
  operationId: "getYcmFixtureDevice",
  tag: { name: "Fixtures", description: "TEST FIXTURE (tests/contributing): made-up endpoints that prove CONTRIBUTING.md's walk." },
  parameters: { FixtureDeviceId: "components/parameters/FixtureDeviceId.yaml" },
  schemas: {
    YcmFixtureDevice: "components/schemas/YcmFixtureDevice.yaml",
    YcmFixtureDeviceResponse: "components/schemas/YcmFixtureDeviceResponse.yaml",
  },
} as const;

/** The walk end to end (walk.test.ts): a paged read-only list of a new resource with its own item schema. */
export const LIST_FIXTURE = {
  api: "ycm",
  path: "/dm/open_api/v1/fixture/gateways",
  pathFile: "paths/dm_open_api_v1_fixture_gateways.yaml",
  operationId: "listYcmFixtureGateways",
  tag: FIXTURE.tag,
  parameters: {},
  schemas: {
    YcmFixtureGateway: "components/schemas/YcmFixtureGateway.yaml",
    YcmFixtureGatewayPage: "components/schemas/YcmFixtureGatewayPage.yaml",
    YcmFixtureGatewayListResponse: "components/schemas/YcmFixtureGatewayListResponse.yaml",
  },
} as const;

type Fixture = typeof FIXTURE | typeof LIST_FIXTURE;

const fixtures = join(import.meta.dirname, "..", "fixtures", FIXTURE.api);
const copies: string[] = [];

/** A copy of the spec sources and spec/redocly.yaml in a temporary directory, laid out as in the repository. */
export function copySpec(): string {
  const dir = mkdtempSync(join(tmpdir(), "yeastar-contributing-"));
  copies.push(dir);
  for (const api of ["ycm", "workplace"]) cpSync(join(repoRoot, "spec", api), join(dir, "spec", api), { recursive: true });
  cpSync(join(repoRoot, "spec", "redocly.yaml"), join(dir, "spec", "redocly.yaml"));
  return dir;
}

/** The fixture's path file inside the copy at `root`. */
export const fixturePathFile = (root: string): string => join(root, "spec", FIXTURE.api, FIXTURE.pathFile);

export function removeCopies(): void {
  for (const dir of copies.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/**
 * Adds a fixture endpoint to the copy at `root`: its path file and component files (steps 1
 * and 2), then its entries in the root openapi.yaml (step 3). `registerPath: false` skips the
 * `paths:` entry, as a contributor might forget to.
 */
export function addFixtureEndpoint(root: string, { registerPath = true, fixture = FIXTURE as Fixture } = {}): void {
  const apiDir = join(root, "spec", fixture.api);
  const files = [fixture.pathFile, ...Object.values(fixture.parameters), ...Object.values(fixture.schemas)];
  for (const file of files) cpSync(join(fixtures, file), join(apiDir, file));

  // The yaml Document API keeps the root file's comments and layout, like a hand edit.
  const rootFile = join(apiDir, "openapi.yaml");
  const doc = parseDocument(readFileSync(rootFile, "utf8"));
  doc.addIn(["tags"], doc.createNode(fixture.tag));
  if (registerPath) doc.setIn(["paths", fixture.path], doc.createNode({ $ref: fixture.pathFile }));
  for (const [name, file] of Object.entries(fixture.parameters)) doc.setIn(["components", "parameters", name], doc.createNode({ $ref: file }));
  for (const [name, file] of Object.entries(fixture.schemas)) doc.setIn(["components", "schemas", name], doc.createNode({ $ref: file }));
  writeFileSync(rootFile, doc.toString({ lineWidth: 0 }));
}
