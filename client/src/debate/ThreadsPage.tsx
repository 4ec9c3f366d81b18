// The debate sequence: threads, most recently active first, with what I have not read,
// and a form to open one (free, or about a fiche).
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router";
import { can } from "../../../shared/permissions.js";
import { emptyRichText, isRichTextEmpty, type RichTextDoc } from "../../../shared/richtext.js";
import type { Stance } from "../../../shared/schemas/contributions.js";
import { fichesApi } from "../fiches/fichesApi.js";
import { useWorkshopEvents } from "../live/workshopEvents.js";
import { useProcess } from "../sequences/ProcessLayout.js";
import { SequenceFields, useSequenceForm } from "../sequences/sequenceState.js";
import { TranslatedTitle, useTranslatedTitles } from "../translation/TranslatedTitles.js";
import { DraftNote } from "../ui/DraftNote.js";
import { ErrorNotice } from "../ui/ErrorNotice.js";
import { formatDateTime } from "../ui/format.js";
import { Loading } from "../ui/Loading.js";
import { RichTextField } from "../ui/RichTextField.js";
import { usePageTitle } from "../ui/usePageTitle.js";
import { useLocalDraft } from "../ui/useLocalDraft.js";
import { useResource } from "../ui/useResource.js";
import { debateApi, newThreadPlace } from "./debateApi.js";
import { KeptWrites } from "../ui/KeptWrites.js";
import { StancePicker } from "./Stance.js";

export function ThreadsPage() {
  const { workshopId, role } = useProcess();
  const { t } = useTranslation(["debate", "sequences"]);
  const [params] = useSearchParams();
  const threads = useResource(() => debateApi.threads(workshopId), [workshopId]);
  const titles = useTranslatedTitles(workshopId, "thread", "title", threads.data?.items.map((thread) => thread.id) ?? []);
  usePageTitle(t("sequences:kinds.debate"));
  useWorkshopEvents({ "thread.created": threads.reload, "post.created": threads.reload });
  const ficheId = params.get("ficheId") ?? "";

  return (
    <section aria-labelledby="threads-title">
      <header className="page-head">
        <div>
          <h1 id="threads-title">{t("debate:list.title")}</h1>
          <p className="muted">{t("debate:list.intro")}</p>
        </div>
      </header>
      <ErrorNotice error={threads.error} />
      {threads.loading && !threads.data && <Loading />}
      {threads.data && threads.data.items.length === 0 && <p className="muted">{t("debate:list.empty")}</p>}
      <ul className="item-list">
        {threads.data?.items.map((thread) => (
          <li key={thread.id} className={`card item${thread.unread > 0 ? " is-unread" : ""}`} data-testid="thread-item">
            <h2 className="card-title">
              <Link to={`/workshops/${workshopId}/debate/threads/${thread.id}`}>
                <TranslatedTitle original={thread.title} translation={titles.get(thread.id)} />
              </Link>
            </h2>
            <p className="card-meta">
              <span>{t("debate:list.posts", { count: thread.postCount })}</span>
              {thread.unread > 0 && <span className="unread-badge">{t("debate:list.unread", { count: thread.unread })}</span>}
              <span>{t("debate:list.lastPost", { date: formatDateTime(thread.lastPostAt) })}</span>
              {thread.ficheId && (
                <Link to={`/workshops/${workshopId}/illustrate/fiches/${thread.ficheId}`}>{t("debate:list.aboutFiche")}</Link>
              )}
            </p>
          </li>
        ))}
      </ul>
      <KeptWrites place={newThreadPlace(workshopId)} />
      {can(role, "thread.create") && <NewThread workshopId={workshopId} initialFicheId={ficheId} />}
    </section>
  );
}

function NewThread({ workshopId, initialFicheId }: { workshopId: string; initialFicheId: string }) {
  const { t } = useTranslation(["debate", "fiches"]);
  const { user } = useProcess();
  const navigate = useNavigate();
  const fiches = useResource(() => fichesApi.list(workshopId), [workshopId]);
  const draft = useLocalDraft<{ title: string; ficheId: string; body: RichTextDoc; stance: Stance | null }>(`thread:${workshopId}`, { title: "", ficheId: initialFicheId, body: emptyRichText(), stance: null });
  const { title, ficheId, body, stance } = draft.value;
  const [failure, setFailure] = useState<unknown>(null);
  const sequence = useSequenceForm("debate", { writing: Boolean(title.trim()) || !isRichTextEmpty(body) });

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    try {
      const created = await debateApi.createThread(user.id, workshopId, { title, body, ficheId: ficheId || undefined, stance: stance ?? undefined });
      draft.reset();
      // Kept offline, it waits at the end of the list, where it will appear.
      if (created) void navigate(`/workshops/${workshopId}/debate/threads/${created.thread.id}`);
    } catch (error) {
      setFailure(error);
    }
  }

  const discussable = fiches.data?.items.filter((f) => f.status !== "draft") ?? [];
  return (
    <section className="card" aria-labelledby="new-thread-title">
      <h2 id="new-thread-title">{t("debate:new.title")}</h2>
      <form className="form" onSubmit={(event) => void submit(event)}>
        <SequenceFields form={sequence}>
          <div className="field">
            <label htmlFor="thread-title">{t("debate:new.threadTitle")}</label>
            <input id="thread-title" required maxLength={300} value={title} onChange={(e) => draft.set({ title: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor="thread-fiche">{t("debate:new.fiche")}</label>
            <select id="thread-fiche" value={ficheId} onChange={(e) => draft.set({ ficheId: e.target.value })}>
              <option value="">{t("debate:new.noFiche")}</option>
              {discussable.map((fiche) => (
                <option key={fiche.id} value={fiche.id}>
                  {fiche.title || t("fiches:untitled")}
                </option>
              ))}
            </select>
          </div>
          <RichTextField label={t("debate:new.body")} value={body} onChange={(doc) => draft.set({ body: doc })} />
          <StancePicker value={stance} onChange={(choice) => draft.set({ stance: choice })} name="new-thread-stance" />
        </SequenceFields>
        <ErrorNotice error={failure} />
        <DraftNote savedAt={draft.savedAt} />
        <div className="actions">
          <button type="submit" className="button primary" disabled={!title.trim() || isRichTextEmpty(body) || !sequence.writable}>
            {t("debate:new.submit")}
          </button>
        </div>
      </form>
    </section>
  );
}
