// Who has the synthesis open, read from Yjs awareness: name, colour and reading language.
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { WebsocketProvider } from "y-websocket";
import { languageNames } from "../../../shared/languages.js";

/** What each client publishes in its awareness "user" field (see SynthesisEditor). */
export type CaretUser = { userId: string; name: string; color: string; language: string };

function readPeople(provider: WebsocketProvider): CaretUser[] {
  const byUser = new Map<string, CaretUser>();
  for (const state of provider.awareness.getStates().values()) {
    const user = (state as { user?: Partial<CaretUser> }).user;
    if (!user?.userId || !user.name) continue;
    // The same person in two tabs is listed once.
    byUser.set(user.userId, { userId: user.userId, name: user.name, color: user.color ?? "#555555", language: user.language ?? "" });
  }
  return [...byUser.values()].sort((a, b) => a.name.localeCompare(b.name));
}

export function DocumentPeople({ provider }: { provider: WebsocketProvider }) {
  const { t } = useTranslation("synthesis");
  const [people, setPeople] = useState<CaretUser[]>(() => readPeople(provider));

  useEffect(() => {
    const refresh = () => setPeople(readPeople(provider));
    refresh();
    provider.awareness.on("change", refresh);
    return () => provider.awareness.off("change", refresh);
  }, [provider]);

  return (
    <div className="document-people">
      <h3 className="small-heading" id="document-people-title">
        {t("synthesis:people.title")}
      </h3>
      {people.length === 0 ? (
        <p className="muted">{t("synthesis:people.none")}</p>
      ) : (
        <ul aria-labelledby="document-people-title" data-testid="document-people">
          {people.map((person) => (
            <li key={person.userId}>
              <span className="swatch" style={{ backgroundColor: person.color }} aria-hidden="true" />
              {person.name}
              {person.language && (
                <span className="muted" lang={person.language}>
                  {" "}
                  ({languageNames[person.language] ?? person.language})
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
