// A synthesis document, edited together: Tiptap over the shared Yjs document, with
// everyone's caret, the connection state, citations, and a template for an empty text.
// Read-only for roles that may not edit, and for everyone while the document is agreed.
import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import { NodeSelection } from "@tiptap/pm/state";
import { EditorContent, Extension, useEditor, useEditorState } from "@tiptap/react";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { citationHref, richTextExtensions, type CitationAttrs } from "../../../shared/editor.js";
import type { User } from "../../../shared/schemas/auth.js";
import type { SynthesisDocument } from "../../../shared/schemas/synthesis.js";
import { isReadOnlyStatus, synthesisFragment, type SynthesisStatus } from "../../../shared/synthesis.js";
import { synthesisTemplates, templateLanguage, templateLanguages, type SynthesisTemplate } from "../../../shared/synthesis-templates.js";
import { LanguageSelect } from "../ui/LanguageSelect.js";
import { CaretFollowsPage, chainInText, leaveText } from "../ui/editorFocus.js";
import { ErrorNotice } from "../ui/ErrorNotice.js";
import { CiteDialog } from "./CiteDialog.js";
import { DocumentPeople, type CaretUser } from "./DocumentPeople.js";
import { EditorToolbar } from "./EditorToolbar.js";
import { NotTakenNotice } from "./NotTakenNotice.js";
import { synthesisApi } from "./synthesisApi.js";
import type { ConnectionState, SynthesisConnection, SynthesisDoc } from "./useSynthesisDoc.js";
import { userColor } from "./userColor.js";
import "./synthesis.css";

type Props = {
  workshopId: string;
  document: SynthesisDocument;
  /** The live status (from the server's awareness or the workshop's events). */
  status: SynthesisStatus;
  user: User;
  connection: SynthesisConnection;
};

/** Tab indents list items inside the editor, so Esc gives keyboard users a sure way out. */
const EscapeLeavesEditor = Extension.create({
  name: "escapeLeavesEditor",
  addKeyboardShortcuts() {
    return { Escape: () => leaveText(this.editor) };
  },
});

export function SynthesisEditor({ workshopId, document, status, user, connection }: Props) {
  const { t } = useTranslation(["synthesis", "common"]);
  const agreed = isReadOnlyStatus(status);
  const editable = document.can.edit && !agreed && connection.state !== "refused";

  return (
    <div className="synthesis">
      <div className="synthesis-bar">
        <ConnectionBadge state={connection.state} savedOnDevice={connection.savedOnDevice} />
        {connection.state === "connecting" && !connection.ready && <span className="muted">{t("synthesis:loadingText")}</span>}
      </div>
      {connection.state === "offline" && (
        <p className="notice notice-offline" data-testid="offline-notice">
          {t(connection.offlineReason === "browser" ? "synthesis:connection.offlineHint" : "synthesis:connection.lostHint")}
          {document.can.edit && !agreed && (
            <>
              {" "}
              {t("synthesis:connection.keptHint")} {t(connection.savedOnDevice ? "synthesis:connection.savedOnDevice" : "synthesis:connection.savingOnDevice")}
            </>
          )}
        </p>
      )}
      {connection.state === "refused" && (
        <p className="notice notice-error" role="alert">
          {t("synthesis:connection.refusedHint")}
        </p>
      )}
      {!document.can.edit ? (
        <p className="notice" id="synthesis-readonly-note" data-testid="readonly-note">
          {t("synthesis:readOnly", { role: t(`common:roles.${document.myRole}`) })}
        </p>
      ) : (
        agreed && (
          <p className="notice notice-agreed" id="synthesis-readonly-note" data-testid="readonly-note">
            {t("synthesis:workflow.agreedReadOnly")}
            {connection.unsent && !connection.notTaken && <> {t("synthesis:workflow.agreedUnsent")}</>}
          </p>
        )
      )}
      {connection.notTaken && connection.doc && <NotTakenNotice doc={connection.doc} document={document} reason={connection.notTaken} />}
      {connection.doc && connection.ready && (
        <div className="synthesis-body">
          {/* A new editor per connection: Collaboration binds to one Y.Doc for life. */}
          <CollaborativeEditor
            key={connection.doc.ydoc.guid}
            doc={connection.doc}
            editable={editable}
            user={user}
            workshopId={workshopId}
            document={document}
            canApplyTemplate={document.can.applyTemplate && !agreed && connection.state === "live"}
          />
          {/* Offline, the server's list of who is here is out of date: show only what this device knows. */}
          <DocumentPeople provider={connection.doc.provider} server={connection.state === "live" ? connection.server : null} />
        </div>
      )}
    </div>
  );
}

/** `savedOnDevice` says whether all typed so far is on this device (while not live, the only copy). */
export function ConnectionBadge({ state, savedOnDevice = true }: { state: ConnectionState; savedOnDevice?: boolean }) {
  const { t } = useTranslation("synthesis");
  return (
    <span className={`connection connection-${state}`} data-testid="connection-status" data-status={state} data-saved-on-device={savedOnDevice} role="status">
      <span className="connection-dot" aria-hidden="true" />
      {t(`synthesis:connection.${state}`)}
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

type EditorProps = {
  doc: SynthesisDoc;
  editable: boolean;
  user: User;
  workshopId: string;
  document: SynthesisDocument;
  canApplyTemplate: boolean;
};

function CollaborativeEditor({ doc, editable, user, workshopId, document, canApplyTemplate }: EditorProps) {
  const { t } = useTranslation("synthesis");
  const navigate = useNavigate();
  const navigateRef = useRef(navigate);
  navigateRef.current = navigate;
  const [citing, setCiting] = useState(false);
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
        CaretFollowsPage,
      ],
      editable,
      editorProps: {
        attributes: editorAttributes(label, editable),
        handleDOMEvents: {
          // A citation is a link: followed inside the app when the text is read-only,
          // or with Ctrl/Cmd while editing (a plain click places the caret).
          click: (view, event) => {
            const link = (event.target as HTMLElement | null)?.closest?.("a.citation");
            if (!link) return false;
            event.preventDefault();
            if (view.editable && !(event.ctrlKey || event.metaKey)) return false;
            const href = link.getAttribute("href");
            if (href?.startsWith("/")) navigateRef.current(href);
            return true;
          },
        },
      },
    },
    [doc],
  );

  // Status and role change on the open document: switch editing on or off in place.
  useEffect(() => {
    if (editor.isEditable !== editable) editor.setEditable(editable);
  }, [editor, editable]);

  // The UI language can change while the document is open: relabel without a new editor.
  useEffect(() => {
    editor.setOptions({ editorProps: { ...editor.options.editorProps, attributes: editorAttributes(label, editable) } });
  }, [editor, label, editable]);

  // Name and reading language can change too (language switcher): others see it on the caret.
  useEffect(() => {
    editor.commands.updateUser(caretUser);
  }, [editor, caretUser.name, caretUser.language]);

  const { empty, citation } = useEditorState({
    editor,
    selector: ({ editor: current }) => {
      const selection = current.state.selection;
      const node = selection instanceof NodeSelection && selection.node.type.name === "citation" ? selection.node : null;
      return { empty: current.isEmpty, citation: node ? (node.attrs as CitationAttrs) : null };
    },
  });

  /** Runs once the dialog has closed: the caret is back where it was, after the citation. */
  function insertCitation(attrs: CitationAttrs) {
    chainInText(editor).insertContent([{ type: "citation", attrs }, { type: "text", text: " " }]).run();
  }

  return (
    <div className="synthesis-editor">
      {editable && <EditorToolbar editor={editor} onCite={() => setCiting(true)} />}
      {editable && citation && (
        <p className="selected-citation" data-testid="selected-citation">
          {t("synthesis:cite.selected")}{" "}
          <Link to={citationHref(citation)}>{citation.author ? `${citation.label} — ${citation.author}` : citation.label}</Link>
        </p>
      )}
      {canApplyTemplate && empty && <TemplateChooser document={document} />}
      <EditorContent editor={editor} />
      {editable && (
        <p id="synthesis-keyboard-hint" className="hint editor-hint">
          {t("synthesis:keyboardHint")}
        </p>
      )}
      {editable && <CiteDialog open={citing} workshopId={workshopId} onClose={() => setCiting(false)} onCite={insertCitation} />}
    </div>
  );
}

/** Offered to facilitators while the text is empty: fill it with a template's headings. */
function TemplateChooser({ document }: { document: SynthesisDocument }) {
  const { t } = useTranslation("synthesis");
  const [template, setTemplate] = useState<SynthesisTemplate>("findings");
  const [language, setLanguage] = useState<string>(templateLanguage(document.language));
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  async function apply(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      // The headings arrive through the shared document, like anyone's edit.
      await synthesisApi.applyTemplate(document.id, template, language);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="template-chooser" onSubmit={(event) => void apply(event)} aria-labelledby="template-title" data-testid="template-chooser">
      <p id="template-title" className="template-title">
        {t("synthesis:templates.emptyTitle")}
      </p>
      <div className="template-fields">
        <div className="field">
          <label htmlFor="template-choice">{t("synthesis:templates.label")}</label>
          <select id="template-choice" value={template} onChange={(e) => setTemplate(e.target.value as SynthesisTemplate)} aria-describedby="template-choice-hint">
            {synthesisTemplates.map((name) => (
              <option key={name} value={name}>
                {t(`synthesis:templates.names.${name}`)}
              </option>
            ))}
          </select>
          <p id="template-choice-hint" className="hint">
            {t(`synthesis:templates.descriptions.${template}`)}
          </p>
        </div>
        <LanguageSelect id="template-language" label={t("synthesis:templates.language")} languages={templateLanguages} value={language} onChange={setLanguage} />
      </div>
      <div className="actions">
        <button type="submit" className="button primary small" disabled={busy} data-testid="template-apply">
          {t("synthesis:templates.apply")}
        </button>
      </div>
      <ErrorNotice error={failure} />
    </form>
  );
}
