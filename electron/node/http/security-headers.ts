/**
 * The Content-Security-Policy and the other security headers every hall response carries. Pure.
 *
 * No inline script, no eval, no remote origin. `style-src` has no `'unsafe-inline'` by default:
 * React's `style={…}` props are applied through the CSSOM, which CSP does not govern, and Vite
 * emits CSS as files. Turn `inlineStyles` on only if a library injects `<style>` elements.
 */

export type CspOptions = {
  /** Adds `'unsafe-inline'` to style-src. */
  inlineStyles?: boolean;
  /** Adds `'wasm-unsafe-eval'` to script-src (WebAssembly decoders); still no JS eval. */
  wasm?: boolean;
  /** `frame-ancestors 'self'` instead of `'none'`: the authoring preview frames the kiosk page. */
  framedBySelf?: boolean;
};

/** The CSP header value. */
export function buildCsp(opts: CspOptions = {}): string {
  const directives: [string, string[]][] = [
    ['default-src', ["'self'"]],
    ['script-src', ["'self'", ...(opts.wasm ? ["'wasm-unsafe-eval'"] : [])]],
    ['style-src', ["'self'", ...(opts.inlineStyles ? ["'unsafe-inline'"] : [])]],
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['media-src', ["'self'", 'blob:']],
    // data: because Vite inlines small assets (a font subset can be < 4 KiB) as data: URLs.
    ['font-src', ["'self'", 'data:']],
    ['connect-src', ["'self'"]],
    ['worker-src', ["'self'", 'blob:']],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['frame-ancestors', [opts.framedBySelf ? "'self'" : "'none'"]],
    ['form-action', ["'none'"]],
  ];
  return directives.map(([name, values]) => `${name} ${values.join(' ')}`).join('; ');
}

/** Headers set on every response, including errors. */
export function securityHeaders(csp: string): Record<string, string> {
  return {
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
  };
}
