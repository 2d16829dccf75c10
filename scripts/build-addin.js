#!/usr/bin/env node
/**
 * The add-in's production build, as part of `npm run build`: when SAMLA_ADDIN_URL says where the add-in will be
 * served, addin/dist/ gets the pane, its manifest.xml and help page with that origin's URLs (webpack --mode
 * production). Without SAMLA_ADDIN_URL there is nothing to build for production (npm start serves the add-in from
 * its dev server), and this says so and succeeds.
 *
 *   SAMLA_ADDIN_URL       https origin the static files are served from (the manifest's URLs)
 *   SAMLA_API_URL         https origin of the functions, when not the add-in's own (Azure: https://<app>.azurewebsites.net)
 *   SAMLA_AUTH_CLIENT_ID  the Entra ID app registration's application (client) ID the pane signs in with
 *   SAMLA_AUTH_SCOPE      the API scope the pane asks a token for, e.g. api://<client id>/access_as_user
 *   SAMLA_AUTH_TENANT_ID  the Entra ID tenant (directory) ID the pane signs in at
 */
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { productionApiOrigin, productionOrigin } = require('../addin/deployment');

const root = path.resolve(__dirname, '..');

/** What is wrong with the production settings, in words; empty when they are complete. */
function settingProblems(env) {
  const problems = [];
  for (const name of ['SAMLA_AUTH_CLIENT_ID', 'SAMLA_AUTH_SCOPE', 'SAMLA_AUTH_TENANT_ID']) {
    if (!env[name]?.trim()) problems.push(`${name} is not set (infra/entra-app-registration.md says where it comes from)`);
  }
  // The URL rules (https, origin only) are the webpack build's own (addin/deployment.js), asked here before it runs.
  for (const [name, check] of [
    ['SAMLA_ADDIN_URL', productionOrigin],
    ['SAMLA_API_URL', productionApiOrigin],
  ]) {
    if (!env[name]) continue;
    try {
      check(env);
    } catch (error) {
      problems.push(error.code === 'ERR_INVALID_URL' ? `${name}=${env[name]} is not a URL` : error.message);
    }
  }
  return problems;
}

function main(env) {
  if (!env.SAMLA_ADDIN_URL) {
    console.log(
      'Add-in: no production build (set SAMLA_ADDIN_URL, SAMLA_API_URL, SAMLA_AUTH_CLIENT_ID, SAMLA_AUTH_SCOPE and SAMLA_AUTH_TENANT_ID to build addin/dist/ for production).',
    );
    return 0;
  }
  const problems = settingProblems(env);
  if (problems.length > 0) {
    console.error(`Add-in: the production build needs:\n  - ${problems.join('\n  - ')}`);
    return 1;
  }
  console.log(`Add-in: production build for ${productionOrigin(env)} (API ${productionApiOrigin(env)}/api) …`);
  const build = spawnSync('npm', ['run', 'build', '-w', 'addin'], { cwd: root, stdio: 'inherit', env, shell: process.platform === 'win32' });
  return build.status ?? 1;
}

if (require.main === module) process.exit(main(process.env));

module.exports = { settingProblems };
