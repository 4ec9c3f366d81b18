// Moving the focus into or out of a Tiptap editor at once. Tiptap's own `focus()` and
// `blur()` wait for the next animation frame: keys pressed meanwhile went to the toolbar
// button that was clicked (or stayed in the text after Esc), and on a busy computer that
// frame comes after several keys. Lost keystrokes, in a writing tool.
import type { ChainedCommands, Editor } from "@tiptap/core";

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
