// The workshop's members and their roles; facilitators may change a role here.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { languageNames } from "../../../shared/languages.js";
import { roles, type Role } from "../../../shared/permissions.js";
import type { Member } from "../../../shared/schemas/workshops.js";
import { ErrorNotice } from "../ui/ErrorNotice.js";
import { workshopsApi } from "./workshopsApi.js";

type Props = {
  workshopId: string;
  members: Member[];
  canChangeRoles: boolean;
  currentUserId: string;
  onChanged: () => void;
};

export function MembersList({ workshopId, members, canChangeRoles, currentUserId, onChanged }: Props) {
  const { t } = useTranslation(["workshops", "common"]);
  const [pendingUserId, setPendingUserId] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(undefined);

  async function changeRole(member: Member, role: Role) {
    setPendingUserId(member.userId);
    setError(undefined);
    try {
      await workshopsApi.changeRole(workshopId, member.userId, role);
      onChanged();
    } catch (failure) {
      setError(failure);
    } finally {
      setPendingUserId(null);
    }
  }

  return (
    <>
      <ErrorNotice error={error} />
      <ul className="people members">
        {members.map((member) => (
          <li key={member.userId}>
            <span className="person-name">
              {member.displayName}
              {member.userId === currentUserId && <span className="muted"> {t("common:you")}</span>}
            </span>
            <span className="person-meta" lang={member.language}>
              {languageNames[member.language] ?? member.language}
            </span>
            {canChangeRoles ? (
              <select
                className="role-select"
                aria-label={t("workshops:members.roleOf", { name: member.displayName })}
                value={member.role}
                disabled={pendingUserId === member.userId}
                onChange={(e) => void changeRole(member, e.target.value as Role)}
              >
                {roles.map((role) => (
                  <option key={role} value={role}>
                    {t(`common:roles.${role}`)}
                  </option>
                ))}
              </select>
            ) : (
              <span className="badge">{t(`common:roles.${member.role}`)}</span>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
