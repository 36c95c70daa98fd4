import type * as Spec from "@yeastar-openapi/types";
import { streamFor, type Rng } from "./random.js";

// The models come from the generated types, so the mock cannot drift from the spec; the mock
// always fills the fields its search and sort rely on, which the spec leaves optional.
export type YcmUser = Spec.YcmUser & Required<Pick<Spec.YcmUser, "userType">>;
export type YcmUserDetail = Spec.YcmUserDetail & Required<Pick<Spec.YcmUserDetail, "userType">>;
export type YcmSubordinate = Spec.YcmSubordinate & Required<Pick<Spec.YcmSubordinate, "userName" | "userEmail">>;
export type WorkplaceUser = Spec.WorkplaceUser &
  Required<Pick<Spec.WorkplaceUser, "memberId" | "inviteStatus" | "email" | "firstName" | "groupIds" | "roleName">>;

/** Workplace's list only carries group IDs; the names exist so that `query` can match a group name as the vendor says. */
export interface WorkplaceGroup {
  groupId: number;
  name: string;
}

export interface DatasetOptions {
  seed?: number;
  ycmUsers?: number;
  ycmSubordinates?: number;
  workplaceUsers?: number;
}

export interface Dataset {
  readonly seed: number;
  /** Sorted by `userId` ascending (the mock's default order). */
  readonly ycmUsers: readonly YcmUser[];
  /**
   * One detail per list user, plus the account's Hosting Users: the v2 list's documented `userType` values do not
   * include `Hosting User`, so those are only reachable through `getYcmUser`.
   */
  readonly ycmUserDetails: readonly YcmUserDetail[];
  /** Sorted by `userId` descending, like the vendor's example. */
  readonly ycmSubordinates: readonly YcmSubordinate[];
  /** Sorted by `userId` ascending. */
  readonly workplaceUsers: readonly WorkplaceUser[];
  readonly workplaceGroups: readonly WorkplaceGroup[];
}

export const DATASET_DEFAULTS = { seed: 1, ycmUsers: 137, ycmSubordinates: 23, workplaceUsers: 61 } as const;

const FIRST_NAMES = [
  "Leo", "Andy", "Charlotte", "Sophia", "Malinda", "Olivia", "Liam", "Emma", "Noah", "Ava", "Mia", "Lucas",
  "Amelia", "Ethan", "Harper", "Mateo", "Isla", "Wei", "Mei", "Hiroshi", "Yuki", "Priya", "Arjun", "Fatima",
  "Omar", "Lena", "Jonas", "Elena", "Marco", "Chloe", "Diego", "Nora", "Sven", "Ingrid", "Kofi", "Amara",
  "Tomás", "Zoë", "José", "Anaïs",
] as const;

const LAST_NAMES = [
  "Ball", "Terrell", "Chen", "Lin", "Garcia", "Müller", "Smith", "Johnson", "Tanaka", "Sato", "Kim", "Park",
  "Nguyen", "Rossi", "Dubois", "Novak", "Kowalski", "Jensen", "Silva", "Santos", "Okafor", "Mensah", "Patel",
  "Sharma", "Haddad", "O'Brien", "Van Dijk", "Andersson", "Fischer", "Moreau", "Lopez", "Wang",
] as const;

const COMPANIES = [
  "Yeastar", "Harbour Telecom", "Northwind Voice", "Bluefin Networks", "Acme Hosting", "Delta Unified",
  "Sunrise PBX Solutions", "Kestrel IT", "Maple Cloud Services", "Orbit Communications", "Lumen & Co",
  "Cedar Systems",
] as const;

const ADDRESSES = [
  "USA", "63 Wanghai Road, Xiamen, China", "12 Harbour Street, Sydney, Australia", "Calle Mayor 5, Madrid, Spain",
  "Kaiserstraße 18, Frankfurt, Germany", "1-2-3 Shibuya, Tokyo, Japan", "221 King Street, Toronto, Canada",
  "Rua Augusta 100, Lisbon, Portugal", "Via Roma 7, Milan, Italy", "18 Marina Boulevard, Singapore",
] as const;

const REMARKS = [
  "Key account", "Trial customer", "Renewal due next quarter", "Migrated from on-premises PBX",
  "Prefers email contact", "Billing handled by reseller",
] as const;

const GROUP_NAMES = [
  "Sales", "Engineering", "Support", "Marketing", "Finance", "Operations", "Human Resources", "Management",
] as const;

const BUILDINGS = ["Yeastar", "Harbour Tower", "North Campus", "Innovation Centre"] as const;
const FLOORS = ["Ground Floor", "1F", "2F", "3F", "5F", "12F"] as const;
const EMAIL_DOMAINS = ["example.com", "example.net", "example.org"] as const;

/**
 * Builds the mock's data. Pure and deterministic: the same options always give the same users, so tests can
 * compute what the server must answer.
 */
export function createDataset(options: DatasetOptions = {}): Dataset {
  const seed = checkCount(options.seed ?? DATASET_DEFAULTS.seed, "seed", 0xffffffff);
  const ycmCount = checkCount(options.ycmUsers ?? DATASET_DEFAULTS.ycmUsers, "ycmUsers");
  const subordinateCount = checkCount(options.ycmSubordinates ?? DATASET_DEFAULTS.ycmSubordinates, "ycmSubordinates");
  const workplaceCount = checkCount(options.workplaceUsers ?? DATASET_DEFAULTS.workplaceUsers, "workplaceUsers");

  const { users, details } = ycmUsers(streamFor(seed, "ycm-users"), ycmCount);
  const workplaceGroups = GROUP_NAMES.map((name, i) => ({ groupId: 1000120 + i * 7, name }));
  return {
    seed,
    ycmUsers: users,
    ycmUserDetails: details,
    ycmSubordinates: subordinates(streamFor(seed, "ycm-subordinates"), subordinateCount),
    workplaceUsers: workplaceUsers(streamFor(seed, "workplace-users"), workplaceCount, workplaceGroups),
    workplaceGroups,
  };
}

function checkCount(value: unknown, name: string, max = 1_000_000): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > max) {
    throw new TypeError(`${name} must be an integer from 0 to ${max}, got ${String(value)}`);
  }
  return value;
}

function emailFor(rng: Rng, name: string, uniqueSuffix: number): string {
  const local = name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ".")
    .replace(/^\.+|\.+$/g, "");
  return `${local}.${uniqueSuffix}@${rng.pick(EMAIL_DOMAINS)}`;
}

function ycmUsers(rng: Rng, count: number): { users: YcmUser[]; details: YcmUserDetail[] } {
  const users: YcmUser[] = [];
  const details: YcmUserDetail[] = [];
  let nextId = 10000 + rng.int(0, 700);
  // Roughly one Hosting User per 50 listed users: the accounts above the colleagues and resellers.
  const hostingCount = count === 0 ? 0 : Math.max(1, Math.round(count / 50));
  for (let i = 0; i < count + hostingCount; i++) {
    const userId = nextId;
    nextId += rng.int(1, 97);
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    const common = {
      userId,
      ...(rng.chance(0.75) ? { company: rng.pick(COMPANIES) } : {}),
      // The vendor's second example user has no firstName; keep a few like that.
      ...(rng.chance(0.92) ? { firstName: first } : {}),
      ...(rng.chance(0.95) ? { lastName: last } : {}),
      email: emailFor(rng, `${first} ${last}`, userId),
      ...(rng.chance(0.45) ? { phone: `139${rng.digits(8)}` } : {}),
      ...(rng.chance(0.85) ? { mobile: `13${rng.int(0, 9)}${rng.digits(8)}` } : {}),
      ...(rng.chance(0.5) ? { address: rng.pick(ADDRESSES) } : {}),
      ...(rng.chance(0.3) ? { remark: rng.pick(REMARKS) } : {}),
      createdCloudPbx: rng.int(0, 25),
    };
    if (i >= count) {
      details.push({ ...common, createdReseller: rng.int(1, 12), userType: "Hosting User" });
      continue;
    }
    const userType = rng.chance(0.6) ? "My Colleague" : "Reseller";
    const twoFactor = rng.chance(0.3) ? "enable" : "disable";
    users.push({ ...common, userType, twoFactorAuthenticationEnable: twoFactor });
    details.push({ ...common, userType });
  }
  return { users, details };
}

function subordinates(rng: Rng, count: number): YcmSubordinate[] {
  const taken = new Set<number>();
  const out: YcmSubordinate[] = [];
  while (out.length < count) {
    const userId = rng.int(300000, 499999);
    if (taken.has(userId)) continue;
    taken.add(userId);
    const first = rng.pick(FIRST_NAMES);
    const userName = rng.chance(0.5) ? first : `${first} ${rng.pick(LAST_NAMES)}`;
    out.push({ userId, userName, userEmail: emailFor(rng, userName, userId) });
  }
  return out.sort((a, b) => b.userId - a.userId);
}

function workplaceUsers(rng: Rng, count: number, groups: readonly WorkplaceGroup[]): WorkplaceUser[] {
  const out: WorkplaceUser[] = [];
  let nextId = 10000 + rng.int(0, 50);
  const memberIds = new Set<number>();
  for (let i = 0; i < count; i++) {
    const userId = nextId;
    nextId += rng.int(1, 40);
    let memberId = rng.int(1, 9999);
    while (memberIds.has(memberId)) memberId = rng.int(1, 9999);
    memberIds.add(memberId);
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    const roll = rng.float();
    const inviteStatus = roll < 0.7 ? "added" : roll < 0.9 ? "invite" : "outer";
    const groupIds: number[] = [];
    const groupCount = rng.pick([0, 1, 1, 1, 2, 2, 3]);
    while (groupIds.length < groupCount) {
      const { groupId } = rng.pick(groups);
      if (!groupIds.includes(groupId)) groupIds.push(groupId);
    }
    const building = rng.chance(0.5) ? rng.pick(BUILDINGS) : undefined;
    out.push({
      userId,
      memberId,
      inviteStatus,
      email: emailFor(rng, `${first} ${last}`, userId),
      firstName: first,
      ...(rng.chance(0.8) ? { lastName: last } : {}),
      groupIds: groupIds.sort((a, b) => a - b),
      roleName: rng.chance(0.12) ? "Administrator" : "User",
      ...(building ? { preferredBuildingName: building } : {}),
      ...(building && rng.chance(0.7) ? { preferredFloorName: rng.pick(FLOORS) } : {}),
      ...(rng.chance(0.6) ? { phone: `+1${rng.int(200, 989)}555${rng.digits(4)}` } : {}),
      ...(rng.chance(0.4) ? { idCode: `EMP-${String(rng.int(1, 9999)).padStart(4, "0")}` } : {}),
    });
  }
  return out;
}
