// Who is in the workshop room right now, with the language each one reads in.
import { useTranslation } from "react-i18next";
import { languageNames } from "../../../shared/languages.js";
import type { PresenceEntry } from "../../../shared/schemas/live.js";
import type { RoomStatus } from "./useWorkshopRoom.js";

type Props = { people: PresenceEntry[]; status: RoomStatus; currentUserId: string };

export function PresenceList({ people, status, currentUserId }: Props) {
  const { t } = useTranslation(["workshops", "common"]);
  // Someone with two tabs open is still one person in the room.
  const unique = [...new Map(people.map((person) => [person.userId, person])).values()];

  return (
    <>
      {status !== "joined" && (
        <p className="muted" role="status">
          {t(`workshops:presence.status.${status}`)}
        </p>
      )}
      <ul className="people" data-testid="presence-list">
        {unique.map((person) => (
          <li key={person.userId}>
            <span className="presence-dot" aria-hidden="true" />
            <span className="person-name">
              {person.displayName}
              {person.userId === currentUserId && <span className="muted"> {t("common:you")}</span>}
            </span>
            <span className="person-meta">
              {t(`common:roles.${person.role}`)} · <span lang={person.language}>{languageNames[person.language] ?? person.language}</span>
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}
