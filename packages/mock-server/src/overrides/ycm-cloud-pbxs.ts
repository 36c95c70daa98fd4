import type { Item } from "../data.js";
import { objectView } from "../data/schema-utils.js";
import type { Reply } from "../envelopes.js";
import type { MockState, Override, OverrideContext } from "../state.js";
import { unbindDidsOf } from "./ycm-did-numbers.js";
import { body, bodyFields, byId, ids, perServer, records } from "./ycm-shared.js";

/**
 * A Cloud PBX's life, which the spec describes in words only: create -> Provisioning -> Running; stop -> Stopped;
 * start -> Running; resize changes its capacities; delete removes it with its customer and DID bindings. And the
 * customers bound to each Cloud PBX (a full overwrite). Everything else (lookups, not-found answers, envelopes)
 * is the spec-derived behaviour, run through `base`.
 */

const PBX = "YcmCloudPbx";
const CUSTOMER = "YcmCustomer";

interface PbxState {
  /**
   * Cloud PBXs created through the API that are still provisioning: `new` until a read has shown them, `seen`
   * after; the next read finds them Running. Generated records keep the status they were generated with.
   */
  provisioning: Map<string, "new" | "seen">;
  /** The customers bound to each Cloud PBX, by its ID. */
  customers: Map<string, number[]>;
}

const pbxState = perServer<PbxState>(() => ({ provisioning: new Map(), customers: new Map() }));

const ok = (reply: Reply): boolean => reply.status >= 200 && reply.status < 300;

function setStatus(state: MockState, id: string, status: string): void {
  const pbx = byId(state, PBX, "cloudPbxId", id);
  if (pbx) pbx.pbxStatus = status;
}

/**
 * Provisioning completes on the read after the first one that showed it (deterministic, no timers): a client that
 * polls the status sees `Provisioning` once, then `Running`.
 */
function read(ctx: OverrideContext): Reply {
  const { provisioning } = pbxState(ctx.state);
  for (const [id, phase] of provisioning) {
    if (phase === "seen") {
      provisioning.delete(id);
      setStatus(ctx.state, id, "Running");
    }
  }
  const reply = ctx.base();
  for (const id of provisioning.keys()) provisioning.set(id, "seen");
  return reply;
}

/** The fields of the answer's `data` (read from the spec) taken from the Cloud PBX's record. */
function dataOf(ctx: OverrideContext, pbx: Item): Record<string, unknown> {
  const schema = ctx.op.success?.json?.schema;
  const data = schema ? objectView(schema).properties.data : undefined;
  const fields = data ? Object.keys(objectView(data).properties) : [];
  return Object.fromEntries(fields.filter((f) => pbx[f] !== undefined).map((f) => [f, pbx[f]]));
}

/** The status query answers from the record (the derived behaviour only checks that the Cloud PBX exists). */
const getYcmCloudPbxStatus: Override = (ctx) =>
  read({
    ...ctx,
    base: () => {
      const reply = ctx.base();
      const pbx = byId(ctx.state, PBX, "cloudPbxId", ctx.pathParams.cloudPbxId);
      return ok(reply) && pbx ? ctx.answer([[["data"], dataOf(ctx, pbx)]]) : reply;
    },
  });

/** The spec cannot say which record a `url` query names; the mock looks it up. */
const getYcmCloudPbxByUrl: Override = (ctx) =>
  read({
    ...ctx,
    base: () => {
      const url = ctx.query.get("url") ?? "";
      const pbx = records(ctx.state, PBX).find((p) => p.url === url);
      return pbx ? ctx.answer([[["data"], dataOf(ctx, pbx)]]) : ctx.errors.notFound(`no ${PBX} with url ${url}`, PBX);
    },
  });

/** The customer IDs that name a customer (the others are dropped: see the README's choices). */
function knownCustomers(ctx: OverrideContext, customerIds: string[]): number[] {
  return [...new Set(customerIds)].filter((id) => byId(ctx.state, CUSTOMER, "customerId", id)).map(Number);
}

function createYcmCloudPbx(ctx: OverrideContext): Reply {
  const reply = ctx.base();
  if (!ok(reply)) return reply;
  const pbx = records(ctx.state, PBX).at(-1)!;
  pbx.pbxStatus = "Provisioning";
  const id = String(pbx.cloudPbxId);
  const s = pbxState(ctx.state);
  s.provisioning.set(id, "new");
  s.customers.set(id, knownCustomers(ctx, ids(body(ctx).customerIds)));
  return ctx.answer([[["data", "cloudPbxId"], pbx.cloudPbxId]]);
}

const setsStatus =
  (status: string): Override =>
  (ctx) => {
    const reply = ctx.base();
    if (ok(reply)) {
      pbxState(ctx.state).provisioning.delete(ctx.pathParams.cloudPbxId!);
      setStatus(ctx.state, ctx.pathParams.cloudPbxId!, status);
    }
    return reply;
  };

function resizeYcmCloudPbx(ctx: OverrideContext): Reply {
  const reply = ctx.base();
  const pbx = byId(ctx.state, PBX, "cloudPbxId", ctx.pathParams.cloudPbxId);
  if (!ok(reply) || !pbx) return reply;
  const given = body(ctx);
  for (const field of bodyFields(ctx)) if (given[field] !== undefined) pbx[field] = given[field];
  return reply;
}

function deleteYcmCloudPbxs(ctx: OverrideContext): Reply {
  const reply = ctx.base();
  if (!ok(reply)) return reply;
  const s = pbxState(ctx.state);
  for (const id of ids(body(ctx).cloudPbxIds)) {
    if (byId(ctx.state, PBX, "cloudPbxId", id)) continue;
    s.provisioning.delete(id);
    s.customers.delete(id);
    unbindDidsOf(ctx.state, id);
  }
  return reply;
}

function getYcmCloudPbxCustomers(ctx: OverrideContext): Reply {
  const reply = ctx.base();
  if (!ok(reply)) return reply;
  return ctx.answer([[["data", "customerIds"], pbxState(ctx.state).customers.get(ctx.pathParams.cloudPbxId!) ?? []]]);
}

/** The list replaces the PBX's customers (the spec says so). */
function updateYcmCloudPbxCustomers(ctx: OverrideContext): Reply {
  const reply = ctx.base();
  if (!ok(reply)) return reply;
  pbxState(ctx.state).customers.set(ctx.pathParams.cloudPbxId!, knownCustomers(ctx, ids(body(ctx).customerIds)));
  return reply;
}

/** A deleted customer is no longer bound to any Cloud PBX. */
function deleteYcmCustomers(ctx: OverrideContext): Reply {
  const reply = ctx.base();
  if (!ok(reply)) return reply;
  const gone = new Set(ids(body(ctx).customerIds));
  for (const [pbx, list] of pbxState(ctx.state).customers) pbxState(ctx.state).customers.set(pbx, list.filter((c) => !gone.has(String(c))));
  return reply;
}

export const YCM_CLOUD_PBX_OVERRIDES: Readonly<Record<string, Override>> = {
  createYcmCloudPbx,
  listYcmCloudPbxs: read,
  getYcmCloudPbx: read,
  getYcmCloudPbxByUrl,
  getYcmCloudPbxStatus,
  startYcmCloudPbx: setsStatus("Running"),
  stopYcmCloudPbx: setsStatus("Stopped"),
  resizeYcmCloudPbx,
  deleteYcmCloudPbxs,
  getYcmCloudPbxCustomers,
  updateYcmCloudPbxCustomers,
  deleteYcmCustomers,
};
