/**
 * Where the add-in is served: the one setting that decides the manifest's URLs and, in production, the API's
 * base URL. Development uses the dev server's origin; a production build takes SAMLA_ADDIN_URL, and
 * SAMLA_API_URL when the functions are on another origin (Azure: the function app), plus the Entra ID sign-in
 * settings SAMLA_AUTH_CLIENT_ID, SAMLA_AUTH_SCOPE and SAMLA_AUTH_TENANT_ID (infra/entra-app-registration.md).
 */
const fs = require('fs');
const path = require('path');

const DEV_ORIGIN = 'https://localhost:3000';
const DEV_API_URL = 'http://127.0.0.1:7071';
const MANIFEST_SOURCE = path.join(__dirname, '..', 'manifest.xml');

/** The origin the add-in is served from in production, checked: https and no path, query or trailing slash. */
function productionOrigin(env = process.env) {
  const setting = env.SAMLA_ADDIN_URL;
  if (!setting) throw new Error('SAMLA_ADDIN_URL must be set for a production build, e.g. https://samla.example.se');
  const url = new URL(setting);
  if (url.protocol !== 'https:') throw new Error(`SAMLA_ADDIN_URL must be an https URL, not ${setting}`);
  return url.origin;
}

/** Where the functions are in production: SAMLA_API_URL (https, its origin) or else the add-in's own origin. */
function productionApiOrigin(env = process.env) {
  const setting = env.SAMLA_API_URL;
  if (!setting) return productionOrigin(env);
  const url = new URL(setting);
  if (url.protocol !== 'https:') throw new Error(`SAMLA_API_URL must be an https URL in a production build, not ${setting}`);
  return url.origin;
}

/** The API's base URL as the pane calls it: relative in development (the dev server proxies it). */
function apiBaseFor(mode, env = process.env) {
  return mode === 'production' ? `${productionApiOrigin(env)}/api` : '/api';
}

/** The values webpack writes into the pane (see addin/src/taskpane/api/build-settings.ts). */
function buildDefinitions(mode, env = process.env) {
  const production = mode === 'production';
  return {
    SAMLA_API_BASE: JSON.stringify(apiBaseFor(mode, env)),
    SAMLA_DEV: JSON.stringify(!production),
    // Development signs in with the dev issuer; only a production build carries the Entra ID app registration.
    SAMLA_AUTH_CLIENT_ID: JSON.stringify(production ? (env.SAMLA_AUTH_CLIENT_ID ?? '') : ''),
    SAMLA_AUTH_SCOPE: JSON.stringify(production ? (env.SAMLA_AUTH_SCOPE ?? '') : ''),
    SAMLA_AUTH_TENANT_ID: JSON.stringify(production ? (env.SAMLA_AUTH_TENANT_ID ?? '') : ''),
  };
}

/** The manifest with every dev-server URL replaced by the given origin. */
function manifestFor(origin, source = fs.readFileSync(MANIFEST_SOURCE, 'utf8')) {
  return source.split(DEV_ORIGIN).join(origin);
}

module.exports = { DEV_ORIGIN, DEV_API_URL, MANIFEST_SOURCE, productionOrigin, productionApiOrigin, buildDefinitions, manifestFor };
