// Edits the server did not take (the text was agreed meanwhile, or the role may no longer
// edit): they stay on this device, and the writer sees what they are, compared with the
// server's text, and can make them a proposal, copy them, or discard them.
import { yXmlFragmentToProsemirrorJSON } from "@tiptap/y-tiptap";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import * as Y from "yjs";
import { can } from "../../../shared/permissions.js";
import { richTextFromPlain } from "../../../shared/richtext.js";
import type { SynthesisDocument } from "../../../shared/schemas/synthesis.js";
import { synthesisFragment, type RefusalReason } from "../../../shared/synthesis.js";
import { blocksOf, diffBlocks, type PmNode } from "../../../shared/synthesis-diff.js";
import { useSession } from "../auth/session.js";
import { addToProposalDraft } from "../proposals/proposalDraft.js";
import { ConfirmDialog } from "./Dialog.js";
import { DiffView, type BlockDiff } from "./DiffView.js";
import { documentName } from "./documentNames.js";
import { readServerCopy } from "./unsentCopies.js";
import type { SynthesisDoc } from "./useSynthesisDoc.js";

const contentOf = (doc: Y.Doc) => yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(synthesisFragment)) as PmNode;

/** My copy against the server's, and the text of the passages I wrote or changed, one per paragraph. */
function compare(serverState: Uint8Array, mine: Y.Doc): { diff: BlockDiff; text: string } {
  const server = new Y.Doc();
  Y.applyUpdate(server, serverState);
  const diff = diffBlocks(blocksOf(contentOf(server)), blocksOf(contentOf(mine)));
  server.destroy();
  const text = diff.blocks
    .filter((block) => block.change === "inserted" || block.change === "changed")
    .map((block) => block.runs.filter((run) => run.op !== "delete").map((run) => run.text).join(""))
    .filter((passage) => passage.trim())
    .join("\n\n");
  return { diff, text };
}

type Comparison = { state: "checking" } | { state: "unreachable" } | { state: "ready"; diff: BlockDiff; text: string };

type Props = { doc: SynthesisDoc; document: SynthesisDocument; reason: RefusalReason };

export function NotTakenNotice({ doc, document, reason }: Props) {
  const { t } = useTranslation(["synthesis", "common"]);
  const { user } = useSession();
  const navigate = useNavigate();
  const [comparison, setComparison] = useState<Comparison>({ state: "checking" });
  const [shown, setShown] = useState(false);
  const [copied, setCopied] = useState<"copied" | "select" | null>(null);
  const [discarding, setDiscarding] = useState<"asking" | "busy" | null>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    let current = true;
    void readServerCopy(document.docName).then((state) => {
      if (current) setComparison(state ? { state: "ready", ...compare(state, doc.ydoc) } : { state: "unreachable" });
    });
    return () => {
      current = false;
    };
  }, [doc, document.docName]);

  const text = comparison.state === "ready" ? comparison.text : "";
  const mayPropose = document.workshopId !== null && can(document.myRole, "proposal.create");

  function propose() {
    if (!user || !document.workshopId) return;
    addToProposalDraft(user.id, document.workshopId, {
      title: t("synthesis:notTaken.proposalTitle", { document: documentName(document, t) }),
      body: richTextFromPlain(text),
    });
    void navigate(`/workshops/${document.workshopId}/propose#new-proposal`);
  }

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setCopied("copied");
    } catch {
      // No clipboard here (an insecure origin, a refusal): the text is selected for the keyboard's copy.
      setShown(true);
      setCopied("select");
      textRef.current?.focus();
      textRef.current?.select();
    }
  }

  async function discard() {
    setDiscarding("busy");
    await doc.discardDeviceCopy();
  }

  return (
    <section className="notice notice-error not-taken" aria-labelledby="not-taken-title" data-testid="not-taken" data-reason={reason}>
      {/* Announced once when it appears; the actions below are read as the person reaches them. */}
      <h2 id="not-taken-title" className="not-taken-title" role="alert">
        {t(reason === "synthesis_agreed" ? "synthesis:notTaken.agreed" : "synthesis:notTaken.readOnly")}
      </h2>
      <p>{t("synthesis:notTaken.kept")}</p>
      {comparison.state === "checking" && <p className="muted">{t("synthesis:notTaken.checking")}</p>}
      {comparison.state === "unreachable" && <p>{t("synthesis:notTaken.unreachable")}</p>}
      {comparison.state === "ready" && !text && <p>{t("synthesis:notTaken.nothingWritten")}</p>}
      <div className="actions">
        {comparison.state === "ready" && (
          <button type="button" className="button small" aria-expanded={shown} onClick={() => setShown(!shown)} data-testid="not-taken-show">
            {t(shown ? "synthesis:notTaken.hide" : "synthesis:notTaken.show")}
          </button>
        )}
        {text && mayPropose && (
          <button type="button" className="button small primary" onClick={propose} data-testid="not-taken-propose">
            {t("synthesis:notTaken.propose")}
          </button>
        )}
        {text && (
          <button type="button" className="button small" onClick={() => void copy()} data-testid="not-taken-copy">
            {t("synthesis:notTaken.copy")}
          </button>
        )}
        <button type="button" className="button small danger" onClick={() => setDiscarding("asking")} data-testid="not-taken-discard">
          {t("synthesis:notTaken.discard")}
        </button>
      </div>
      {copied && (
        <p role="status" data-testid="not-taken-copied">
          {t(copied === "copied" ? "synthesis:notTaken.copied" : "synthesis:notTaken.selectToCopy")}
        </p>
      )}
      {shown && comparison.state === "ready" && (
        <>
          {text && (
            <label className="field">
              <span>{t("synthesis:notTaken.textLabel")}</span>
              <textarea ref={textRef} readOnly rows={Math.min(8, text.split("\n").length + 1)} value={text} data-testid="not-taken-text" />
            </label>
          )}
          <DiffView diff={comparison.diff} title={t("synthesis:notTaken.diffTitle")} onClose={() => setShown(false)} />
        </>
      )}
      <ConfirmDialog
        open={discarding !== null}
        title={t("synthesis:notTaken.discardTitle")}
        message={t("synthesis:notTaken.discardMessage")}
        confirmLabel={t("synthesis:notTaken.discardConfirm")}
        busy={discarding === "busy"}
        onConfirm={() => void discard()}
        onCancel={() => setDiscarding(null)}
        testId="not-taken-discard-dialog"
      />
    </section>
  );
}
