// A real OpenID provider on loopback for the single sign-on tests: `oidc-provider` (certified) with
// one static client, accounts whose claims (email, groups ...) the test chooses, and a minimal login
// form. A sign-in that carries a known `login_hint` is completed without the form (API-level tests);
// the browser test types the username. Settings come from the environment:
//   OP_PORT, OP_CLIENT_ID, OP_CLIENT_SECRET, OP_REDIRECT_URI,
//   OP_ACCOUNTS  JSON {sub: claims}, OP_TAMPER_SUBS  JSON [sub] whose ID tokens get a forged payload.
import { createServer } from 'node:http';
import { URLSearchParams } from 'node:url';
import Provider from 'oidc-provider';

const port = Number(process.env.OP_PORT);
const issuer = `http://127.0.0.1:${port}`;
const accounts = JSON.parse(process.env.OP_ACCOUNTS ?? '{}');
const tamper = new Set(JSON.parse(process.env.OP_TAMPER_SUBS ?? '[]'));

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: process.env.OP_CLIENT_ID,
      client_secret: process.env.OP_CLIENT_SECRET,
      redirect_uris: [process.env.OP_REDIRECT_URI],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_post',
    },
  ],
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'given_name', 'family_name', 'preferred_username', 'groups'],
  },
  // Like Entra ID: the claims are in the ID token itself.
  conformIdTokenClaims: false,
  cookies: { keys: ['kaizen-ledger-test-provider-cookie-key'] },
  features: { devInteractions: { enabled: false } },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(_ctx, sub) {
    const claims = accounts[sub];
    if (!claims) return undefined;
    return { accountId: sub, claims: async () => ({ ...claims, sub }) };
  },
  // The test client is first-party: grant what it asks for, no consent screen.
  async loadExistingGrant(ctx) {
    const clientId = ctx.oidc.client.clientId;
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({ clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid email profile');
    await grant.save();
    ctx.oidc.session.grantIdFor(clientId, grant.jti);
    return grant;
  },
});

// Forges the payload of chosen accounts' ID tokens (claims `groups: ['admins']`), keeping the
// original signature: a client that checks signatures must refuse it.
provider.use(async (ctx, next) => {
  await next();
  if (ctx.path !== '/token' || !ctx.body || typeof ctx.body.id_token !== 'string') return;
  const [header, payload, signature] = ctx.body.id_token.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
  if (!tamper.has(claims.sub)) return;
  const forged = Buffer.from(JSON.stringify({ ...claims, groups: ['admins'] })).toString('base64url');
  ctx.body = { ...ctx.body, id_token: `${header}.${forged}.${signature}` };
});

const escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const loginForm = (uid, error) => `<!doctype html><html lang="en"><head><title>Test provider sign-in</title></head>
<body><h1>Test identity provider</h1>${error ? `<p role="alert">${escape(error)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}">
<label for="login">Username</label> <input id="login" name="login" autocomplete="off">
<button type="submit">Continue</button></form></body></html>`;

async function readForm(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
}

const callback = provider.callback();
const server = createServer(async (req, res) => {
  const match = /^\/interaction\/([\w-]+)$/.exec(req.url.split('?')[0]);
  if (!match) return callback(req, res);
  try {
    const details = await provider.interactionDetails(req, res);
    if (req.method === 'GET') {
      const hint = details.params.login_hint;
      if (hint && accounts[hint]) {
        return await provider.interactionFinished(req, res, { login: { accountId: hint } });
      }
      res.writeHead(200, { 'content-type': 'text/html' }).end(loginForm(details.uid));
      return;
    }
    const login = (await readForm(req)).get('login') ?? '';
    if (!accounts[login]) {
      res.writeHead(200, { 'content-type': 'text/html' }).end(loginForm(details.uid, `No account ${login}`));
      return;
    }
    await provider.interactionFinished(req, res, { login: { accountId: login } }, { mergeWithLastSubmission: false });
  } catch (error) {
    res.writeHead(400, { 'content-type': 'text/plain' }).end(`interaction failed: ${error.message}`);
  }
});

server.listen(port, '127.0.0.1', () => console.log(`test OpenID provider listening on ${issuer}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
