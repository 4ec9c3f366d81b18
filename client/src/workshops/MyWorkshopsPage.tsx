// Home: the workshops I belong to, and a form to start a new one.
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { currentLanguage } from "../i18n.js";
import { ErrorNotice } from "../ui/ErrorNotice.js";
import { Loading } from "../ui/Loading.js";
import { usePageTitle } from "../ui/usePageTitle.js";
import { useResource } from "../ui/useResource.js";
import { LanguageList } from "./LanguageList.js";
import { WorkshopForm, type WorkshopFields } from "./WorkshopForm.js";
import { workshopsApi } from "./workshopsApi.js";

export function MyWorkshopsPage() {
  const { t } = useTranslation(["workshops", "common"]);
  usePageTitle(t("workshops:list.title"));
  const navigate = useNavigate();
  const workshops = useResource(() => workshopsApi.list(), []);

  async function create(fields: WorkshopFields) {
    const workshop = await workshopsApi.create(fields);
    navigate(`/workshops/${workshop.id}`);
  }

  return (
    <>
      <section aria-labelledby="my-workshops-title">
        <h1 id="my-workshops-title">{t("workshops:list.title")}</h1>
        {workshops.loading && !workshops.data && <Loading />}
        <ErrorNotice error={workshops.error} />
        {workshops.data?.length === 0 && <p className="muted">{t("workshops:list.empty")}</p>}
        {workshops.data && workshops.data.length > 0 && (
          <ul className="workshop-cards">
            {workshops.data.map((workshop) => (
              <li key={workshop.id} className="card workshop-card">
                <h2 className="card-title">
                  <Link to={`/workshops/${workshop.id}`}>{workshop.title}</Link>
                </h2>
                {workshop.theme && <p className="theme">{workshop.theme}</p>}
                <LanguageList languages={workshop.languages} label={t("workshops:languages")} />
                <p className="card-meta">
                  <span className="badge">{t(`common:roles.${workshop.myRole}`)}</span>
                  <span>{t("workshops:list.memberCount", { count: workshop.memberCount })}</span>
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="create-workshop-title" className="card create-workshop">
        <h2 id="create-workshop-title">{t("workshops:create.title")}</h2>
        <p className="muted">{t("workshops:create.intro")}</p>
        <WorkshopForm defaultLanguage={currentLanguage()} submitLabel={t("workshops:create.submit")} onSubmit={create} />
      </section>
    </>
  );
}
