// One small rich-text field (Tiptap): bold, italic and lists, labelled like any input.
// It holds its own document and reports every change as sanitizable ProseMirror JSON.
import StarterKit from "@tiptap/starter-kit";
import { EditorContent, useEditor, useEditorState, type Editor } from "@tiptap/react";
import { useEffect, useId } from "react";
import { useTranslation } from "react-i18next";
import { emptyRichText, type RichTextDoc } from "../../../shared/richtext.js";
import { CaretFollowsPage, chainInText } from "./editorFocus.js";
import { useFieldsLocked } from "./LockedFields.js";

type Props = {
  label: string;
  value: RichTextDoc | undefined;
  onChange: (doc: RichTextDoc) => void;
  hint?: string;
  /** Changing it replaces the content, e.g. to empty the field after sending. */
  resetKey?: string | number;
  testId?: string;
};

const tools = [
  { name: "bold", glyph: "B", active: (e: Editor) => e.isActive("bold"), run: (e: Editor) => chainInText(e).toggleBold().run() },
  { name: "italic", glyph: "I", active: (e: Editor) => e.isActive("italic"), run: (e: Editor) => chainInText(e).toggleItalic().run() },
  { name: "bulletList", glyph: "•", active: (e: Editor) => e.isActive("bulletList"), run: (e: Editor) => chainInText(e).toggleBulletList().run() },
  { name: "orderedList", glyph: "1.", active: (e: Editor) => e.isActive("orderedList"), run: (e: Editor) => chainInText(e).toggleOrderedList().run() },
] as const;

export function RichTextField({ label, value, onChange, hint, resetKey, testId }: Props) {
  const { t } = useTranslation("fiches");
  const labelId = useId();
  const hintId = useId();
  const locked = useFieldsLocked();
  const editor = useEditor({
    editable: !locked,
    extensions: [
      // The nodes and marks the shared sanitizer keeps; links come from pasting only.
      StarterKit.configure({ codeBlock: false, horizontalRule: false, strike: false, underline: false, heading: { levels: [3, 4] }, link: { openOnClick: false, autolink: false } }),
      CaretFollowsPage,
    ],
    content: value ?? emptyRichText(),
    editorProps: {
      attributes: {
        class: "rich-field-text",
        role: "textbox",
        "aria-multiline": "true",
        "aria-labelledby": labelId,
        ...(hint ? { "aria-describedby": hintId } : {}),
        ...(testId ? { "data-testid": testId } : {}),
      },
    },
    onUpdate: ({ editor: current }) => onChange(current.getJSON() as RichTextDoc),
  });

  useEffect(() => {
    if (editor && resetKey !== undefined) editor.commands.setContent(value ?? emptyRichText(), { emitUpdate: false });
    // Only a new resetKey replaces the content; typing must never be overwritten.
  }, [resetKey, editor]);

  // Locked, the text stays as typed and becomes editable again when the lock lifts.
  useEffect(() => {
    if (editor && editor.isEditable === locked) editor.setEditable(!locked, false);
  }, [editor, locked]);

  const active = useEditorState({ editor, selector: ({ editor: current }) => (current ? tools.map((tool) => tool.active(current)) : []) });

  return (
    <div className="field rich-field">
      <span className="field-label" id={labelId} onClick={() => editor?.view.focus()}>
        {label}
      </span>
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
      <div className="rich-field-box">
        {editor && (
          <div className="toolbar rich-toolbar" role="toolbar" aria-label={t("fiches:editor.toolbar", { field: label })}>
            {tools.map((tool, index) => (
              <button
                key={tool.name}
                type="button"
                className={`tool tool-${tool.name}`}
                aria-pressed={active?.[index] ?? false}
                aria-label={t(`fiches:editor.${tool.name}`)}
                title={t(`fiches:editor.${tool.name}`)}
                onClick={() => tool.run(editor)}
              >
                <span aria-hidden="true">{tool.glyph}</span>
              </button>
            ))}
          </div>
        )}
        <EditorContent editor={editor} />
      </div>
    </div>
  );
}
