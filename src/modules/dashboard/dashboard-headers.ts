import helmet from 'helmet';

/**
 * helmet's headers for the dashboard, less `upgrade-insecure-requests`: served over plain HTTP
 * under any name but a loopback one, that directive sends the page's own scripts and styles to
 * https:// on the same port, where nothing answers. Every other directive stays (`'self'` only).
 */
export function dashboardSecurityHeaders() {
  return helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } });
}
