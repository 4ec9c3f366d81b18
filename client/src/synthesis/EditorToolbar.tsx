// Formatting buttons for the synthesis, and "Cite a contribution". One Tab stop; arrow
// keys move between buttons, as screen-reader users expect from a toolbar.
import type { Editor } from "@tiptap/react";
import { useEditorState } from "@tiptap/react";
import { useRef, useState, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { chainInText } from "../ui/editorFocus.js";

type Tool = {
  name: "bold" | "italic" | "heading" | "bulletList";
  glyph: string;
  isActive: (editor: Editor) => boolean;
  run: (editor: Editor) => void;
};

const tools: Tool[] = [
  { name: "bold", glyph: "B", isActive: (e) => e.isActive("bold"), run: (e) => chainInText(e).toggleBold().run() },
  { name: "italic", glyph: "I", isActive: (e) => e.isActive("italic"), run: (e) => chainInText(e).toggleItalic().run() },
  {
    name: "heading",
    glyph: "H",
    isActive: (e) => e.isActive("heading", { level: 2 }),
    run: (e) => chainInText(e).toggleHeading({ level: 2 }).run(),
  },
  { name: "bulletList", glyph: "•", isActive: (e) => e.isActive("bulletList"), run: (e) => chainInText(e).toggleBulletList().run() },
];

/** `onCite` adds the "Cite a contribution" button, last. */
export function EditorToolbar({ editor, onCite }: { editor: Editor; onCite?: () => void }) {
  const { t } = useTranslation("synthesis");
  const [focusIndex, setFocusIndex] = useState(0);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const active = useEditorState({
    editor,
    selector: ({ editor: current }) => tools.map((tool) => tool.isActive(current)),
  });

  const count = tools.length + (onCite ? 1 : 0);

  function moveFocus(event: KeyboardEvent) {
    const last = count - 1;
    const next =
      event.key === "ArrowRight" ? (focusIndex === last ? 0 : focusIndex + 1)
      : event.key === "ArrowLeft" ? (focusIndex === 0 ? last : focusIndex - 1)
      : event.key === "Home" ? 0
      : event.key === "End" ? last
      : null;
    if (next === null) return;
    event.preventDefault();
    setFocusIndex(next);
    buttons.current[next]?.focus();
  }

  return (
    <div className="toolbar" role="toolbar" aria-label={t("synthesis:toolbar.label")} onKeyDown={moveFocus}>
      {tools.map((tool, index) => (
        <button
          key={tool.name}
          ref={(element) => {
            buttons.current[index] = element;
          }}
          type="button"
          className={`tool tool-${tool.name}`}
          tabIndex={index === focusIndex ? 0 : -1}
          aria-pressed={active[index] ?? false}
          aria-label={t(`synthesis:toolbar.${tool.name}`)}
          title={t(`synthesis:toolbar.${tool.name}`)}
          onClick={() => {
            setFocusIndex(index);
            tool.run(editor);
          }}
        >
          <span aria-hidden="true">{tool.glyph}</span>
        </button>
      ))}
      {onCite && (
        <button
          ref={(element) => {
            buttons.current[tools.length] = element;
          }}
          type="button"
          className="tool tool-cite"
          tabIndex={focusIndex === tools.length ? 0 : -1}
          aria-haspopup="dialog"
          onClick={() => {
            setFocusIndex(tools.length);
            onCite();
          }}
          data-testid="cite-button"
        >
          <span aria-hidden="true">❝ </span>
          {t("synthesis:toolbar.cite")}
        </button>
      )}
    </div>
  );
}
