/**
 * A package the server needs only for some requests, loaded at its first use instead of at start:
 * sharp (libvips, about 16 MB of memory) at the first screenshot, nodemailer at the first mail, the QR
 * encoder at the first poster or TOTP setup, the CSV writer at the first register export. A server that
 * idles, or never needs one of them, does not pay its start time and memory. Each package has one such
 * loader, beside the code that uses it; the loader imports once and every caller gets that module.
 */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => (loaded ??= load());
}
