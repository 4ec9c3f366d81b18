// The words inserted and removed between two versions, block by block: <ins> and <del>
// runs, each also marked in words for screen readers and underlined or struck through,
// so the difference never rests on colour alone. Unchanged passages fold away.
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { DiffBlock, DiffRun, SynthesisDiff } from "../../../shared/schemas/synthesis.js";

function Run({ run }: { run: DiffRun }) {
  const { t } = useTranslation("synthesis");
  if (run.op === "equal") return <>{run.text}</>;
  const Tag = run.op === "insert" ? "ins" : "del";
  return (
    <Tag>
      <span className="sr-only">{t(`synthesis:diff.${run.op}Start`)} </span>
      {run.text}
      <span className="sr-only"> {t(`synthesis:diff.${run.op}End`)}</span>
    </Tag>
  );
}

function Block({ block }: { block: DiffBlock }) {
  const { t } = useTranslation("synthesis");
  const className = `diff-block diff-${block.change}${block.type === "heading" ? ` diff-heading diff-level-${block.level ?? 2}` : ""}`;
  return (
    <div className={className} data-change={block.change} data-block-id={block.blockId ?? undefined} data-testid="diff-block">
      {block.change !== "unchanged" && <span className="diff-mark">{t(`synthesis:diff.change.${block.change}`)}</span>}
      <p className="diff-text">
        {block.runs.length === 0 ? <span className="muted">{t("synthesis:diff.emptyBlock")}</span> : block.runs.map((run, i) => <Run key={i} run={run} />)}
      </p>
    </div>
  );
}

/** Any two texts' difference: two versions', or this device's copy against the server's. */
export type BlockDiff = Pick<SynthesisDiff, "blocks" | "inserted" | "removed">;

type Props = { diff: BlockDiff; title: string; onClose: () => void };

export function DiffView({ diff, title, onClose }: Props) {
  const { t } = useTranslation("synthesis");
  const [showAll, setShowAll] = useState(false);
  const changed = diff.blocks.filter((b) => b.change !== "unchanged").length;

  // Runs of unchanged blocks fold into one line unless the reader asks to see everything.
  const shown: ReactNode[] = [];
  let folded = 0;
  const flush = (at: number) => {
    if (folded > 0) shown.push(<p key={`fold-${at}`} className="diff-fold muted">{t("synthesis:diff.folded", { count: folded })}</p>);
    folded = 0;
  };
  diff.blocks.forEach((block, index) => {
    if (!showAll && block.change === "unchanged") {
      folded++;
      return;
    }
    flush(index);
    shown.push(<Block key={`${block.blockId ?? "b"}-${index}`} block={block} />);
  });
  flush(diff.blocks.length);

  return (
    <section className="diff" aria-labelledby="diff-title" data-testid="diff-view" tabIndex={-1}>
      <div className="diff-head">
        <h3 id="diff-title">{title}</h3>
        <button type="button" className="button small" onClick={onClose} data-testid="diff-close">
          {t("synthesis:diff.close")}
        </button>
      </div>
      <p className="diff-counts" data-testid="diff-counts">
        <span className="diff-count-ins">{t("synthesis:diff.inserted", { count: diff.inserted })}</span>
        <span className="diff-count-del">{t("synthesis:diff.removed", { count: diff.removed })}</span>
        <span>{t("synthesis:diff.changedBlocks", { count: changed })}</span>
      </p>
      <div className="diff-legend" aria-label={t("synthesis:diff.legend")} role="group">
        <span className="diff-legend-title">{t("synthesis:diff.legend")}</span>
        <ins>{t("synthesis:diff.legendInserted")}</ins>
        <del>{t("synthesis:diff.legendRemoved")}</del>
        <span className="diff-legend-block">{t("synthesis:diff.legendBlocks")}</span>
      </div>
      <label className="checkbox diff-show-all">
        <input type="checkbox" checked={showAll} onChange={(e) => setShowAll(e.target.checked)} />
        {t("synthesis:diff.showUnchanged")}
      </label>
      {changed === 0 && <p className="notice">{t("synthesis:diff.noChange")}</p>}
      <div className="diff-blocks">{shown}</div>
    </section>
  );
}
