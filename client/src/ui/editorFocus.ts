// Moving the focus into or out of a Tiptap editor at once, and keeping ProseMirror's idea
// of the caret in step with the page's. Tiptap's own `focus()` and `blur()` wait for the
// next animation frame: keys pressed meanwhile went to the toolbar button that was clicked
// (or stayed in the text after Esc), and on a busy computer that frame comes after several
// keys. Lost keystrokes, in a writing tool.
import { Extension, type ChainedCommands, type Editor } from "@tiptap/core";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import type { EditorView } from "@tiptap/pm/view";

/** A command chain that starts with the caret already in the text, so the next key lands there. */
export function chainInText(editor: Editor): ChainedCommands {
  editor.view.focus();
  return editor.chain();
}

/** Leaves the text now; for a keyboard shortcut, so it says the key was handled. */
export function leaveText(editor: Editor): boolean {
  (editor.view.dom as HTMLElement).blur();
  return true;
}

/** The part of ProseMirror's view that reads the page's selection and edits into its state. */
type DomObserver = { forceFlush(): void; flush(): void };

function readPageSelection(view: EditorView, event: Event): boolean {
  const observer = (view as unknown as { domObserver?: DomObserver }).domObserver;
  if (!view.composing && !(event as KeyboardEvent).isComposing && observer) {
    observer.forceFlush();
    observer.flush();
  }
  return false;
}

/**
 * The browser moves the caret itself for Ctrl+End, Home, the arrows…, and ProseMirror
 * learns of it from the `selectionchange` event, which a busy computer delivers tens of
 * milliseconds late. A key ProseMirror handles before then (Enter, Backspace, a shortcut,
 * a toolbar button right after) acted at the old caret, and the text typed next landed
 * there: at the start of the synthesis, merged into its first heading (issue 17). So the
 * page's selection is read into the editor before each key and after each key's move.
 */
export const CaretFollowsPage = Extension.create({
  name: "caretFollowsPage",
  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey("caretFollowsPage"),
        props: { handleDOMEvents: { keydown: readPageSelection, keyup: readPageSelection } },
      }),
    ];
  },
});
