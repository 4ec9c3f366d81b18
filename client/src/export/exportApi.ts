// Downloads an export of a synthesis document, reporting progress as the bytes arrive (the
// server says the size), then hands the file to the browser as a download.
import { ApiRequestError } from "../api.js";
import type { ExportFormat } from "../../../shared/schemas/export.js";

export interface ExportChoice {
  format: ExportFormat;
  languages: string[];
  versionId: string | null;
  lineNumbers: boolean;
  /** A workshop pack for this audience: the document, then consented fiches and the proposals. */
  pack: "participants" | "workingDocument" | null;
}

export function exportPath(workshopId: string, documentId: string, choice: ExportChoice): string {
  const query = new URLSearchParams({ format: choice.format, lang: choice.languages.join(",") });
  if (choice.versionId) query.set("version", choice.versionId);
  if (choice.lineNumbers) query.set("lineNumbers", "1");
  if (choice.pack) query.set("pack", choice.pack);
  return `/api/workshops/${encodeURIComponent(workshopId)}/synthesis/documents/${encodeURIComponent(documentId)}/export?${query}`;
}

/** Fetches the file; `onProgress` gets a fraction from 0 to 1 (or null while the size is unknown). */
export async function downloadExport(path: string, onProgress: (fraction: number | null) => void): Promise<void> {
  let response: Response;
  try {
    response = await fetch(path, { credentials: "same-origin" });
  } catch (cause) {
    throw new ApiRequestError(0, { code: "unavailable", message: String(cause) });
  }
  if (!response.ok) {
    const payload = (await response.json().catch(() => undefined)) as { error?: ApiRequestError["error"] } | undefined;
    throw new ApiRequestError(response.status, payload?.error ?? { code: "internal", message: `HTTP ${response.status}` });
  }
  const total = Number(response.headers.get("content-length")) || 0;
  const reader = response.body!.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  onProgress(total ? 0 : null);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.length;
    onProgress(total ? received / total : null);
  }
  const name = /filename="([^"]+)"/.exec(response.headers.get("content-disposition") ?? "")?.[1] ?? "synthesis";
  const url = URL.createObjectURL(new Blob(chunks as BlobPart[], { type: response.headers.get("content-type") ?? "application/octet-stream" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
