// Versions of a document: record a named one, compare any two (or one with the text as
// it is now), and bring an old text back as a new change, history kept.
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { StatusChange, SynthesisDiff, SynthesisDocument, SynthesisVersion } from "../../../shared/schemas/synthesis.js";
import { isReadOnlyStatus, type SynthesisStatus } from "../../../shared/synthesis.js";
import { useWorkshopEvents } from "../live/workshopEvents.js";
import { ErrorNotice } from "../ui/ErrorNotice.js";
import { formatDateTime } from "../ui/format.js";
import { Loading } from "../ui/Loading.js";
import { useResource } from "../ui/useResource.js";
import { ConfirmDialog } from "./Dialog.js";
import { DiffView } from "./DiffView.js";
import { versionName } from "./documentNames.js";
import { synthesisApi } from "./synthesisApi.js";

const current = "current";
/** The newest versions show first; the rest on demand (automatic saves add up over a day). */
const firstShown = 8;

type Props = { document: SynthesisDocument; status: SynthesisStatus; history: StatusChange[] };

export function VersionsPanel({ document, status, history }: Props) {
  const { t } = useTranslation("synthesis");
  const versions = useResource(() => synthesisApi.versions(document.id), [document.id]);
  const [showAll, setShowAll] = useState(false);
  const [from, setFrom] = useState("");
  const [to, setTo] = useState(current);
  const [diff, setDiff] = useState<{ diff: SynthesisDiff; from: string; to: string } | null>(null);
  const [comparing, setComparing] = useState(false);
  const [restoring, setRestoring] = useState<SynthesisVersion | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [notice, setNotice] = useState("");
  const diffRef = useRef<HTMLDivElement>(null);

  useWorkshopEvents({
    "synthesis.versions.updated": (event) => {
      if (event.documentId === document.id) versions.reload();
    },
  });

  const list = versions.data ?? [];
  const context = { versions: list, history };
  const nameOf = (id: string) => {
    if (id === current) return t("synthesis:versions.current");
    const version = list.find((v) => v.id === id);
    return version ? versionName(version, t, context) : id;
  };
  // Until chosen, compare the newest version with the text now.
  useEffect(() => {
    if (!from && list[0]) setFrom(list[0].id);
  }, [from, list]);

  // Bring the comparison into view once it is shown.
  useEffect(() => {
    if (diff) diffRef.current?.querySelector<HTMLElement>('[data-testid="diff-view"]')?.focus();
  }, [diff]);

  async function compare(fromId: string, toId: string) {
    setComparing(true);
    setFailure(null);
    try {
      setDiff({ diff: await synthesisApi.diff(document.id, fromId, toId), from: fromId, to: toId });
    } catch (error) {
      setFailure(error);
    } finally {
      setComparing(false);
    }
  }

  async function restore(version: SynthesisVersion) {
    setBusy(true);
    setFailure(null);
    try {
      await synthesisApi.restore(document.id, version.id);
      setRestoring(null);
      setNotice(t("synthesis:versions.restored", { name: versionName(version, t, context) }));
      versions.reload();
    } catch (error) {
      setRestoring(null);
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  const mayRestore = document.can.restoreVersion && !isReadOnlyStatus(status);
  const shown = showAll ? list : list.slice(0, firstShown);

  return (
    <section className="card versions-panel" aria-labelledby="versions-title" data-testid="versions-panel">
      <h2 id="versions-title">{t("synthesis:versions.title")}</h2>
      {document.can.createVersion && (
        <NewVersionForm
          documentId={document.id}
          onCreated={(version) => {
            setNotice(t("synthesis:versions.created", { name: version.name }));
            versions.reload();
          }}
        />
      )}
      {notice && (
        <p className="notice" role="status" data-testid="versions-notice">
          {notice}
        </p>
      )}
      <ErrorNotice error={failure ?? versions.error} />

      {versions.loading && !versions.data && <Loading />}
      {versions.data && list.length === 0 && <p className="muted">{t("synthesis:versions.none")}</p>}
      {list.length > 0 && (
        <>
          <form
            className="compare-form"
            onSubmit={(event: FormEvent) => {
              event.preventDefault();
              if (from && to && from !== to) void compare(from, to);
            }}
            aria-labelledby="compare-title"
          >
            <h3 id="compare-title" className="small-heading">
              {t("synthesis:versions.compareTitle")}
            </h3>
            <div className="compare-fields">
              <div className="field">
                <label htmlFor="compare-from">{t("synthesis:versions.from")}</label>
                <select id="compare-from" value={from} onChange={(e) => setFrom(e.target.value)} data-testid="compare-from">
                  {list.map((v) => (
                    <option key={v.id} value={v.id}>
                      {versionName(v, t, context)} · {formatDateTime(v.createdAt)}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="compare-to">{t("synthesis:versions.to")}</label>
                <select id="compare-to" value={to} onChange={(e) => setTo(e.target.value)} data-testid="compare-to">
                  <option value={current}>{t("synthesis:versions.current")}</option>
                  {list.map((v) => (
                    <option key={v.id} value={v.id}>
                      {versionName(v, t, context)} · {formatDateTime(v.createdAt)}
                    </option>
                  ))}
                </select>
              </div>
              <button type="submit" className="button" disabled={comparing || !from || from === to} data-testid="compare-submit">
                {t("synthesis:versions.compare")}
              </button>
            </div>
            {from && from === to && <p className="hint">{t("synthesis:versions.sameVersion")}</p>}
          </form>

          <div ref={diffRef}>
            {comparing && <Loading />}
            {diff && (
              <DiffView
                diff={diff.diff}
                title={t("synthesis:diff.title", { from: nameOf(diff.from), to: nameOf(diff.to) })}
                onClose={() => setDiff(null)}
              />
            )}
          </div>

          <h3 className="small-heading">{t("synthesis:versions.listTitle")}</h3>
          <ol className="versions" data-testid="versions">
            {shown.map((version) => (
              <li key={version.id} className="version" data-testid="version" data-kind={version.kind}>
                <div className="version-head">
                  <span className="version-name">{versionName(version, t, context)}</span>
                  <span className={`version-kind version-kind-${version.kind}`}>{t(`synthesis:versions.kinds.${version.kind}`)}</span>
                </div>
                <p className="version-meta muted">
                  <time dateTime={version.createdAt}>{formatDateTime(version.createdAt)}</time>
                  {version.createdBy && <> · {version.createdBy.displayName}</>}
                </p>
                <div className="actions">
                  <button
                    type="button"
                    className="button small"
                    disabled={comparing}
                    data-testid="version-compare"
                    aria-label={t("synthesis:versions.compareWithCurrentNamed", { name: versionName(version, t, context) })}
                    onClick={() => {
                      setFrom(version.id);
                      setTo(current);
                      void compare(version.id, current);
                    }}
                  >
                    {t("synthesis:versions.compareWithCurrent")}
                  </button>
                  {mayRestore && (
                    <button
                      type="button"
                      className="button small"
                      disabled={busy}
                      data-testid="version-restore"
                      aria-label={t("synthesis:versions.restoreNamed", { name: versionName(version, t, context) })}
                      onClick={() => setRestoring(version)}
                    >
                      {t("synthesis:versions.restore")}
                    </button>
                  )}
                </div>
              </li>
            ))}
          </ol>
          {list.length > firstShown && (
            <button type="button" className="link-button" onClick={() => setShowAll((v) => !v)} aria-expanded={showAll}>
              {showAll ? t("synthesis:versions.showFewer") : t("synthesis:versions.showAll", { count: list.length })}
            </button>
          )}
          {document.can.restoreVersion && isReadOnlyStatus(status) && <p className="hint">{t("synthesis:versions.restoreWhileAgreed")}</p>}
        </>
      )}

      <ConfirmDialog
        open={restoring !== null}
        title={t("synthesis:versions.confirmRestoreTitle")}
        message={<p>{restoring && t("synthesis:versions.confirmRestore", { name: versionName(restoring, t, context) })}</p>}
        confirmLabel={t("synthesis:versions.restore")}
        busy={busy}
        onConfirm={() => restoring && void restore(restoring)}
        onCancel={() => setRestoring(null)}
        testId="confirm-restore"
      />
    </section>
  );
}

function NewVersionForm({ documentId, onCreated }: { documentId: string; onCreated: (version: SynthesisVersion) => void }) {
  const { t } = useTranslation("synthesis");
  const [name, setName] = useState("");
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) return;
    setBusy(true);
    setFailure(null);
    try {
      onCreated(await synthesisApi.createVersion(documentId, name.trim()));
      setName("");
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="new-version" onSubmit={(event) => void submit(event)} data-testid="new-version">
      <div className="field">
        <label htmlFor="version-name">{t("synthesis:versions.nameLabel")}</label>
        <div className="input-with-button">
          <input id="version-name" required maxLength={120} value={name} onChange={(e) => setName(e.target.value)} aria-describedby="version-name-hint" />
          <button type="submit" className="button" disabled={busy}>
            {t("synthesis:versions.create")}
          </button>
        </div>
        <p id="version-name-hint" className="hint">
          {t("synthesis:versions.nameHint")}
        </p>
      </div>
      <ErrorNotice error={failure} />
    </form>
  );
}
