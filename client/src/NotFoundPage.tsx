// Any address the app does not know.
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { usePageTitle } from "./ui/usePageTitle.js";

export function NotFoundPage() {
  const { t } = useTranslation("common");
  usePageTitle(t("common:notFound.title"));
  return (
    <section>
      <h1>{t("common:notFound.title")}</h1>
      <p>
        <Link to="/">{t("common:notFound.home")}</Link>
      </p>
    </section>
  );
}
