export * from './arbitraries';
export * from './hostile-arbitraries';
