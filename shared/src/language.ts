export * from './i18n/localized';
