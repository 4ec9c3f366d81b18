// A workshop's home: what it is about, its reading grid, who belongs and who is
// here now, and where the synthesis everyone writes together stands.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { can } from "../../../shared/permissions.js";
import { errorCodeOf } from "../api.js";
import { useSession } from "../auth/session.js";
import { PresenceList } from "../live/PresenceList.js";
import { useWorkshopRoom } from "../live/useWorkshopRoom.js";
import { WorkshopEventsProvider } from "../live/workshopEvents.js";
import { AgendaCard } from "../sequences/AgendaCard.js";
import { SequenceNav } from "../sequences/SequenceNav.js";
import { SequencesProvider } from "../sequences/sequenceState.js";
import { SynthesisCard } from "../synthesis/SynthesisCard.js";
import { Translated, TranslatedItem, TranslationNote } from "../translation/Translated.js";
import { ErrorNotice } from "../ui/ErrorNotice.js";
import { Loading } from "../ui/Loading.js";
import { usePageTitle } from "../ui/usePageTitle.js";
import { useResource } from "../ui/useResource.js";
import { LanguageList } from "./LanguageList.js";
import { MembersList } from "./MembersList.js";
import { SeriesCard } from "./SeriesCard.js";
import { WorkshopForm, type WorkshopFields } from "./WorkshopForm.js";
import { workshopsApi } from "./workshopsApi.js";

export function WorkshopPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation(["workshops", "common", "translation"]);
  const { user } = useSession();
  const workshop = useResource(() => workshopsApi.get(id), [id]);
  const members = useResource(() => workshopsApi.members(id), [id]);
  // My own role may be the one that changed; and a connection back too late missed both.
  const reloadWorkshopAndMembers = () => {
    members.reload();
    workshop.reload();
  };
  const room = useWorkshopRoom(id, user?.language ?? "en", { onWorkshopUpdated: workshop.reload, onMembersUpdated: reloadWorkshopAndMembers, onMissed: reloadWorkshopAndMembers });
  const [editing, setEditing] = useState(false);
  usePageTitle(workshop.data?.title);

  if (!user) return null;
  if (workshop.error && !workshop.data) {
    return (
      <section>
        <h1>{t(errorCodeOf(workshop.error) === "not_found" ? "workshops:page.notFound" : "workshops:page.loadFailed")}</h1>
        <ErrorNotice error={workshop.error} />
        <p>
          <Link to="/">{t("workshops:page.backToList")}</Link>
        </p>
      </section>
    );
  }
  if (!workshop.data) return <Loading />;

  const current = workshop.data;
  const role = current.myRole;
  const isFacilitator = can(role, "workshop.update");

  async function save(fields: WorkshopFields) {
    workshop.replace(await workshopsApi.update(id, fields));
    setEditing(false);
  }

  return (
    <WorkshopEventsProvider bus={room.events} missed={room.missed}>
      <TranslatedItem workshopId={id} targetKind="workshop" targetId={id}>
      <nav aria-label={t("common:breadcrumb")} className="breadcrumb">
        <Link to="/">{t("workshops:list.title")}</Link>
      </nav>

      <header className="page-head">
        <div>
          <Translated workshopId={id} targetKind="workshop" targetId={id} field="title" original={current.title} render={(text, lang) => <h1 lang={lang}>{text}</h1>} />
          <TranslationNote />
          {current.theme && <p className="theme">{current.theme}</p>}
          <LanguageList languages={current.languages} label={t("workshops:languages")} />
        </div>
        <div className="actions">
          <span className="badge">{t(`common:roles.${role}`)}</span>
          {isFacilitator && !editing && (
            <button type="button" className="button" onClick={() => setEditing(true)}>
              {t("workshops:page.edit")}
            </button>
          )}
          {can(role, "translation.write") && (
            <Link className="button" to={`/workshops/${id}/translate`} data-testid="translate-link">
              {t("translation:workspace.link")}
            </Link>
          )}
          {can(role, "invitation.list") && (
            <Link className="button" to={`/workshops/${id}/invitations`}>
              {t("workshops:page.invitations")}
            </Link>
          )}
        </div>
      </header>

      {editing ? (
        <section className="card" aria-labelledby="edit-workshop-title">
          <h2 id="edit-workshop-title">{t("workshops:page.editTitle")}</h2>
          <WorkshopForm
            workshop={current}
            defaultLanguage={user.language}
            submitLabel={t("common:save")}
            onSubmit={save}
            onCancel={() => setEditing(false)}
          />
        </section>
      ) : (
        current.description && (
          <Translated
            workshopId={id}
            targetKind="workshop"
            targetId={id}
            field="description"
            original={current.description}
            className="workshop-description"
            render={(text, lang) => (
              <p className="description" lang={lang}>
                {text}
              </p>
            )}
          />
        )
      )}

      <SequencesProvider workshopId={id} reportWriting={room.reportWriting}>
        <SequenceNav workshopId={id} role={role} showControls />
      </SequencesProvider>

      <div className="workshop-layout">
        <div className="workshop-main">
          <AgendaCard workshopId={id} role={role} />

          <SynthesisCard workshopId={id} languages={current.languages} readerLanguage={user.language} />

          <section className="card" aria-labelledby="reading-grid-title">
            <h2 id="reading-grid-title">{t("workshops:grid.title")}</h2>
            {current.readingGrid.questions.length === 0 ? (
              <p className="muted">{t("workshops:grid.empty")}</p>
            ) : (
              <ol className="grid-questions">
                {current.readingGrid.questions.map((question) => (
                  <li key={question.id}>
                    <Translated workshopId={id} targetKind="workshop" targetId={id} field={`question:${question.id}`} original={question.text} />
                  </li>
                ))}
              </ol>
            )}
          </section>
        </div>

        <aside className="workshop-side" aria-label={t("workshops:page.sideLabel")}>
          <section className="card" aria-labelledby="presence-title">
            <h2 id="presence-title">{t("workshops:presence.title")}</h2>
            <PresenceList people={room.people} status={room.status} currentUserId={user.id} />
          </section>
          <section className="card" aria-labelledby="members-title">
            <h2 id="members-title">{t("workshops:members.title")}</h2>
            {members.data ? (
              <MembersList
                workshopId={id}
                members={members.data}
                canChangeRoles={can(role, "workshop.members.changeRole")}
                currentUserId={user.id}
                onChanged={members.reload}
              />
            ) : (
              <>
                {members.loading && <Loading />}
                <ErrorNotice error={members.error} />
              </>
            )}
          </section>
          <SeriesCard workshop={current} isFacilitator={isFacilitator} onChanged={workshop.reload} />
        </aside>
      </div>
      </TranslatedItem>
    </WorkshopEventsProvider>
  );
}
