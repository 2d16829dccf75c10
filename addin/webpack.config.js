/**
 * Builds the task pane (taskpane.html, loaded by Excel) and the browser preview (preview.html, no Office.js),
 * and serves both with the dev server on https://localhost:3000, proxying /api to the functions host.
 */
const fs = require('fs');
const path = require('path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const webpack = require('webpack');
const { DEV_API_URL, DEV_ORIGIN, MANIFEST_SOURCE, buildDefinitions, manifestFor, productionOrigin } = require('./deployment');

/**
 * @param {{ mode?: 'development' | 'production', apiUrl?: string, https?: object | false, port?: number, host?: string }} options
 * @returns {import('webpack').Configuration & { devServer: object }}
 */
function createConfig(options = {}) {
  const mode = options.mode ?? 'development';
  const origin = mode === 'production' ? productionOrigin() : DEV_ORIGIN;
  return {
    mode,
    context: __dirname,
    devtool: mode === 'production' ? 'source-map' : 'eval-source-map',
    entry: {
      taskpane: './src/taskpane/taskpane-entry.tsx',
      preview: './src/preview/preview-entry.tsx',
      'auth-dialog': './src/taskpane/auth/auth-dialog.ts',
    },
    output: { path: path.join(__dirname, 'dist'), filename: '[name].[contenthash:8].js', clean: true },
    resolve: {
      extensions: ['.ts', '.tsx', '.js'],
      alias: {
        '@samla/shared': path.join(__dirname, '..', 'shared', 'src'),
        // Bundled from zod's ES module build, z.iso.date() rejected every ISO date in the browser (cause not found);
        // its CommonJS build, the one Node and jest run, works.
        zod$: require.resolve('zod'),
      },
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          loader: 'ts-loader',
          options: { transpileOnly: true, configFile: path.join(__dirname, 'tsconfig.json'), compilerOptions: { module: 'esnext' } },
        },
      ],
    },
    performance: { hints: false },
    plugins: [
      new webpack.DefinePlugin(buildDefinitions(mode)),
      new HtmlWebpackPlugin({ template: './src/taskpane/taskpane.html', filename: 'taskpane.html', chunks: ['taskpane'] }),
      new HtmlWebpackPlugin({ template: './src/preview/preview.html', filename: 'preview.html', chunks: ['preview'] }),
      // The Office dialog API's sign-in page, where nested app authentication is missing (auth/office-sign-in.ts).
      new HtmlWebpackPlugin({ template: './src/taskpane/auth/auth-dialog.html', filename: 'auth-dialog.html', chunks: ['auth-dialog'] }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets', to: 'assets' },
          { from: 'src/help.html', to: 'help.html' },
          { from: MANIFEST_SOURCE, to: 'manifest.xml', transform: (content) => manifestFor(origin, content.toString('utf8')) },
        ],
      }),
    ],
    devServer: {
      host: options.host ?? 'localhost',
      port: options.port ?? 3000,
      server: options.https === false ? 'http' : { type: 'https', options: options.https ?? {} },
      headers: { 'Access-Control-Allow-Origin': '*' },
      proxy: [{ context: ['/api'], target: options.apiUrl ?? process.env.SAMLA_API_URL ?? DEV_API_URL, changeOrigin: true }],
      client: { overlay: { warnings: false } },
      static: false,
      hot: false,
      open: false,
    },
  };
}

/**
 * The dev server's certificate, which Excel must trust: office-addin-dev-certs makes it and installs its CA.
 * Where the CA can't be installed (no sudo, say) the certificate is still served, and we say how to trust it.
 */
async function devCertificates() {
  const devCerts = require('office-addin-dev-certs');
  try {
    return await devCerts.getHttpsServerOptions();
  } catch (error) {
    const directory = require('office-addin-dev-certs/lib/defaults').certificateDirectory;
    const file = (name) => path.join(directory, name);
    if (!['ca.crt', 'localhost.crt', 'localhost.key'].every((name) => fs.existsSync(file(name)))) throw error;
    console.warn(`Samla: the development CA could not be installed (${error.message.split('\n')[0]}).`);
    console.warn(`Samla: serving https://localhost:3000 anyway; trust ${file('ca.crt')} in your system or browser for Excel to load the pane.`);
    return { ca: fs.readFileSync(file('ca.crt')), cert: fs.readFileSync(file('localhost.crt')), key: fs.readFileSync(file('localhost.key')) };
  }
}

module.exports = async (_env, argv = {}) => {
  const mode = argv.mode === 'production' ? 'production' : 'development';
  if (mode === 'production' || !argv.env?.WEBPACK_SERVE) return createConfig({ mode });
  return createConfig({ mode, https: await devCertificates() });
};
module.exports.createConfig = createConfig;
