/**
 * The fingerprint the core shows for a public key (journal/signer.ts
 * keyFingerprint): "SHA256:" and the first 16 hex digits of the digest of the
 * key's SPKI DER. Computed here so a supervisor sees, before enrolling, whether
 * the pasted key is the one the console's journal claims. Undefined for text
 * that is not base64 of a plausible key.
 */
export async function keyFingerprint(publicKeyBase64: string): Promise<string | undefined> {
  const text = publicKeyBase64.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]{40,}={0,2}$/.test(text)) return undefined;
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    return undefined;
  }
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return `SHA256:${Array.from(digest.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
