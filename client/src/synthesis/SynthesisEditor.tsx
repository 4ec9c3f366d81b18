// The workshop's synthesis, edited together: Tiptap over the shared Yjs document,
// with everyone's caret, and read-only for roles that may not edit it.
import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import { EditorContent, Extension, useEditor } from "@tiptap/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { richTextExtensions } from "../../../shared/editor.js";
import { can, type Role } from "../../../shared/permissions.js";
import type { User } from "../../../shared/schemas/auth.js";
import { synthesisFragment } from "../../../shared/synthesis.js";
import { DocumentPeople, type CaretUser } from "./DocumentPeople.js";
import { EditorToolbar } from "./EditorToolbar.js";
import { useSynthesisDoc, type ConnectionStatus, type SynthesisDoc } from "./useSynthesisDoc.js";
import { userColor } from "./userColor.js";

type Props = { workshopId: string; role: Role; user: User };

/** Tab indents list items inside the editor, so Esc gives keyboard users a sure way out. */
const EscapeLeavesEditor = Extension.create({
  name: "escapeLeavesEditor",
  addKeyboardShortcuts() {
    return { Escape: () => this.editor.commands.blur() };
  },
});

export function SynthesisEditor({ workshopId, role, user }: Props) {
  const { t } = useTranslation(["synthesis", "common"]);
  const editable = can(role, "synthesis.edit");
  const connection = useSynthesisDoc(workshopId, editable);

  return (
    <div className="synthesis">
      <div className="synthesis-bar">
        <ConnectionBadge status={connection.status} synced={connection.synced} />
        {connection.status === "connected" && !connection.synced && <span className="muted">{t("synthesis:loadingText")}</span>}
      </div>
      {connection.refused && (
        <p className="notice notice-error" role="alert">
          {t("synthesis:refused")}
        </p>
      )}
      {!editable && (
        <p className="notice" id="synthesis-readonly-note">
          {t("synthesis:readOnly", { role: t(`common:roles.${role}`) })}
        </p>
      )}
      {connection.doc && (
        <div className="synthesis-body">
          {/* A new editor per connection: Collaboration binds to one Y.Doc for life. */}
          <CollaborativeEditor key={connection.doc.ydoc.guid} doc={connection.doc} editable={editable} user={user} />
          <DocumentPeople provider={connection.doc.provider} />
        </div>
      )}
    </div>
  );
}

function ConnectionBadge({ status, synced }: { status: ConnectionStatus; synced: boolean }) {
  const { t } = useTranslation("synthesis");
  return (
    <span
      className={`connection connection-${status}`}
      data-testid="connection-status"
      data-status={status}
      data-synced={String(synced)}
      role="status"
    >
      <span className="connection-dot" aria-hidden="true" />
      {t(`synthesis:status.${status}`)}
    </span>
  );
}

/** Attributes of the contenteditable element itself. */
function editorAttributes(label: string, editable: boolean): Record<string, string> {
  return {
    class: "synthesis-text",
    role: "textbox",
    "aria-multiline": "true",
    "aria-label": label,
    "aria-readonly": String(!editable),
    "aria-describedby": editable ? "synthesis-keyboard-hint" : "synthesis-readonly-note",
    "data-testid": "synthesis-editor",
    spellcheck: "true",
  };
}

function CollaborativeEditor({ doc, editable, user }: { doc: SynthesisDoc; editable: boolean; user: User }) {
  const { t } = useTranslation("synthesis");
  const caretUser: CaretUser = { userId: user.id, name: user.displayName, color: userColor(user.id), language: user.language };
  const label = t("synthesis:editorLabel");

  const editor = useEditor(
    {
      extensions: [
        // The same schema as the server (StarterKit without its own undo: Yjs keeps the history).
        ...richTextExtensions,
        Collaboration.configure({ document: doc.ydoc, field: synthesisFragment }),
        CollaborationCaret.configure({ provider: doc.provider, user: caretUser }),
        EscapeLeavesEditor,
      ],
      editable,
      editorProps: { attributes: editorAttributes(label, editable) },
    },
    [doc, editable],
  );

  // The UI language can change while the document is open: relabel without a new editor.
  useEffect(() => {
    editor.setOptions({ editorProps: { attributes: editorAttributes(label, editable) } });
  }, [editor, label, editable]);

  // Name and reading language can change too (language switcher): others see it on the caret.
  useEffect(() => {
    editor.commands.updateUser(caretUser);
  }, [editor, caretUser.name, caretUser.language]);

  return (
    <div className="synthesis-editor">
      {editable && <EditorToolbar editor={editor} />}
      <EditorContent editor={editor} />
      {editable && (
        <p id="synthesis-keyboard-hint" className="hint editor-hint">
          {t("synthesis:keyboardHint")}
        </p>
      )}
    </div>
  );
}
