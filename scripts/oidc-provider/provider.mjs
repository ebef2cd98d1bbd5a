// An OpenID provider configured like Ansattporten, for the test suite only (never production).
//
// oidc-provider (OpenID certified) does the protocol; this file only says what Ansattporten
// does differently from its defaults:
//   - authorization code flow with PKCE (S256) required, `iss` in the authorization response;
//   - clients authenticate with private_key_jwt only;
//   - acr values idporten-loa-substantial and idporten-loa-high;
//   - rich authorization requests of type ansattporten:altinn:resource and ansattporten:orgno,
//     answered in the token response with `authorized_parties[].orgno.ID` = "0192:<orgnr>";
//   - `pid` (the national identity number) in the id_token;
//   - end session (RP-initiated logout) that needs no extra click.
//
// What a real login decides (who the person is, which organisation they act for, at which
// level they logged in) is chosen on the login form, so a test can ask for the wrong
// organisation or a lower level. POST /test/clock moves the provider's clock forward (an expired
// authorization code without waiting) and POST /test/clock with seconds=0 puts it back;
// POST /test/expire-next-code moves it forward right after the next code is issued, for a
// browser that redeems its code at once.
//
// Configuration from the environment:
//   OIDC_PORT          the port to listen on (127.0.0.1)
//   OIDC_CLIENT_ID     the one client's id
//   OIDC_CLIENT_JWKS   the client's public keys (JSON Web Key Set) for private_key_jwt
//   OIDC_CALLBACK_PATH the path of the client's callback; accepted on any host, as the test
//                      server's address is chosen when the tests start
//   OIDC_LOGOUT_PATH   the path the client may be sent back to after logout, on any host
// It prints "ready <issuer>" on stdout once it listens.

import { createServer } from 'node:http';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import Provider, { errors } from 'oidc-provider';

const port = Number(process.env.OIDC_PORT);
const issuer = `http://127.0.0.1:${port}`;
const clientId = process.env.OIDC_CLIENT_ID;
const clientJwks = JSON.parse(process.env.OIDC_CLIENT_JWKS);
const callbackPath = process.env.OIDC_CALLBACK_PATH;
const logoutPath = process.env.OIDC_LOGOUT_PATH;
const RESOURCE_TYPE = 'ansattporten:altinn:resource';
const ORGNO_TYPE = 'ansattporten:orgno';
const ACR_VALUES = ['idporten-loa-substantial', 'idporten-loa-high'];
const API = 'https://bosetting.test/api';

// The provider's clock, which a test may move forward.
let clockOffsetMs = 0;
const realNow = Date.now;
Date.now = () => realNow() + clockOffsetMs;

// A new signing key at every start: a restart is a key rotation the client must follow.
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), alg: 'RS256', use: 'sig' };

// What the login form said about each person, for the claims.
const people = new Map();

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: clientId,
      client_name: 'Bosetting',
      token_endpoint_auth_method: 'private_key_jwt',
      token_endpoint_auth_signing_alg: 'RS256',
      jwks: clientJwks,
      redirect_uris: [`http://testserver${callbackPath}`],
      post_logout_redirect_uris: [`http://testserver${logoutPath}`],
      response_types: ['code'],
      grant_types: ['authorization_code'],
      authorization_details_types: [RESOURCE_TYPE, ORGNO_TYPE],
    },
  ],
  jwks: { keys: [signingKey] },
  acrValues: ACR_VALUES,
  claims: { openid: ['sub', 'pid'], profile: ['name'] },
  clientAuthMethods: ['private_key_jwt'],
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  ttl: { AuthorizationCode: 60, AccessToken: 120, IdToken: 120, Session: 3600, Interaction: 600, Grant: 3600 },
  cookies: { keys: [randomUUID()] },
  findAccount: (ctx, id) => ({
    accountId: id,
    claims: () => ({ sub: id, pid: people.get(id)?.pid ?? id, name: people.get(id)?.name ?? '' }),
  }),
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  features: {
    devInteractions: { enabled: false },
    // Rich authorization requests need an audience for the access token: Ansattporten's is the
    // client's own API, which Bosetting does not call (it reads the token response only).
    resourceIndicators: {
      enabled: true,
      defaultResource: () => API,
      useGrantedResource: () => true,
      getResourceServerInfo: () => ({ scope: 'bosetting', audience: API, accessTokenFormat: 'opaque' }),
    },
    rpInitiatedLogout: {
      enabled: true,
      // Ansattporten ends the session without asking: the form submits itself.
      // logout=yes ends the person's whole session at the provider, not only this client's.
      logoutSource: (ctx, form) => {
        const confirmed = form.replace('</form>', '<input type="hidden" name="logout" value="yes"></form>');
        ctx.body = page('Logg ut', `${confirmed}<p>Du logges ut av Ansattporten.</p>
          <button type="submit" form="op.logoutForm">Logg ut</button>
          <script>document.getElementById('op.logoutForm').submit()</script>`);
      },
      postLogoutSuccessSource: (ctx) => {
        ctx.body = page('Logget ut', '<p>Du er logget ut av Ansattporten.</p>');
      },
    },
    richAuthorizationRequests: {
      enabled: true,
      types: {
        [RESOURCE_TYPE]: {
          validate(ctx, detail) {
            if (typeof detail.resource !== 'string' || !detail.resource) {
              throw new errors.InvalidAuthorizationDetails('resource is required');
            }
          },
        },
        [ORGNO_TYPE]: { validate() {} },
      },
      authorizationDetailsForGrantSource: (ctx) => ctx.oidc.grant.rar,
      authorizationDetailsForAccessToken: (ctx, token, source) => source.rar,
      authorizationDetailsForIntrospection: (ctx, token) => token.rar,
    },
  },
});

// The callback on whichever host the test server has.
provider.Client.prototype.redirectUriAllowed = function redirectUriAllowed(value) {
  return URL.canParse(value) && new URL(value).pathname === callbackPath;
};
provider.Client.prototype.postLogoutRedirectUriAllowed = function allowed(value) {
  return URL.canParse(value) && new URL(value).pathname === logoutPath;
};

function page(title, body) {
  return `<!DOCTYPE html><html lang="nb"><head><meta charset="utf-8"><title>${title}</title></head>
    <body><main><h1>${title}</h1>${body}</main></body></html>`;
}

function escape(value) {
  return String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

async function readForm(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return new URLSearchParams(Buffer.concat(chunks).toString());
}

function loginForm(uid, params) {
  const options = ACR_VALUES.map((acr) => `<option value="${acr}"${acr.endsWith('high') ? ' selected' : ''}>${acr}</option>`).join('');
  return page('Ansattporten (test)', `
    <p>Innlogging for ${escape(params.client_id)}.</p>
    <form method="post" action="/interaction/${uid}">
      <p><label for="pid">Fødselsnummer</label> <input id="pid" name="pid" required></p>
      <p><label for="name">Navn</label> <input id="name" name="name"></p>
      <p><label for="orgno">Organisasjonsnummer du representerer</label> <input id="orgno" name="orgno" required></p>
      <p><label for="orgname">Organisasjonens navn</label> <input id="orgname" name="orgname"></p>
      <p><label for="acr">Sikkerhetsnivå</label> <select id="acr" name="acr">${options}</select></p>
      <p><button type="submit">Logg inn</button></p>
    </form>`);
}

async function interaction(req, res, uid) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) throw new errors.InvalidRequest('interaction mismatch');
  if (req.method === 'GET') {
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.end(loginForm(uid, details.params));
    return;
  }
  const form = await readForm(req);
  const pid = form.get('pid');
  const orgno = form.get('orgno');
  const acr = form.get('acr');
  if (!ACR_VALUES.includes(acr)) throw new errors.InvalidRequest('unknown acr');
  people.set(pid, { pid, name: form.get('name') ?? '' });

  const { params } = details;
  const grant = new provider.Grant({ accountId: pid, clientId: params.client_id });
  grant.addOIDCScope(params.scope);
  grant.addOIDCClaims(['pid', 'name']);
  grant.addResourceScope(API, 'bosetting');
  // The organisation the person chose to act for, as Ansattporten adds it to each detail.
  const party = { orgno: { authority: 'iso6523-actorid-upis', ID: `0192:${orgno}` }, name: form.get('orgname') ?? '' };
  const requested = params.authorization_details ? JSON.parse(params.authorization_details) : [];
  for (const detail of requested) {
    grant.addRar({ ...detail, authorized_parties: [{ ...party, resource: detail.resource }] });
  }
  const grantId = await grant.save();
  await provider.interactionFinished(
    req,
    res,
    { login: { accountId: pid, acr, amr: ['pwd', 'otp'] }, consent: { grantId } },
    { mergeWithLastSubmission: false },
  );
}

let expireNextCode = false;
provider.on('authorization_code.saved', (code) => {
  if (expireNextCode) {
    expireNextCode = false;
    clockOffsetMs += (code.expiresIn + 60) * 1000;
  }
});

async function clock(req, res) {
  const form = await readForm(req);
  clockOffsetMs = Number(form.get('seconds') ?? 0) * 1000;
  res.setHeader('Content-Type', 'application/json');
  res.end(JSON.stringify({ offset_seconds: clockOffsetMs / 1000 }));
}

const handle = provider.callback();
const server = createServer(async (req, res) => {
  const path = new URL(req.url, issuer).pathname;
  const match = path.match(/^\/interaction\/([\w-]+)$/);
  try {
    if (match) {
      await interaction(req, res, match[1]);
    } else if (path === '/test/clock' && req.method === 'POST') {
      await clock(req, res);
    } else if (path === '/test/expire-next-code' && req.method === 'POST') {
      expireNextCode = true;
      res.end('ok');
    } else {
      handle(req, res);
    }
  } catch (error) {
    res.statusCode = error.statusCode ?? 500;
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.end(`${error.name}: ${error.error_description ?? error.message}`);
  }
});

server.listen(port, '127.0.0.1', () => {
  process.stdout.write(`ready ${issuer}\n`);
});

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
