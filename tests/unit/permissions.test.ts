import { describe, expect, it } from "vitest";
import { actionsOf, can, permissions, roles } from "../../shared/permissions.js";

describe("the permission table", () => {
  it("lets only facilitators manage a workshop and its invitations", () => {
    for (const action of ["workshop.update", "invitation.create", "invitation.list", "invitation.revoke", "workshop.members.changeRole"] as const) {
      expect(roles.filter((role) => can(role, action))).toEqual(["facilitator"]);
    }
  });

  it("makes observers and translators read-only in the synthesis", () => {
    expect(can("observer", "synthesis.read")).toBe(true);
    expect(can("observer", "synthesis.edit")).toBe(false);
    expect(can("translator", "synthesis.edit")).toBe(false);
    expect(can("participant", "synthesis.edit")).toBe(true);
  });

  it("gives nothing to someone without a role", () => {
    for (const action of Object.keys(permissions) as (keyof typeof permissions)[]) expect(can(null, action)).toBe(false);
  });

  it("names only known roles", () => {
    for (const allowed of Object.values(permissions)) for (const role of allowed) expect(roles).toContain(role);
    expect(actionsOf("facilitator")).toEqual(Object.keys(permissions));
  });
});
