// What the dispatch pages share: the pool they show (?pool=), the words for its live state and for priorities,
// and the pool's view live over the dispatch hub for the board and the worklist.
import { setPageState } from '/page/dom.js';
import { Hub } from '/page/hub.js';

export const pool = new URLSearchParams(location.search).get('pool') || 'default';

/** The base of the pool's Api. */
export const poolApi = '/api/v1/dispatch/pools/' + encodeURIComponent(pool);

export const poolWords = {
  online: ['实时', 'Live'], offline: ['重新连接中…', 'Reconnecting…'], denied: ['无权查看此派单池', 'You may not watch this pool'],
  emergency: ['急诊', 'Emergency'], vip: ['VIP', 'VIP'], urgent: ['加急', 'Urgent'], routine: ['常规', 'Routine'],
};

/** Writes the hub's state (body[data-state]) into #status in the page's language; again after a language switch. */
export function showPoolState(t) {
  const state = document.body.dataset.state;
  if (state !== 'loading') {
    document.getElementById('status').textContent = t(state);
  }
}

/**
 * Watches the pool: onView gets each newer view (never an older one arriving late; body[data-version] carries
 * its version for tests), and the hub's state is shown as it changes.
 */
export function watchPool(t, onView) {
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
    onState: (state) => { setPageState(state); showPoolState(t); },
  });
  hub.start();
  return hub;
}
