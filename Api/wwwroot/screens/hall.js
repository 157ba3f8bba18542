// Hall screen: several queues in regions; per room the called patient; who should get ready; the missed list;
// a scrolling notice line. Draws only pushed snapshots; speaks each call with the server-provided text.
import { el } from '/page/dom.js';
import { runScreen, speakCall } from './screen.js';

let screen = null;
const snapshots = new Map();

function render(flashRoom) {
  const main = document.getElementById('regions');
  main.replaceChildren();
  for (const region of screen.regions) {
    const snap = snapshots.get(region.queueId);
    if (!snap) continue;
    const rooms = snap.rooms.filter((r) => !region.roomIds || region.roomIds.includes(r.room.roomId));
    const table = el('table', { class: 'calls' }, rooms.map((r) =>
      el('tr', { 'data-room': r.room.roomId, class: r.room.roomId === flashRoom ? 'flash' : '' },
        el('td', {}, r.room.name),
        el('td', { class: 'number' }, r.current ? r.current.displayNumber : t('none')),
        el('td', { class: 'name' }, r.paused ? t('paused') : (r.current ? r.current.maskedName : '')))));
    const roomIds = rooms.map((r) => r.room.roomId);
    const prepare = el('ul', {}, snap.waiting.filter((w) => !w.roomId || roomIds.includes(w.roomId)).map((w) => el('li', {}, `${w.displayNumber} ${w.maskedName}`)));
    const waiting = el('div', { class: 'waiting' }, prepare);
    const missed = el('div', { class: 'missed' }, t('missed') + ': ' + (snap.missed.map((m) => `${m.displayNumber} ${m.maskedName}`).join('  ') || t('none')));
    main.append(el('section', { class: 'region', 'data-queue': snap.queueId },
      el('h2', {}, region.title || snap.name),
      el('h3', {}, t('now')), table,
      el('h3', {}, t('prepare')), waiting, missed));
    // Auto-scroll when more wait than fit: duplicate the list so the loop is seamless.
    if (prepare.scrollHeight > waiting.clientHeight + 4) {
      prepare.append(...[...prepare.children].map((li) => li.cloneNode(true)));
      waiting.classList.add('scrolling');
    }
  }
  document.body.dataset.revision = [...snapshots.values()].map((s) => s.revision).join(',');
}

const t = runScreen({
  hall: ['候诊大屏', 'Waiting hall'], room: ['诊室', 'Room'], now: ['正在呼叫', 'Now calling'], prepare: ['请准备', 'Please get ready'],
  missed: ['过号', 'Missed'], paused: ['暂停', 'Paused'], none: ['—', '—'],
}, {
  onJoin: (view) => {
    screen = view.screen;
    snapshots.clear();
    for (const s of view.queues) snapshots.set(s.queueId, s);
    document.getElementById('title').textContent = screen.title || t('hall');
    document.getElementById('notice').textContent = screen.notice || '';
    render();
  },
  onEvent: (e) => {
    const current = snapshots.get(e.queueId);
    if (e.snapshot && (!current || e.snapshot.revision >= current.revision)) snapshots.set(e.queueId, e.snapshot);
    if (e.call) {
      render(e.call.roomId);
      document.body.dataset.lastCall = `${e.call.ticket.displayNumber} ${e.call.ticket.maskedName} ${e.call.roomName}`;
      if (screen.speakCalls && current) speakCall(e.call.spokenText, current.voice);
    } else if (e.snapshot) {
      render();
    } else if (current && e.revision > current.revision + 1) {
      window.queueLive.invoke('Snapshot', e.queueId).then((s) => { snapshots.set(e.queueId, s); render(); });
    }
  },
  render: () => {
    render();
    document.getElementById('title').textContent = screen.title || t('hall');
  },
  refresh: async (hub) => {
    for (const id of snapshots.keys()) snapshots.set(id, await hub.invoke('Snapshot', id));
    render();
  },
});
