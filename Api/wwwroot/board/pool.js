// A dispatch pool's view, live over the dispatch hub, for the board and the worklist: onView gets each newer view
// (never an older one arriving late), onState the hub's state. body[data-version] carries the version for tests.
import { Hub } from '/page/hub.js';

export function watchPool(pool, onView, onState) {
  let version = -1;
  const show = (json) => {
    const view = JSON.parse(json);
    if (view.version < version) { return; }
    version = view.version;
    document.body.dataset.version = String(version);
    onView(view);
  };
  const hub = new Hub('/hubs/dispatch', {
    join: async (connection) => show(await connection.invoke('Watch', pool)),
    events: { pool: show },
    onState,
  });
  hub.start();
  return hub;
}
