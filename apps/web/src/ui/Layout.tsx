// The page frame: skip link, NHS-blue header with the signed-in person, navigation for their role only.
import { NavLink, Outlet } from 'react-router';
import { useApp } from '../auth/context';
import { NAV_ITEMS, ROLE_LABELS } from '../auth/roles';
import { forgetDrafts } from '../auth/drafts';
import { endSession } from '../auth/session';
import { send } from '../api/query';

/** Ends the session at the API (which clears the cookie), here and in the other tabs. */
async function signOut(): Promise<void> {
  try {
    await send('post', '/api/auth/logout');
  } catch {
    // signed out here whatever the API answered (it may already have ended the session)
  }
  forgetDrafts();
  endSession('You have signed out.', { broadcast: true, saveDrafts: false });
}

export function Layout() {
  const { actor, trustCode } = useApp();
  const items = NAV_ITEMS.filter((item) => item.roles.includes(actor.role));
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="header" role="banner">
        <div className="header__inner container">
          <NavLink to="/" className="header__brand" aria-label="Kaizen Ledger home">
            <span className="header__logo" aria-hidden="true">
              KL
            </span>
            <span className="header__service">Kaizen Ledger</span>
          </NavLink>
          <div className="header__account">
            <span className="header__user" data-testid="signed-in-as">
              {actor.name}
              <span className="header__role">
                {ROLE_LABELS[actor.role]}
                {actor.trustId ? `, ${trustCode(actor.trustId)}` : ''}
              </span>
            </span>
            <button type="button" className="header__signout" onClick={() => void signOut()}>
              Sign out
            </button>
          </div>
        </div>
        <nav className="nav" aria-label="Main">
          <ul className="nav__list container" data-testid="main-nav">
            {items.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} className={({ isActive }) => `nav__link${isActive ? ' nav__link--active' : ''}`}>
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" className="main container" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="footer">
        <div className="container">
          Kaizen Ledger: the Lean (VMPS) improvement platform of the NHS–Virginia Mason partnership.{' '}
          <a href="/api/docs">API documentation</a>
        </div>
      </footer>
    </>
  );
}
