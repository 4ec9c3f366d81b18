// What this device keeps to send, where it would have appeared: "not yet sent" while the
// connection is down, or the server's refusal with the text kept to copy or delete.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSession } from "../auth/session.js";
import { ErrorNotice } from "./ErrorNotice.js";
import { forgetWrite, useKeptWrites, type KeptWrite } from "./outbox.js";
import { ApiRequestError } from "../api.js";

export function KeptWrites({ place }: { place: string }) {
  const { t } = useTranslation("common");
  const { user } = useSession();
  const writes = useKeptWrites(user?.id, place);
  if (!user || writes.length === 0) return null;
  return (
    <section className="kept-writes" aria-label={t("common:outbox.title")} data-testid="kept-writes">
      {writes.map((write) => (
        <KeptCard key={write.seq} write={write} userId={user.id} />
      ))}
    </section>
  );
}

function KeptCard({ write, userId }: { write: KeptWrite; userId: string }) {
  const { t } = useTranslation("common");
  const [copied, setCopied] = useState(false);
  return (
    <article className={`card kept-write${write.refusal ? " is-refused" : ""}`} data-testid="kept-write" data-state={write.refusal ? "refused" : "waiting"}>
      <p className="kept-write-state">
        <span className="badge">{t(write.refusal ? "common:outbox.refused" : "common:outbox.waiting")}</span>
      </p>
      {write.refusal && <ErrorNotice error={new ApiRequestError(0, write.refusal)} />}
      <p className="kept-write-text">{write.text}</p>
      {write.refusal && (
        <div className="actions">
          <button
            type="button"
            className="button small"
            data-testid="kept-write-copy"
            onClick={() => void navigator.clipboard?.writeText(write.text).then(() => setCopied(true), () => undefined)}
          >
            {t("common:outbox.copy")}
          </button>
          <button type="button" className="button small danger" data-testid="kept-write-delete" onClick={() => void forgetWrite(userId, write.seq)}>
            {t("common:outbox.delete")}
          </button>
          {copied && <span role="status">{t("common:outbox.copied")}</span>}
        </div>
      )}
    </article>
  );
}
