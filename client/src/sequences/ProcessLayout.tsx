// The frame of a workshop's process pages (illustrate, debate, propose, search, new):
// the workshop's name, the sequence navigation, and one live room whose events the
// pages below subscribe to with useWorkshopEvents.
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, Outlet, useLocation, useOutletContext, useParams } from "react-router";
import { sequenceKinds, type SequenceKind } from "../../../shared/domain/sequences.js";
import type { Role } from "../../../shared/permissions.js";
import type { User } from "../../../shared/schemas/auth.js";
import type { Workshop } from "../../../shared/schemas/workshops.js";
import { useSession } from "../auth/session.js";
import { useWorkshopRoom, type WorkshopRoom } from "../live/useWorkshopRoom.js";
import { WorkshopEventsProvider } from "../live/workshopEvents.js";
import { readingApi } from "../reading/readingApi.js";
import { TranslatedTitle, useTranslatedTitles } from "../translation/TranslatedTitles.js";
import { ErrorNotice } from "../ui/ErrorNotice.js";
import { Loading } from "../ui/Loading.js";
import { useResource } from "../ui/useResource.js";
import { workshopsApi } from "../workshops/workshopsApi.js";
import { SequenceNav } from "./SequenceNav.js";
import { SequencesProvider, useSequences } from "./sequenceState.js";

export type ProcessContext = {
  workshopId: string;
  workshop: Workshop;
  role: Role;
  user: User;
  /** Marks a sequence read for me and refreshes the unread counts of the sequence bar. */
  markSequenceRead: (kind: SequenceKind) => Promise<void>;
  /** The workshop's live room: presence, and the live session that pages follow. */
  room: WorkshopRoom;
};

export function useProcess(): ProcessContext {
  return useOutletContext<ProcessContext>();
}

/**
 * What a sequence's page shows is read: marks the sequence read a moment after `shown`
 * changes (first load, and each reload after a live change). Threads keep their own
 * per-thread positions, so this is for illustrate and propose.
 */
export function useSequenceShownAsRead(kind: SequenceKind, shown: unknown): void {
  const { markSequenceRead } = useProcess();
  useEffect(() => {
    if (shown === undefined) return;
    const timer = setTimeout(() => void markSequenceRead(kind).catch(() => {}), 500);
    return () => clearTimeout(timer);
  }, [kind, shown, markSequenceRead]);
}

export function ProcessLayout() {
  const { id = "" } = useParams();
  const { t } = useTranslation(["workshops", "common", "sequences"]);
  const { user } = useSession();
  const workshop = useResource(() => workshopsApi.get(id), [id]);
  const room = useWorkshopRoom(id, user?.language ?? "en", { onWorkshopUpdated: workshop.reload, onMembersUpdated: workshop.reload, onMissed: workshop.reload });
  // Bumped after I mark a sequence read, so the sequence bar reloads its counts.
  const [readMarks, setReadMarks] = useState(0);
  const markSequenceRead = useCallback(async (kind: SequenceKind) => {
    await readingApi.markSequenceRead(id, kind);
    setReadMarks((n) => n + 1);
  }, [id]);

  if (!user) return null;
  if (workshop.error && !workshop.data) return <ErrorNotice error={workshop.error} />;
  if (!workshop.data) return <Loading />;
  const context: ProcessContext = { workshopId: id, workshop: workshop.data, role: workshop.data.myRole, user, markSequenceRead, room };

  return (
    <WorkshopEventsProvider bus={room.events} missed={room.missed}>
      <nav aria-label={t("common:breadcrumb")} className="breadcrumb">
        <Link to="/">{t("workshops:list.title")}</Link> › <WorkshopCrumb workshopId={id} title={workshop.data.title} />
      </nav>
      <SequencesProvider workshopId={id} reportWriting={room.reportWriting}>
        <SequenceNav workshopId={id} role={context.role} readMarks={readMarks} />
        <div data-testid="live-status" data-status={room.status} hidden />
        <SequenceBanner />
        <LiveBanner running={room.liveSession !== null} />
        <Outlet context={context} />
      </SequencesProvider>
    </WorkshopEventsProvider>
  );
}

/** The workshop's title in the reader's language, back to its home page. */
function WorkshopCrumb({ workshopId, title }: { workshopId: string; title: string }) {
  const translations = useTranslatedTitles(workshopId, "workshop", "title", [workshopId]);
  return (
    <Link to={`/workshops/${workshopId}`}>
      <TranslatedTitle original={title} translation={translations.get(workshopId)} />
    </Link>
  );
}

/** Above a sequence's pages while it takes no contributions: why its buttons and forms are locked. */
function SequenceBanner() {
  const { t } = useTranslation("sequences");
  const { id = "" } = useParams();
  const { pathname } = useLocation();
  const sequences = useSequences();
  const kind = sequenceKinds.find((k) => pathname.startsWith(`/workshops/${id}/${k}`));
  const status = sequences.data?.find((s) => s.kind === kind)?.status;
  if (!kind || status === "open" || !status) return null;
  return (
    <p className="notice sequence-banner" data-testid="sequence-banner" data-status={status}>
      {t(`sequences:banner.${status}`, { name: t(`sequences:kinds.${kind}`) })}
    </p>
  );
}

/** While a live session runs, on every page but the live one: the way back to it after browsing. */
function LiveBanner({ running }: { running: boolean }) {
  const { t } = useTranslation("liveSession");
  const { id = "" } = useParams();
  const { pathname } = useLocation();
  const livePath = `/workshops/${id}/live`;
  if (pathname === livePath) return null;
  return running ? (
    <p className="notice live-banner" data-testid="live-banner">
      {t("liveSession:banner.running")} <Link to={livePath} className="button small primary" data-testid="return-to-live">{t("liveSession:banner.return")}</Link>
    </p>
  ) : (
    <p className="live-link">
      <Link to={livePath} data-testid="live-link">{t("liveSession:banner.open")}</Link>
    </p>
  );
}
