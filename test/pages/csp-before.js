// Runs before the bundle: remembers the page's globals and collects CSP violations and errors.
window.__globalsBefore = Object.getOwnPropertyNames(window);
window.__violations = [];
window.__errors = [];
document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
window.addEventListener('error', (e) => window.__errors.push(String(e.message)));
