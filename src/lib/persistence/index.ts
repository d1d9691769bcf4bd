export * from './backend';
export * from './store';
