// Entry of the portal page (portal/index.html), which the server sends for /staff and /beheer: each
// loads only its own app, and the app element is the first thing in the page.
const board = location.pathname === '/beheer' || location.pathname.startsWith('/beheer/');
const app = board ? import('../board/components/board-app/board-app') : import('../staff/components/staff-app/staff-app');
void app.then(() => document.body.prepend(document.createElement(board ? 'board-app' : 'staff-app')));
