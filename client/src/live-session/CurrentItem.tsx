// What the facilitator put on every screen, in the reader's language: the stored or machine
// translation, labelled, through the translation display (client/src/translation/).
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { TranslationTargetKind } from "../../../shared/domain/translations.js";
import type { LiveItem } from "../../../shared/schemas/live-session.js";
import type { Workshop } from "../../../shared/schemas/workshops.js";
import { debateApi } from "../debate/debateApi.js";
import { fichesApi } from "../fiches/fichesApi.js";
import { proposalsApi } from "../proposals/proposalsApi.js";
import { sequencesApi } from "../sequences/sequencesApi.js";
import { translationApi } from "../translation/translationApi.js";
import { ficheField } from "../translation/sourceText.js";
import { Translated, TranslatedItem, TranslationNote } from "../translation/Translated.js";
import { ErrorNotice } from "../ui/ErrorNotice.js";
import { useResource } from "../ui/useResource.js";

interface Shown {
  targetKind: TranslationTargetKind;
  targetId: string;
  /** A passage of the synthesis has none: its text is the body. */
  title?: { field: string | readonly string[]; text: string };
  body?: { field: string; doc: unknown };
  link: string;
}

async function load(workshop: Workshop, item: LiveItem): Promise<Shown> {
  const base = `/workshops/${workshop.id}`;
  switch (item.kind) {
    case "fiche": {
      const fiche = await fichesApi.get(workshop.id, item.id);
      return { targetKind: "fiche", targetId: fiche.id, title: { field: ficheField.title, text: fiche.rows.title }, link: `${base}/illustrate/fiches/${fiche.id}` };
    }
    case "proposal": {
      const proposal = await proposalsApi.get(workshop.id, item.id);
      return { targetKind: "proposal", targetId: proposal.id, title: { field: "title", text: proposal.title }, body: { field: "body", doc: proposal.body }, link: `${base}/propose/${proposal.id}` };
    }
    case "thread": {
      const thread = await debateApi.thread(workshop.id, item.id);
      return { targetKind: "thread", targetId: thread.id, title: { field: "title", text: thread.title }, link: `${base}/debate/threads/${thread.id}` };
    }
    case "agendaSlot": {
      const slot = (await sequencesApi.agenda(workshop.id)).find((s) => s.id === item.id);
      if (!slot) throw new Error("not_found");
      return { targetKind: "agendaItem", targetId: slot.id, title: { field: "title", text: slot.title }, link: base };
    }
    case "question": {
      const question = workshop.readingGrid.questions.find((q) => q.id === item.id);
      if (!question) throw new Error("not_found");
      return { targetKind: "workshop", targetId: workshop.id, title: { field: `question:${question.id}`, text: question.text }, link: base };
    }
    case "synthesisPassage": {
      // The document block by block; any language gives each block's source.
      const { blocks } = await translationApi.synthesis(workshop.id, item.documentId, workshop.languages[0] ?? "fr");
      const block = blocks.find((b) => b.blockId === item.blockId);
      if (!block) throw new Error("not_found");
      const link = `${base}/synthesis/${encodeURIComponent(item.documentId)}#block-${encodeURIComponent(item.blockId)}`;
      return { targetKind: "synthesis", targetId: item.documentId, body: { field: block.field, doc: block.source }, link };
    }
  }
}

export function CurrentItem({ workshop, item }: { workshop: Workshop; item: LiveItem | null }) {
  const { t } = useTranslation("liveSession");
  if (!item) return <p className="muted" data-testid="live-item-none">{t("liveSession:item.none")}</p>;
  const key = item.kind === "synthesisPassage" ? `${item.kind}/${item.documentId}/${item.blockId}` : `${item.kind}/${item.id}`;
  return <LoadedItem key={key} workshop={workshop} item={item} />;
}

function LoadedItem({ workshop, item }: { workshop: Workshop; item: LiveItem }) {
  const { t } = useTranslation("liveSession");
  // Keyed by the item in CurrentItem: loaded once per item shown.
  const shown = useResource(() => load(workshop, item), [workshop]);
  if (shown.error) return <ErrorNotice error={shown.error} />;
  if (!shown.data) return <p className="muted">{t("liveSession:item.loading")}</p>;
  const { targetKind, targetId, title, body, link } = shown.data;
  const ref = { workshopId: workshop.id, targetKind, targetId };
  return (
    <div className="live-item" data-testid="live-item" data-kind={item.kind}>
      <p className="live-item-kind">{t(`liveSession:kinds.${item.kind}`)}</p>
      <TranslatedItem {...ref}>
        {title && <Translated {...ref} field={title.field} original={title.text} render={(text, lang) => <h2 lang={lang} className="live-item-title">{text}</h2>} />}
        {body && <Translated {...ref} field={body.field} original={body.doc} />}
        <TranslationNote />
      </TranslatedItem>
      <Link to={link}>{t(item.kind === "synthesisPassage" ? "liveSession:item.openPassage" : "liveSession:item.open")}</Link>
    </div>
  );
}
