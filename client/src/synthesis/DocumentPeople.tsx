// Who has the document open: the server's list (it knows who reads only) joined with what
// each client publishes in its own awareness (caret colour, the language it reads in now).
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { WebsocketProvider } from "y-websocket";
import { languageNames } from "../../../shared/languages.js";
import type { ServerAwareness } from "../../../shared/synthesis.js";
import { userColor } from "./userColor.js";

/** What each client publishes in its awareness "user" field (see SynthesisEditor). */
export type CaretUser = { userId: string; name: string; color: string; language: string };

type Person = CaretUser & { readOnly: boolean };

function readCarets(provider: WebsocketProvider): Map<string, CaretUser> {
  const byUser = new Map<string, CaretUser>();
  for (const state of provider.awareness.getStates().values()) {
    const user = (state as { user?: Partial<CaretUser> }).user;
    if (!user?.userId || !user.name) continue;
    // The same person in two tabs is listed once.
    byUser.set(user.userId, { userId: user.userId, name: user.name, color: user.color ?? userColor(user.userId), language: user.language ?? "" });
  }
  return byUser;
}

function peopleOf(carets: Map<string, CaretUser>, server: ServerAwareness | null): Person[] {
  const people = new Map<string, Person>();
  for (const p of server?.people ?? []) {
    const caret = carets.get(p.userId);
    people.set(p.userId, { userId: p.userId, name: p.name, color: caret?.color ?? userColor(p.userId), language: caret?.language || p.language, readOnly: p.readOnly });
  }
  // Offline, the server's list is gone: show what awareness still knows (at least me).
  for (const caret of carets.values()) if (!people.has(caret.userId)) people.set(caret.userId, { ...caret, readOnly: false });
  return [...people.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** A live session can have dozens of people in the text: the rest show on demand. */
const firstShown = 12;

export function DocumentPeople({ provider, server }: { provider: WebsocketProvider; server: ServerAwareness | null }) {
  const { t } = useTranslation("synthesis");
  const [carets, setCarets] = useState<Map<string, CaretUser>>(() => readCarets(provider));
  const [showAll, setShowAll] = useState(false);

  useEffect(() => {
    const refresh = () => setCarets(readCarets(provider));
    refresh();
    provider.awareness.on("change", refresh);
    return () => provider.awareness.off("change", refresh);
  }, [provider]);

  const everyone = peopleOf(carets, server);
  const people = showAll ? everyone : everyone.slice(0, firstShown);
  return (
    <div className="document-people">
      <h3 className="small-heading" id="document-people-title">
        {t("synthesis:people.title")}
      </h3>
      {everyone.length === 0 ? (
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
              {person.readOnly && <span className="muted"> · {t("synthesis:people.reading")}</span>}
            </li>
          ))}
        </ul>
      )}
      {everyone.length > firstShown && (
        <button type="button" className="link-button people-more" aria-expanded={showAll} onClick={() => setShowAll((v) => !v)}>
          {showAll ? t("synthesis:people.fewer") : t("synthesis:people.all", { count: everyone.length })}
        </button>
      )}
    </div>
  );
}
