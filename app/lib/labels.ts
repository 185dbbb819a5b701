import type { OrgRole } from "../../core/permissions";

export const ROLE_LABELS: Record<OrgRole, string> = {
  admin: "Admin",
  account_manager: "Account manager",
  viewer: "Viewer",
};
