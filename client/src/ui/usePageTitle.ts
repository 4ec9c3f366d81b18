// Sets the browser tab's title, which is also what screen readers announce on navigation.
import { useEffect } from "react";

export function usePageTitle(title: string | undefined) {
  useEffect(() => {
    document.title = title ? `${title} · Navette` : "Navette";
  }, [title]);
}
