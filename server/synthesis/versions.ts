// Versions: the full state of a document at a moment, named by a person, recorded with a
// status change or a restore, or taken automatically every few minutes while people edit.
// Each holds the whole Yjs state (not a Yjs snapshot of the live history), so it stays
// readable whatever later happens to the log.
import type { Logger } from "pino";
import * as Y from "yjs";
import type { VersionKind } from "../../shared/synthesis.js";
import { newId, nowIso } from "../ids.js";
import type { Storage, SynthesisVersionRecord } from "../storage/port.js";
import { ServerChange, type DocumentHooks, type DocumentStore, type Exclusive, type SharedDocument } from "./documents.js";

export interface VersionFields {
  kind: VersionKind;
  name?: string;
  createdBy?: string | null;
  restoredFrom?: string | null;
}

/** The version a task running alone on the document would record now, with its state. */
export function captureVersion(ctx: Exclusive, fields: VersionFields): { version: SynthesisVersionRecord; state: Uint8Array } {
  const version: SynthesisVersionRecord = {
    id: newId(),
    documentId: ctx.shared.documentId,
    name: fields.name ?? "",
    kind: fields.kind,
    createdBy: fields.createdBy ?? null,
    createdAt: nowIso(),
    restoredFrom: fields.restoredFrom ?? null,
    seq: ctx.shared.lastSeq,
  };
  return { version, state: Y.encodeStateAsUpdate(ctx.doc) };
}

const hour = 3_600_000;
const day = 24 * hour;

/**
 * Automatic versions to let go, so months of editing do not pile up full copies: all of the
 * last day stay, then the newest of each hour for a week, then the newest of each day.
 * Named, status and restore versions stay, and so do versions a restore came from.
 */
export function autoVersionsToThin(versions: readonly Pick<SynthesisVersionRecord, "id" | "kind" | "createdAt" | "restoredFrom">[], now: number): string[] {
  const cited = new Set(versions.map((v) => v.restoredFrom).filter((id): id is string => id !== null));
  const kept = new Set<string>();
  const thinned: string[] = [];
  // Newest first, so the first version met in a bucket is the one kept.
  const autos = versions.filter((v) => v.kind === "auto").sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  for (const version of autos) {
    const at = Date.parse(version.createdAt);
    const age = now - at;
    if (age <= day || cited.has(version.id)) continue;
    const bucket = age <= 7 * day ? `h${Math.floor(at / hour)}` : `d${Math.floor(at / day)}`;
    if (kept.has(bucket)) thinned.push(version.id);
    else kept.add(bucket);
  }
  return thinned;
}

/** A version now holds every edit: the next automatic one waits for new edits. */
export function markVersioned(shared: SharedDocument): void {
  shared.editedSinceVersion = false;
  if (shared.autoVersionTimer) clearTimeout(shared.autoVersionTimer);
  shared.autoVersionTimer = null;
}

export function createVersions(options: {
  storage: Storage;
  documents: DocumentStore;
  logger: Logger;
  /** Time between the first edit after a version and the automatic version that follows. */
  autoVersionMs: number;
  recorded: (documentId: string) => void;
}) {
  const { storage, documents, logger } = options;

  /** Records a version of the document as it is; run alone on it. */
  async function record(ctx: Exclusive, fields: VersionFields): Promise<SynthesisVersionRecord> {
    const { version, state } = captureVersion(ctx, fields);
    await storage.synthesis.addVersion(version, state);
    markVersioned(ctx.shared);
    if (fields.kind === "auto") await thin(version.documentId);
    options.recorded(version.documentId);
    return version;
  }

  async function thin(documentId: string): Promise<void> {
    const gone = autoVersionsToThin(await storage.synthesis.listVersions(documentId), Date.now());
    if (gone.length > 0) await storage.synthesis.deleteAutoVersions(documentId, gone);
  }

  const hooks: DocumentHooks = {
    // Only people's edits call for a version; the server's own changes (block ids) do not.
    applied(shared, _update, origin) {
      if (origin instanceof ServerChange) return;
      shared.editedSinceVersion = true;
      if (shared.autoVersionTimer) return;
      shared.autoVersionTimer = setTimeout(() => {
        shared.autoVersionTimer = null;
        documents
          .exclusive(shared, (ctx) => (shared.editedSinceVersion && !shared.closed ? record(ctx, { kind: "auto" }) : null))
          .catch((err) => logger.error({ err, doc: shared.name }, "automatic version failed"));
      }, options.autoVersionMs);
      shared.autoVersionTimer.unref();
    },
    // A session's last edits get their version when the document leaves memory.
    async unloading(ctx) {
      if (ctx.shared.editedSinceVersion) await record(ctx, { kind: "auto" });
      markVersioned(ctx.shared);
    },
  };

  return { hooks, record };
}
