import { Hono, type Context } from 'hono';
import type { DomainError } from '../errors.ts';
import type { Gateway } from '../gateway-types.ts';
import { statusOf } from '../http/errors.ts';
import { clientAddress, rateLimit } from '../http/rate-limit.ts';
import { assetRoutes } from './assets.ts';
import { complaintConsole } from './complaints-console.tsx';
import { crawlConsole } from './crawls-console.tsx';
import { dashboardPage } from './dashboard.tsx';
import { Field, Layout, Notice, pageContext, render } from './layout.tsx';
import {
  checkFormToken,
  equalSecrets,
  localPath,
  pageHeaders,
  readForm,
  sameOriginRequest,
  signFormToken,
} from './security.ts';
import {
  attemptLogin,
  type ConsoleSession,
  currentSession,
  endSession,
  LOCK_MINUTES,
  LOGIN_ATTEMPTS_PER_ADDRESS_PER_MINUTE,
  LOGIN_ATTEMPTS_PER_MINUTE,
  startSession,
} from './sessions.ts';
import { consoleStore } from './store.ts';
import { notFoundPage } from './public-pages.tsx';
import { riskConsole } from './risk-console.tsx';
import { eventsConsole } from './events-console.tsx';
import { decisionsConsole } from './decisions-console.tsx';
import { leadsConsole } from './leads-console.tsx';
import { assistanceConsole } from './assistance-console.tsx';
import { subjectConsole } from './subjects-console.tsx';
import type { ConsoleEnv, ConsoleGateway } from './types.ts';

/**
 * The regulators' console (/console): a session cookie after a password login, a CSRF token in every
 * form checked with Origin / Sec-Fetch-Site on every POST, the pages' content security policy. Pages
 * call the same domain verbs and views as the API, as the signed-in regulator.
 */
export function consoleRoutes(gw: Gateway) {
  const cgw: ConsoleGateway = Object.assign(Object.create(gw) as Gateway, {
    consoleStore: consoleStore(gw.db),
  });
  const app = new Hono<ConsoleEnv>();
  app.route('/', assetRoutes());
  app.use('/console', pageHeaders());
  app.use('/console/*', pageHeaders());

  const loginPage = (c: Context, problem?: string, status = 200, name = '') => {
    const p = pageContext(c);
    return render(
      c,
      <Layout p={p} title={p.t('login')}>
        {problem ? <Notice kind="error" text={problem} /> : null}
        <form method="post" action="/console/login" class="stack">
          <input type="hidden" name="_form" value={signFormToken(gw.keys, 'login')} />
          <input type="hidden" name="next" value={localPath(c.req.query('next'), '/console')} />
          <Field label={p.t('regulatorName')} name="name" required>
            <input id="f-name" name="name" value={name} required maxlength={64} autocomplete="username" />
          </Field>
          <Field label={p.t('password')} name="password" required>
            <input
              id="f-password"
              name="password"
              type="password"
              required
              maxlength={256}
              autocomplete="current-password"
            />
          </Field>
          <div>
            <button type="submit">{p.t('login')}</button>
          </div>
        </form>
      </Layout>,
      status,
    );
  };

  // Login attempts are limited before the form is read or anything written (sessions.ts says why).
  const refuseLogin = async (c: Context, err: DomainError) => {
    const res = await loginPage(c, pageContext(c).t('rateLimited'), statusOf(err));
    res.headers.set('retry-after', String(err.extra.retry_after_seconds));
    return res;
  };
  const perAddress = rateLimit({
    name: 'login attempts from one address',
    windowMs: 60_000,
    limit: LOGIN_ATTEMPTS_PER_ADDRESS_PER_MINUTE,
  }).answering(refuseLogin);
  const everyone = rateLimit({
    name: 'login attempts',
    windowMs: 60_000,
    limit: LOGIN_ATTEMPTS_PER_MINUTE,
    key: () => 'everyone',
  }).answering(refuseLogin);

  app.get('/console/login', (c) => loginPage(c));
  app.post('/console/login', perAddress, everyone, async (c) => {
    const p = pageContext(c);
    const form = await readForm(c);
    if (!form.ok) return loginPage(c, p.t(form.why), form.status);
    const f = form.fields;
    if (!sameOriginRequest(c, gw.config.publicUrl) || !checkFormToken(gw.keys, f._form, 'login'))
      return loginPage(c, p.t('csrfFailed'), 403);
    const result = attemptLogin(cgw, {
      name: f.name ?? '',
      password: f.password ?? '',
      address: clientAddress(c),
    });
    if (!result.ok) {
      const page = await loginPage(
        c,
        p.t(result.why),
        result.why === 'lockedOut' ? 429 : 401,
        (f.name ?? '').slice(0, 64),
      );
      // A lock ends at the latest when the lock-out's time has passed since the last failure.
      if (result.why === 'lockedOut') page.headers.set('retry-after', String(LOCK_MINUTES * 60));
      return page;
    }
    startSession(cgw, c, result.regulatorId);
    return c.redirect(localPath(f.next, '/console'), 303);
  });

  // Everything else needs a session; a POST also the session's CSRF token and a same-origin request.
  const guard = async (c: Context<ConsoleEnv>, next: () => Promise<void>) => {
    if (c.req.path === '/console/login' || c.req.path.startsWith('/console/login/')) return next();
    const session = currentSession(cgw, c);
    const p = pageContext(c, session ? { name: session.regulator.name, csrf: session.csrf } : undefined);
    if (!session) {
      if (c.req.method === 'GET' || c.req.method === 'HEAD')
        return c.redirect(`/console/login?next=${encodeURIComponent(p.here)}`, 303);
      return loginPage(c, p.t('sessionEnded'), 401);
    }
    c.set('session', session);
    c.set('page', p);
    if (c.req.method === 'POST') {
      const form = await readForm(c);
      if (!form.ok)
        return render(
          c,
          <Layout p={p} title={String(form.status)}>
            <Notice kind="error" text={p.t(form.why)} />
          </Layout>,
          form.status,
        );
      if (!sameOriginRequest(c, gw.config.publicUrl) || !equalSecrets(form.fields._csrf ?? '', session.csrf))
        return render(
          c,
          <Layout p={p} title="403">
            <Notice kind="error" text={p.t('csrfFailed')} />
          </Layout>,
          403,
        );
      c.set('form', form.fields);
    }
    await next();
  };
  app.use('/console', guard);
  app.use('/console/*', guard);

  app.post('/console/logout', (c) => {
    endSession(cgw, c, c.get('session'));
    return c.redirect('/console/login', 303);
  });

  app.get('/console', (c) => dashboardPage(cgw, c));
  app.route('/', complaintConsole(cgw));
  app.route('/', subjectConsole(cgw));
  app.route('/', crawlConsole(cgw));
  app.route('/', riskConsole(cgw));
  app.route('/', eventsConsole(cgw));
  app.route('/', decisionsConsole(cgw));
  app.route('/', leadsConsole(cgw));
  app.route('/', assistanceConsole(cgw));
  app.all('/console/*', (c) => notFoundPage(c, c.get('page')));
  return app;
}

/** The audit actor of the signed-in regulator, as the API writes it. */
export const actorOfSession = (s: ConsoleSession) => `regulator:${s.regulator.id}`;
