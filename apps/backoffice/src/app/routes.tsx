import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { AttendancePage } from '../modules/attendance/components/attendance-page';
import { MySessionsPage } from '../modules/attendance/components/my-sessions-page';
import { LinkLandingPage } from '../modules/auth/components/link-landing-page';
import {
  RequireAccount,
  RequireCoordinator,
  RequireFunder,
} from '../modules/auth/components/require-account';
import { SignInPage } from '../modules/auth/components/sign-in-page';
import { isCoordinator, isFunder, useAccount } from '../modules/auth/hooks/account-context';
import { PageTitle } from '../modules/common/components/page-title';
import { EmptyState, LoadingState } from '../modules/common/components/states';
import { SeriesPage } from '../modules/series/components/series-page';
import { SessionPage } from '../modules/sessions/components/session-page';
import { SessionsPage } from '../modules/sessions/components/sessions-page';
import { AppLayout } from '../modules/shell/components/app-layout';

// Heavier screens (charts, editors) load when first opened.
const DashboardPage = lazy(() =>
  import('../modules/dashboard/components/dashboard-page').then((m) => ({ default: m.DashboardPage })),
);
const ReportsPage = lazy(() =>
  import('../modules/reports/components/reports-page').then((m) => ({ default: m.ReportsPage })),
);
const CataloguePage = lazy(() =>
  import('../modules/catalogue/components/catalogue-page').then((m) => ({ default: m.CataloguePage })),
);
const TemplatesPage = lazy(() =>
  import('../modules/templates/components/templates-page').then((m) => ({ default: m.TemplatesPage })),
);
const TemplateEditorPage = lazy(() =>
  import('../modules/templates/components/template-editor-page').then((m) => ({
    default: m.TemplateEditorPage,
  })),
);
const SettingsPage = lazy(() =>
  import('../modules/settings/components/settings-page').then((m) => ({ default: m.SettingsPage })),
);
const TeamPage = lazy(() =>
  import('../modules/team/components/team-page').then((m) => ({ default: m.TeamPage })),
);
const SurveysPage = lazy(() =>
  import('../modules/surveys/components/surveys-page').then((m) => ({ default: m.SurveysPage })),
);
const SurveyResultsPage = lazy(() =>
  import('../modules/surveys/components/survey-results-page').then((m) => ({ default: m.SurveyResultsPage })),
);
const SlotsPage = lazy(() =>
  import('../modules/slots/components/slots-page').then((m) => ({ default: m.SlotsPage })),
);
const RegionPage = lazy(() =>
  import('../modules/region/components/region-page').then((m) => ({ default: m.RegionPage })),
);
const ImportPage = lazy(() =>
  import('../modules/catalogue/components/import-page').then((m) => ({ default: m.ImportPage })),
);

function Home() {
  const account = useAccount();
  const home = isFunder(account) ? '/region' : isCoordinator(account) ? '/tableau-de-bord' : '/mes-seances';
  return <Navigate to={home} replace />;
}

const coordinator = (page: ReactNode) => (
  <RequireCoordinator>
    <Suspense fallback={<LoadingState />}>{page}</Suspense>
  </RequireCoordinator>
);

/** A CPTS's own screens: a funder is taken to the regional view instead. */
function StaffOnly({ children }: { children: ReactNode }) {
  const account = useAccount();
  return isFunder(account) ? <Navigate to="/region" replace /> : <>{children}</>;
}

const staff = (page: ReactNode) => <StaffOnly>{page}</StaffOnly>;

function NotFound() {
  return (
    <>
      <PageTitle title="Page introuvable">Page introuvable</PageTitle>
      <EmptyState title="Cette adresse ne correspond à aucune page">
        Utilisez le menu pour retrouver votre chemin.
      </EmptyState>
    </>
  );
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/connexion" element={<SignInPage />} />
      <Route path="/connexion/lien" element={<LinkLandingPage />} />
      <Route
        element={
          <RequireAccount>
            <AppLayout />
          </RequireAccount>
        }
      >
        <Route index element={<Home />} />
        <Route path="tableau-de-bord" element={coordinator(<DashboardPage />)} />
        <Route path="seances" element={coordinator(<SessionsPage />)} />
        <Route path="seances/nouvelle-serie" element={coordinator(<SeriesPage />)} />
        <Route path="seances/:id" element={coordinator(<SessionPage />)} />
        <Route path="catalogue" element={coordinator(<CataloguePage />)} />
        <Route path="catalogue/import" element={coordinator(<ImportPage />)} />
        <Route path="catalogue/activites/:id/creneaux" element={coordinator(<SlotsPage />)} />
        <Route path="messages" element={coordinator(<TemplatesPage />)} />
        <Route path="messages/:key" element={coordinator(<TemplateEditorPage />)} />
        <Route path="rapports" element={coordinator(<ReportsPage />)} />
        <Route path="enquetes" element={coordinator(<SurveysPage />)} />
        <Route path="enquetes/:surveyId" element={coordinator(<SurveyResultsPage />)} />
        <Route path="equipe" element={coordinator(<TeamPage />)} />
        <Route path="parametres" element={coordinator(<SettingsPage />)} />
        <Route path="mes-seances" element={staff(<MySessionsPage />)} />
        <Route path="mes-seances/:id" element={staff(<AttendancePage />)} />
        <Route
          path="region"
          element={
            <RequireFunder>
              <Suspense fallback={<LoadingState />}>
                <RegionPage />
              </Suspense>
            </RequireFunder>
          }
        />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
