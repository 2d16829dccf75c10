/**
 * Builds the task pane (taskpane.html, loaded by Excel) and the browser preview (preview.html, no Office.js),
 * and serves both with the dev server on https://localhost:3000, proxying /api to the functions host.
 */
const path = require('path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const webpack = require('webpack');
const { DEV_API_URL, DEV_ORIGIN, MANIFEST_SOURCE, apiBaseFor, manifestFor, productionOrigin } = require('./deployment');

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
    },
    output: { path: path.join(__dirname, 'dist'), filename: '[name].[contenthash:8].js', clean: true },
    resolve: {
      extensions: ['.ts', '.tsx', '.js'],
      alias: { '@samla/shared': path.join(__dirname, '..', 'shared', 'src') },
    },
    module: {
      rules: [{ test: /\.tsx?$/, loader: 'ts-loader', options: { transpileOnly: true, configFile: path.join(__dirname, 'tsconfig.json') } }],
    },
    performance: { hints: false },
    plugins: [
      new webpack.DefinePlugin({ SAMLA_API_BASE: JSON.stringify(apiBaseFor(mode)), SAMLA_DEV: JSON.stringify(mode !== 'production') }),
      new HtmlWebpackPlugin({ template: './src/taskpane/taskpane.html', filename: 'taskpane.html', chunks: ['taskpane'] }),
      new HtmlWebpackPlugin({ template: './src/preview/preview.html', filename: 'preview.html', chunks: ['preview'] }),
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

module.exports = async (_env, argv = {}) => {
  const mode = argv.mode === 'production' ? 'production' : 'development';
  if (mode === 'production' || !argv.env?.WEBPACK_SERVE) return createConfig({ mode });
  // The dev server's certificate must be trusted by Excel: office-addin-dev-certs makes and installs it.
  const devCerts = require('office-addin-dev-certs');
  return createConfig({ mode, https: await devCerts.getHttpsServerOptions() });
};
module.exports.createConfig = createConfig;
