import { realpathSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';

/**
 * Maps a URL path below `root` to a file path, or undefined if the request
 * tries to leave `root`: encoded dots and slashes, backslashes, NUL, absolute
 * paths, and symlinks pointing outside are all refused.
 */
export function resolveInside(root: string, urlPath: string): string | undefined {
  let decoded: string[];
  try {
    decoded = urlPath.split('/').map((part) => decodeURIComponent(part));
  } catch {
    return undefined; // malformed percent-encoding
  }
  const parts: string[] = [];
  for (const part of decoded) {
    if (part === '' || part === '.') continue;
    if (part === '..' || part.includes('/') || part.includes('\\') || part.includes('\0') || part.includes(':')) return undefined;
    parts.push(part);
  }
  const rootResolved = resolve(root);
  const candidate = join(rootResolved, ...parts);
  if (!isInside(rootResolved, candidate)) return undefined;
  try {
    const real = realpathSync(candidate);
    const realRoot = realpathSync(rootResolved);
    if (!isInside(realRoot, real)) return undefined;
    return real;
  } catch {
    // Does not exist (yet): the lexical check above is what applies.
    return candidate;
  }
}

function isInside(root: string, path: string): boolean {
  if (path === root) return true;
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}
