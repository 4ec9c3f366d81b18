// Shows a failed request in the reader's language (errors:<code>).
import { useTranslation } from "react-i18next";
import { errorCodeOf } from "../api.js";

export function ErrorNotice({ error }: { error: unknown }) {
  const { t } = useTranslation("errors");
  if (error === null || error === undefined) return null;
  const code = errorCodeOf(error);
  return (
    <p className="notice notice-error" role="alert" data-code={code}>
      {t(`errors:${code}`)}
    </p>
  );
}
