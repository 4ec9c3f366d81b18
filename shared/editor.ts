// The document schema of rich text, shared by the client's editor and the server
// (demo content, rendering, export), so both read the same ProseMirror tree.
import StarterKit from "@tiptap/starter-kit";

/** History is off: with Yjs collaboration, undo is handled per user by the Collaboration extension. */
export const richTextExtensions = [StarterKit.configure({ undoRedo: false })];
