// Shows a failed request in the reader's language (errors:<code>).
import { useTranslation } from "react-i18next";
import { errorCodeOf } from "../api.js";

export function ErrorNotice({ error }: { error: unknown }) {
  const { t } = useTranslation("errors");
  if (error === null || error === undefined) return null;
  return (
    <p className="notice notice-error" role="alert">
      {t(`errors:${errorCodeOf(error)}`)}
    </p>
  );
}
