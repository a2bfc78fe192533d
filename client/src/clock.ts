// Imported first by extension.ts so that the bundle's module-load time (everything the
// extension requires before activate() runs) can be measured and logged.
export const moduleLoadStart = performance.now();
