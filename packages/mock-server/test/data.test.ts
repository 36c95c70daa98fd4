import { describe, expect, it } from "vitest";
import { createDataset, DATASET_DEFAULTS } from "../src/index.js";
import { mulberry32 } from "../src/random.js";

describe("createDataset", () => {
  it("has the default sizes", () => {
    const d = createDataset();
    expect(d.seed).toBe(1);
    expect(d.ycmUsers).toHaveLength(137);
    expect(d.ycmSubordinates).toHaveLength(23);
    expect(d.workplaceUsers).toHaveLength(61);
    expect(DATASET_DEFAULTS).toEqual({ seed: 1, ycmUsers: 137, ycmSubordinates: 23, workplaceUsers: 61 });
  });

  it("is deterministic per seed and differs between seeds", () => {
    expect(createDataset({ seed: 7 })).toEqual(createDataset({ seed: 7 }));
    expect(createDataset({ seed: 7 }).ycmUsers).not.toEqual(createDataset({ seed: 8 }).ycmUsers);
  });

  it("keeps one collection stable when another one's size changes", () => {
    const a = createDataset({ seed: 3, workplaceUsers: 5 });
    const b = createDataset({ seed: 3, workplaceUsers: 90 });
    expect(a.ycmUsers).toEqual(b.ycmUsers);
    expect(b.workplaceUsers.slice(0, 5)).toEqual(a.workplaceUsers);
  });

  it("gives YCM users unique ascending IDs, documented enums and no empty strings", () => {
    const { ycmUsers } = createDataset();
    const ids = ycmUsers.map((u) => u.userId);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    for (const u of ycmUsers) {
      expect(["My Colleague", "Reseller"]).toContain(u.userType);
      expect(["enable", "disable"]).toContain(u.twoFactorAuthenticationEnable);
      for (const value of Object.values(u)) expect(value).not.toBe("");
    }
    // Realistic data omits optional fields sometimes, like the vendor's examples.
    expect(ycmUsers.some((u) => u.company === undefined)).toBe(true);
    expect(ycmUsers.some((u) => u.firstName === undefined)).toBe(true);
    expect(ycmUsers.some((u) => u.userType === "Reseller")).toBe(true);
  });

  it("has a detail for every listed user plus Hosting Users that the list does not show", () => {
    const { ycmUsers, ycmUserDetails } = createDataset();
    const listed = new Set(ycmUsers.map((u) => u.userId));
    for (const u of ycmUsers) {
      const detail = ycmUserDetails.find((d) => d.userId === u.userId);
      expect(detail).toBeDefined();
      expect(detail).not.toHaveProperty("twoFactorAuthenticationEnable");
      expect(detail?.email).toBe(u.email);
    }
    const hosting = ycmUserDetails.filter((d) => d.userType === "Hosting User");
    expect(hosting.length).toBeGreaterThan(0);
    for (const h of hosting) {
      expect(listed.has(h.userId)).toBe(false);
      expect(h.createdReseller).toBeGreaterThan(0);
    }
    expect(ycmUserDetails.filter((d) => d.userType !== "Hosting User").every((d) => d.createdReseller === undefined)).toBe(true);
  });

  it("generates Workplace users with unique IDs, valid statuses and known groups", () => {
    const { workplaceUsers, workplaceGroups } = createDataset();
    const groupIds = new Set(workplaceGroups.map((g) => g.groupId));
    expect(new Set(workplaceUsers.map((u) => u.userId)).size).toBe(61);
    expect(new Set(workplaceUsers.map((u) => u.memberId)).size).toBe(61);
    for (const u of workplaceUsers) {
      expect(["outer", "invite", "added"]).toContain(u.inviteStatus);
      for (const g of u.groupIds) expect(groupIds.has(g)).toBe(true);
      if (u.preferredFloorName !== undefined) expect(u.preferredBuildingName).toBeDefined();
    }
    expect(workplaceUsers.some((u) => u.idCode === undefined)).toBe(true);
    expect(workplaceUsers.some((u) => u.idCode !== undefined)).toBe(true);
  });

  it("generates subordinates ordered by userId descending", () => {
    const { ycmSubordinates } = createDataset();
    const ids = ycmSubordinates.map((s) => s.userId);
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);
    expect(new Set(ids).size).toBe(23);
    for (const s of ycmSubordinates) expect(s.userEmail).toMatch(/^[^@\s]+@[^@\s]+$/);
  });

  it("allows empty collections and refuses bad sizes", () => {
    const empty = createDataset({ ycmUsers: 0, ycmSubordinates: 0, workplaceUsers: 0 });
    expect(empty.ycmUsers).toEqual([]);
    expect(empty.ycmUserDetails).toEqual([]);
    expect(() => createDataset({ ycmUsers: -1 })).toThrow(/ycmUsers/);
    expect(() => createDataset({ workplaceUsers: 1.5 })).toThrow(/workplaceUsers/);
  });

  it("uses mulberry32, a seeded generator (no Math.random)", () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const seq = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(seq);
    for (const x of seq) expect(x >= 0 && x < 1).toBe(true);
  });
});
