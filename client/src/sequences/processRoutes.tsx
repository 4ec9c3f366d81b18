// The pages of a workshop's process, loaded with the editor only when one is opened.
import { lazy } from "react";

const page = <K extends string>(load: () => Promise<Record<K, React.ComponentType>>, name: K) =>
  lazy(() => load().then((module) => ({ default: module[name] })));

export const ProcessLayout = page(() => import("./ProcessLayout.js"), "ProcessLayout");
export const FichesPage = page(() => import("../fiches/FichesPage.js"), "FichesPage");
export const FichePage = page(() => import("../fiches/FichePage.js"), "FichePage");
export const FicheEditPage = page(() => import("../fiches/FicheEditPage.js"), "FicheEditPage");
export const ThreadsPage = page(() => import("../debate/ThreadsPage.js"), "ThreadsPage");
export const ThreadPage = page(() => import("../debate/ThreadPage.js"), "ThreadPage");
export const ProposalsPage = page(() => import("../proposals/ProposalsPage.js"), "ProposalsPage");
export const ProposalPage = page(() => import("../proposals/ProposalPage.js"), "ProposalPage");
export const SearchPage = page(() => import("../reading/SearchPage.js"), "SearchPage");
export const NewSincePage = page(() => import("../reading/NewSincePage.js"), "NewSincePage");
export const TranslatePage = page(() => import("../translation/TranslatePage.js"), "TranslatePage");
export const SynthesisPage = page(() => import("../synthesis/SynthesisPage.js"), "SynthesisPage");
export const CitationRedirect = page(() => import("../synthesis/CitationRedirect.js"), "CitationRedirect");
export const SynthesisTranslatePage = page(() => import("../translation/SynthesisTranslatePage.js"), "SynthesisTranslatePage");
export const LiveSessionPage = page(() => import("../live-session/LiveSessionPage.js"), "LiveSessionPage");
export const ProjectorPage = page(() => import("../live-session/ProjectorPage.js"), "ProjectorPage");
export const MinutesPage = page(() => import("../live-session/MinutesPage.js"), "MinutesPage");
