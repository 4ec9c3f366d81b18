// The synthesis of a workshop: the list of its documents (/synthesis), and one document
// (/synthesis/:documentId) with its status, the text edited together or read in my
// language, and its versions. A link may end in #block-<id> to open at a passage.
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useParams } from "react-router";
import { languageNames } from "../../../shared/languages.js";
import { can } from "../../../shared/permissions.js";
import type { SynthesisDocument } from "../../../shared/schemas/synthesis.js";
import { isReadOnlyStatus, type SynthesisStatus } from "../../../shared/synthesis.js";
import { ExportButton } from "../export/ExportDialog.js";
import { useWorkshopEvents } from "../live/workshopEvents.js";
import { useProcess } from "../sequences/ProcessLayout.js";
import { SynthesisInLanguage, useOpensInLanguage } from "../translation/SynthesisInLanguage.js";
import { ErrorNotice } from "../ui/ErrorNotice.js";
import { Loading } from "../ui/Loading.js";
import { usePageTitle } from "../ui/usePageTitle.js";
import { useResource, type Resource } from "../ui/useResource.js";
import { AllDocumentsLink, DocumentList, NewDocumentForm } from "./DocumentList.js";
import { documentName } from "./documentNames.js";
import { StatusPanel } from "./StatusPanel.js";
import { SynthesisEditor } from "./SynthesisEditor.js";
import { synthesisApi, type DocumentWithHistory } from "./synthesisApi.js";
import { useSynthesisDoc } from "./useSynthesisDoc.js";
import { VersionsPanel } from "./VersionsPanel.js";
import "./synthesis.css";

export function SynthesisPage() {
  const { workshopId, role } = useProcess();
  const { documentId } = useParams();
  // My role decides what I may do with each document: reload when it changes.
  const documents = useResource(() => synthesisApi.documents(workshopId), [workshopId, role]);

  useWorkshopEvents({
    "synthesis.documents.updated": () => documents.reload(),
    "synthesis.status": (event) =>
      documents.update((list) => list?.map((d) => (d.id === event.documentId ? { ...d, status: event.status, statusChangedAt: event.changedAt } : d))),
  });

  if (!documentId) return <DocumentsOverview documents={documents} />;
  return <DocumentPage key={documentId} documentId={documentId} documents={documents.data ?? []} />;
}

function DocumentsOverview({ documents }: { documents: Resource<SynthesisDocument[]> }) {
  const { workshopId, workshop, role } = useProcess();
  const { t } = useTranslation("synthesis");
  usePageTitle(t("synthesis:documents.title"));

  return (
    <div className="synthesis-page">
      <header className="page-head">
        <div>
          <h1 id="documents-title">{t("synthesis:documents.title")}</h1>
          <p className="lead synthesis-intro">{t("synthesis:documents.intro")}</p>
        </div>
      </header>
      <section className="card" aria-labelledby="documents-title">
        {documents.data ? <DocumentList workshopId={workshopId} documents={documents.data} /> : documents.loading && <Loading />}
        <ErrorNotice error={documents.error} />
      </section>
      {can(role, "synthesis.document.create") && (
        <section className="card new-document-card" aria-labelledby="new-document-title">
          <h2 id="new-document-title">{t("synthesis:documents.newTitle")}</h2>
          <NewDocumentForm workshopId={workshopId} languages={workshop.languages} />
        </section>
      )}
    </div>
  );
}

function DocumentPage({ documentId, documents }: { documentId: string; documents: SynthesisDocument[] }) {
  const { workshopId, role } = useProcess();
  const opened = useResource(() => synthesisApi.document(documentId), [documentId, role]);

  if (opened.error && !opened.data) {
    return (
      <div className="synthesis-page">
        <ErrorNotice error={opened.error} />
        <p>
          <AllDocumentsLink workshopId={workshopId} />
        </p>
      </div>
    );
  }
  if (!opened.data) return <Loading />;
  return <DocumentWorkspace opened={opened} documents={documents} />;
}

/** Keeps the document's status current from the workshop's events (who and when included). */
function useLiveStatus(opened: Resource<DocumentWithHistory>) {
  const documentId = opened.data?.document.id;
  useWorkshopEvents({
    "synthesis.status": (event) => {
      if (event.documentId !== documentId) return;
      opened.update((current) => {
        if (!current || current.statusHistory.some((c) => c.versionId === event.versionId)) return current;
        const change = { id: event.versionId, from: current.document.status, to: event.status, changedBy: event.changedBy, changedAt: event.changedAt, versionId: event.versionId };
        return { document: { ...current.document, status: event.status, statusChangedAt: event.changedAt }, statusHistory: [...current.statusHistory, change] };
      });
    },
  });
}

function DocumentWorkspace({ opened, documents }: { opened: Resource<DocumentWithHistory>; documents: SynthesisDocument[] }) {
  const { workshopId, workshop, user, role } = useProcess();
  const { t } = useTranslation(["synthesis", "common"]);
  const { document, statusHistory } = opened.data!;
  const connection = useSynthesisDoc(document.docName, user.id, document.can.edit);
  // Until I choose, a document written in another language opens in mine when some of it is translated.
  const [chosenView, setView] = useState<"edit" | "read" | null>(null);
  const opensInMyLanguage = useOpensInLanguage(workshopId, document.id, document.language, user.language);
  const view = chosenView ?? (opensInMyLanguage ? "read" : "edit");
  const name = documentName(document, t);
  usePageTitle(name);
  useLiveStatus(opened);

  // The server's awareness says the status the moment it changes, on this very connection:
  // follow it at once, then fetch who changed it and when.
  const serverStatus = connection.server?.status;
  useEffect(() => {
    if (!serverStatus || serverStatus === opened.data?.document.status) return;
    opened.update((current) => current && { ...current, document: { ...current.document, status: serverStatus as SynthesisStatus } });
    opened.reload();
    // Only a change of the server's word matters here.
  }, [serverStatus]);

  useScrollToBlock(connection.ready, view);
  const status = document.status;

  return (
    <div className="synthesis-page">
      <header className="page-head synthesis-head">
        <div>
          <p className="synthesis-back">
            <AllDocumentsLink workshopId={workshopId} />
          </p>
          <h1 data-testid="document-title">{name}</h1>
          {document.kind === "sequence-notes" && document.can.applyTemplate && <RenameDocument document={document} onRenamed={opened.reload} />}
          <p className="muted synthesis-kind">
            {t(`synthesis:documents.kinds.${document.kind}`)} · <span lang={document.language}>{languageNames[document.language] ?? document.language}</span>
          </p>
        </div>
        <div className="actions">
          {can(role, "synthesis.export") && <ExportButton workshopId={workshopId} document={document} languages={workshop.languages} readerLanguage={user.language} />}
          {can(role, "translation.write") && (
            <Link className="button" to={`/workshops/${encodeURIComponent(workshopId)}/translate/synthesis/${encodeURIComponent(document.id)}`} data-testid="translate-document">
              {t("synthesis:view.translate")}
            </Link>
          )}
        </div>
      </header>

      <StatusPanel document={document} status={status} history={statusHistory} onChanged={opened.reload} />

      <div className="synthesis-layout">
        <div className="synthesis-main">
          <div className="view-switch" role="group" aria-label={t("synthesis:view.label")}>
            <button type="button" className="button small" aria-pressed={view === "edit"} onClick={() => setView("edit")} data-testid="view-edit">
              {document.can.edit && !isReadOnlyStatus(status) ? t("synthesis:view.edit") : t("synthesis:view.original")}
            </button>
            <button type="button" className="button small" aria-pressed={view === "read"} onClick={() => setView("read")} data-testid="view-read">
              {t("synthesis:view.read", { language: languageNames[user.language] ?? user.language })}
            </button>
          </div>
          {/* The editor stays connected while reading the translation: status and presence keep flowing. */}
          {/* Focusing the text chooses it: a translation that loads afterwards must not hide it from under the keys. */}
          <section className="card synthesis-view" aria-label={name} hidden={view !== "edit"} onFocus={() => chosenView === null && setView("edit")}>
            <SynthesisEditor workshopId={workshopId} document={document} status={status} user={user} connection={connection} />
          </section>
          {view === "read" && (
            <section className="card synthesis-view synthesis-in-language" aria-label={t("synthesis:view.readLabel")} data-testid="synthesis-read-view">
              <SynthesisInLanguage workshopId={workshopId} documentId={document.id} language={user.language} />
            </section>
          )}
          <VersionsPanel document={document} status={status} history={statusHistory} />
        </div>
        <aside className="synthesis-side" aria-labelledby="other-documents-title">
          <section className="card">
            <h2 id="other-documents-title" className="small-heading">
              {t("synthesis:documents.title")}
            </h2>
            <DocumentList workshopId={workshopId} documents={documents} compact />
          </section>
        </aside>
      </div>
    </div>
  );
}

/** Opens at the passage named in the address (#block-<id>), once the text is there. */
function useScrollToBlock(ready: boolean, view: string) {
  const { hash } = useLocation();
  const blockId = hash.startsWith("#block-") ? decodeURIComponent(hash.slice("#block-".length)) : "";
  const [found, setFound] = useState("");

  useEffect(() => {
    if (!blockId || !ready) return;
    const find = () => document.querySelector<HTMLElement>(`.synthesis-view:not([hidden]) [data-block-id="${CSS.escape(blockId)}"]`);
    const show = (block: HTMLElement) => {
      block.scrollIntoView({ block: "center" });
      setFound(blockId);
    };
    const present = find();
    if (present) {
      show(present);
      return;
    }
    // The text arrives from the server after the page, sooner or later: watch until the block shows.
    const observer = new MutationObserver(() => {
      const block = find();
      if (!block) return;
      observer.disconnect();
      show(block);
    });
    observer.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ["data-block-id", "hidden"] });
    return () => observer.disconnect();
  }, [blockId, ready, view]);

  useEffect(() => {
    const style = window.document.createElement("style");
    // A stylesheet rule, not a class on the block: the editor owns its DOM and would drop a class.
    if (found && found === blockId) style.textContent = `.synthesis-view [data-block-id="${CSS.escape(found)}"] { background: #fff4d6; box-shadow: -0.5rem 0 0 #fff4d6, 0.5rem 0 0 #fff4d6; outline: 2px solid #b45309; outline-offset: 0.25rem; }`;
    window.document.head.appendChild(style);
    return () => style.remove();
  }, [found, blockId]);
}

/** Facilitators rename per-sequence notes; the main and series syntheses are named by the app. */
function RenameDocument({ document, onRenamed }: { document: SynthesisDocument; onRenamed: () => void }) {
  const { t } = useTranslation("synthesis");
  const [editing, setEditing] = useState(false);
  const [title, setTitle] = useState(document.title);
  const [failure, setFailure] = useState<unknown>(null);
  if (!editing) {
    return (
      <button
        type="button"
        className="link-button"
        data-testid="rename-document"
        onClick={() => {
          setTitle(document.title);
          setEditing(true);
        }}
      >
        {t("synthesis:documents.rename")}
      </button>
    );
  }
  return (
    <form
      className="form inline-form"
      onSubmit={async (event) => {
        event.preventDefault();
        setFailure(null);
        try {
          await synthesisApi.rename(document.id, title.trim());
          setEditing(false);
          onRenamed();
        } catch (error) {
          setFailure(error);
        }
      }}
    >
      <div className="field">
        <label htmlFor="rename-title">{t("synthesis:documents.newName")}</label>
        <input id="rename-title" required maxLength={200} value={title} autoFocus onChange={(e) => setTitle(e.target.value)} onKeyDown={(e) => e.key === "Escape" && setEditing(false)} />
      </div>
      <div className="actions">
        <button type="submit" className="button small primary" disabled={!title.trim()} data-testid="rename-save">
          {t("synthesis:documents.saveName")}
        </button>
        <button type="button" className="button small" onClick={() => setEditing(false)}>
          {t("synthesis:documents.cancelRename")}
        </button>
      </div>
      <ErrorNotice error={failure} />
    </form>
  );
}
