import { lstatSync, realpathSync } from 'node:fs';
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

/**
 * Like resolveInside, for serving: the path of a regular file below `root`
 * reached without following any symlink, else undefined. A link inside a
 * served folder may point anywhere the console can read, its own data folder
 * included (a link in reports/ served the console's private key), so every
 * component below the root is lstat'ed and a link anywhere refuses the path.
 * The root itself may be a link (an install laid out with them).
 */
export function regularFileInside(root: string, urlPath: string): string | undefined {
  if (resolveInside(root, urlPath) === undefined) return undefined;
  let path: string;
  try {
    path = realpathSync(resolve(root));
  } catch {
    return undefined;
  }
  const parts = urlPath.split('/').map((part) => decodeURIComponent(part)).filter((part) => part !== '' && part !== '.');
  if (parts.length === 0) return undefined;
  try {
    for (const [i, part] of parts.entries()) {
      path = join(path, part);
      const stat = lstatSync(path);
      if (stat.isSymbolicLink()) return undefined;
      if (i < parts.length - 1 ? !stat.isDirectory() : !stat.isFile()) return undefined;
    }
  } catch {
    return undefined; // missing, or unreadable
  }
  return path;
}
