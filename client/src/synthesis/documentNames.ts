// How documents, their statuses and versions are named: the main and the series synthesis
// have no title (the reader's language names them), nor do automatic versions.
import type { TFunction } from "i18next";
import type { StatusChange, SynthesisDocument, SynthesisVersion } from "../../../shared/schemas/synthesis.js";

export function documentName(document: Pick<SynthesisDocument, "kind" | "title">, t: TFunction): string {
  if (document.kind === "sequence-notes" && document.title) return document.title;
  return t(`synthesis:documents.names.${document.kind}`);
}

/** A version's name: its given name, or what recorded it (a status change, a restore, the automatic saves). */
export function versionName(version: SynthesisVersion, t: TFunction, context: { versions: SynthesisVersion[]; history: StatusChange[] }): string {
  if (version.kind === "manual" && version.name) return version.name;
  if (version.kind === "status") {
    const change = context.history.find((c) => c.versionId === version.id);
    if (change) return t("synthesis:versions.names.status", { status: t(`synthesis:workflow.status.${change.to}`) });
  }
  if (version.kind === "restore" && version.restoredFrom) {
    const source = context.versions.find((v) => v.id === version.restoredFrom);
    if (source) return t("synthesis:versions.names.restore", { name: versionName(source, t, context) });
  }
  return t(`synthesis:versions.kinds.${version.kind}`);
}
