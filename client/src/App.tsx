// The routes of the app.
import { lazy, Suspense } from "react";
import { BrowserRouter, Route, Routes } from "react-router";
import { LoginPage } from "./auth/LoginPage.js";
import { RegisterPage } from "./auth/RegisterPage.js";
import { RequireAuth } from "./auth/RequireAuth.js";
import { SessionProvider } from "./auth/session.js";
import { Layout } from "./Layout.js";
import { NotFoundPage } from "./NotFoundPage.js";
import { InvitationsPage } from "./workshops/InvitationsPage.js";
import { InvitePage } from "./workshops/InvitePage.js";
import { MyWorkshopsPage } from "./workshops/MyWorkshopsPage.js";
import { Loading } from "./ui/Loading.js";
import * as process from "./sequences/processRoutes.js";

// The workshop page carries the editor and Yjs, most of the code: load it only when opened.
const WorkshopPage = lazy(() => import("./workshops/WorkshopPage.js").then((module) => ({ default: module.WorkshopPage })));

export function App() {
  return (
    <SessionProvider>
      <BrowserRouter>
        <Routes>
          {/* The room's screen: no account, no page frame. */}
          <Route
            path="/projector/:token"
            element={
              <Suspense fallback={<Loading />}>
                <process.ProjectorPage />
              </Suspense>
            }
          />
          <Route element={<Layout />}>
            <Route path="/login" element={<LoginPage />} />
            <Route path="/register" element={<RegisterPage />} />
            <Route path="/invite/:token" element={<InvitePage />} />
            <Route
              path="/"
              element={
                <RequireAuth>
                  <MyWorkshopsPage />
                </RequireAuth>
              }
            />
            <Route
              path="/workshops/:id"
              element={
                <RequireAuth>
                  <Suspense fallback={<Loading />}>
                    <WorkshopPage />
                  </Suspense>
                </RequireAuth>
              }
            />
            <Route
              element={
                <RequireAuth>
                  <Suspense fallback={<Loading />}>
                    <process.ProcessLayout />
                  </Suspense>
                </RequireAuth>
              }
            >
              {(
                [
                  ["illustrate", process.FichesPage],
                  ["illustrate/fiches/:ficheId", process.FichePage],
                  ["illustrate/fiches/:ficheId/edit", process.FicheEditPage],
                  ["debate", process.ThreadsPage],
                  ["debate/threads/:threadId", process.ThreadPage],
                  ["propose", process.ProposalsPage],
                  ["propose/:proposalId", process.ProposalPage],
                  ["search", process.SearchPage],
                  ["new", process.NewSincePage],
                  ["translate", process.TranslatePage],
                  ["translate/synthesis/:documentId", process.SynthesisTranslatePage],
                  ["synthesis", process.SynthesisPage],
                  ["synthesis/:documentId", process.SynthesisPage],
                  ["cite/:kind/:targetId", process.CitationRedirect],
                  ["live", process.LiveSessionPage],
                  ["live/minutes/:sessionId", process.MinutesPage],
                ] as const
              ).map(([path, Page]) => (
                <Route
                  key={path}
                  path={`/workshops/:id/${path}`}
                  element={
                    <Suspense fallback={<Loading />}>
                      <Page />
                    </Suspense>
                  }
                />
              ))}
            </Route>
            <Route
              path="/workshops/:id/invitations"
              element={
                <RequireAuth>
                  <InvitationsPage />
                </RequireAuth>
              }
            />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </BrowserRouter>
    </SessionProvider>
  );
}
