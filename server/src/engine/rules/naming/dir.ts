// The folder part of a path, with a trailing slash (for rename fixes).
export function dirOf(path: string): string {
  const p = path.replace(/\\/g, '/');
  return p.slice(0, p.lastIndexOf('/') + 1);
}
