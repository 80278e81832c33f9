// Routes of the app. Signed out, every address shows the sign-in page (so a deep link still works
// after signing in); signed in, each screen is wrapped in the roles that may use it.
import { BrowserRouter, Link, Navigate, Route, Routes } from 'react-router';
import { AppProvider, useSession } from './auth/context';
import { RequireRole } from './auth/RequireRole';
import { BOARD, COMPACT, homePath, READ_RECORDS, WRITE_RECORDS } from './auth/roles';
import { BoardPage } from './pages/board/BoardList';
import { BoardMeetingPage } from './pages/board/BoardMeeting';
import { CompactPage } from './pages/compact/CompactPage';
import { EventDetailPage } from './pages/events/EventDetail';
import { EventsPage } from './pages/events/EventsList';
import { EventNewPage } from './pages/events/EventNew';
import { MapPage } from './pages/maps/MapPage';
import { MeasureDetailPage } from './pages/measures/MeasureDetail';
import { MeasuresPage } from './pages/measures/MeasuresList';
import { ProgrammeDashboardPage } from './pages/ProgrammeDashboard';
import { SignIn } from './pages/SignIn';
import { TrustDashboardPage } from './pages/TrustDashboard';
import { ValueStreamPage } from './pages/value-streams/ValueStreamPage';
import { ValueStreamsPage } from './pages/value-streams/ValueStreamsList';
import { WasteLogPage } from './pages/waste/WasteList';
import { WasteEditPage, WasteNewPage } from './pages/waste/WastePages';
import { Layout } from './ui/Layout';

export function App() {
  const session = useSession();
  if (session === 'checking') {
    return (
      <p className="loading" role="status">
        Loading Kaizen Ledger…
      </p>
    );
  }
  if (!session) return <SignIn />;
  const { user } = session;
  return (
    <AppProvider actor={user} key={user.id}>
      <BrowserRouter>
        <Routes>
          <Route element={<Layout />}>
            <Route index element={<Navigate to={homePath(user.role)} replace />} />
            <Route path="dashboard" element={<TrustDashboardPage />} />
            <Route path="dashboard/:trustId" element={<TrustDashboardPage />} />
            <Route path="programme" element={<ProgrammeDashboardPage />} />
            <Route
              path="waste"
              element={
                <RequireRole roles={READ_RECORDS}>
                  <WasteLogPage />
                </RequireRole>
              }
            />
            <Route
              path="waste/new"
              element={
                <RequireRole roles={WRITE_RECORDS}>
                  <WasteNewPage />
                </RequireRole>
              }
            />
            <Route
              path="waste/:id"
              element={
                <RequireRole roles={READ_RECORDS}>
                  <WasteEditPage />
                </RequireRole>
              }
            />
            <Route
              path="events"
              element={
                <RequireRole roles={READ_RECORDS}>
                  <EventsPage />
                </RequireRole>
              }
            />
            <Route
              path="events/new"
              element={
                <RequireRole roles={WRITE_RECORDS}>
                  <EventNewPage />
                </RequireRole>
              }
            />
            <Route
              path="events/:id"
              element={
                <RequireRole roles={READ_RECORDS}>
                  <EventDetailPage />
                </RequireRole>
              }
            />
            <Route
              path="value-streams"
              element={
                <RequireRole roles={READ_RECORDS}>
                  <ValueStreamsPage />
                </RequireRole>
              }
            />
            <Route
              path="value-streams/:id"
              element={
                <RequireRole roles={READ_RECORDS}>
                  <ValueStreamPage />
                </RequireRole>
              }
            />
            <Route
              path="maps/:id"
              element={
                <RequireRole roles={READ_RECORDS}>
                  <MapPage />
                </RequireRole>
              }
            />
            <Route
              path="measures"
              element={
                <RequireRole roles={READ_RECORDS}>
                  <MeasuresPage />
                </RequireRole>
              }
            />
            <Route
              path="measures/:id"
              element={
                <RequireRole roles={READ_RECORDS}>
                  <MeasureDetailPage />
                </RequireRole>
              }
            />
            <Route
              path="board"
              element={
                <RequireRole roles={BOARD}>
                  <BoardPage />
                </RequireRole>
              }
            />
            <Route
              path="board/:id"
              element={
                <RequireRole roles={BOARD}>
                  <BoardMeetingPage />
                </RequireRole>
              }
            />
            <Route
              path="compact"
              element={
                <RequireRole roles={COMPACT}>
                  <CompactPage />
                </RequireRole>
              }
            />
            <Route path="*" element={<NotFound />} />
          </Route>
        </Routes>
      </BrowserRouter>
    </AppProvider>
  );
}

function NotFound() {
  return (
    <div className="notice notice--error" role="alert">
      <h1 className="notice__title">Page not found</h1>
      <p>
        If you typed the web address, check it is correct. <Link to="/">Go to your start page</Link>.
      </p>
    </div>
  );
}
