// A group of form fields that can be locked without losing what was typed: a disabled
// <fieldset> locks the native inputs and buttons inside, and rich-text fields read the lock
// from here, since a contenteditable editor does not follow its fieldset.
import { createContext, useContext, type ReactNode } from "react";

const Locked = createContext(false);

/** True inside a locked LockedFields. */
export const useFieldsLocked = () => useContext(Locked);

export function LockedFields({ locked, children }: { locked: boolean; children: ReactNode }) {
  return (
    <fieldset className="locked-fields" disabled={locked} data-locked={locked || undefined}>
      <Locked.Provider value={locked}>{children}</Locked.Provider>
    </fieldset>
  );
}
