// The new proposal being written, kept on this device (see useLocalDraft): the form works on
// it, and other pages can hand it text to start from (synthesis edits the server did not take).
import { emptyRichText, isRichTextEmpty, type RichTextDoc } from "../../../shared/richtext.js";
import { readDraft, writeDraft } from "../ui/useLocalDraft.js";

export type ProposalDraft = { title: string; body: RichTextDoc };

export const proposalDraftName = (workshopId: string) => `proposal:${workshopId}`;
export const emptyProposal = (): ProposalDraft => ({ title: "", body: emptyRichText() });

/** Adds to the draft without losing what was already written there: its title stays, the text goes after its own. */
export function addToProposalDraft(userId: string, workshopId: string, addition: ProposalDraft): boolean {
  const name = proposalDraftName(workshopId);
  const current = readDraft<ProposalDraft>(userId, name);
  const value: ProposalDraft = current
    ? {
        title: current.title.trim() ? current.title : addition.title,
        body: { type: "doc", content: [...(isRichTextEmpty(current.body) ? [] : current.body.content), ...addition.body.content] },
      }
    : addition;
  return writeDraft(userId, name, value);
}
