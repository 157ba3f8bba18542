// Room-door screen: the room, its reader, the patient being called and the 2–3 pre-called patients at the door.
import { el } from '/page/dom.js';
import { runScreen } from './screen.js';

let screen = null;
let snapshot = null;
const roomId = () => screen.regions[0].roomIds[0];

function render() {
  const room = snapshot.rooms.find((r) => r.room.roomId === roomId());
  if (!room) return;
  document.getElementById('title').textContent = screen.title || room.room.name;
  document.getElementById('reader').textContent = room.room.readerName || '';
  document.getElementById('readerTitle').textContent = room.room.readerTitle || '';
  const photo = document.getElementById('photo');
  if (room.room.readerPhotoUrl) photo.src = room.room.readerPhotoUrl; else photo.removeAttribute('src');
  document.getElementById('current').textContent = room.current ? room.current.displayNumber : '—';
  document.getElementById('currentName').textContent = room.paused ? t('paused') : (room.current ? room.current.maskedName : '');
  document.getElementById('next').replaceChildren(...room.next.slice(0, 3).map((n) => el('li', {}, `${n.displayNumber} ${n.maskedName}`)));
  document.getElementById('notes').textContent = room.room.notes || '';
  document.body.dataset.revision = String(snapshot.revision);
}

const t = runScreen({
  now: ['正在就诊', 'Now seeing'], prepare: ['请在门口等候', 'Please wait at the door'], paused: ['暂停接诊', 'Paused'],
}, {
  onJoin: (view) => {
    screen = view.screen;
    snapshot = view.queues[0];
    render();
  },
  onEvent: (e) => {
    if (e.snapshot && (!snapshot || e.snapshot.revision >= snapshot.revision)) { snapshot = e.snapshot; render(); }
    if (e.call && e.call.roomId === roomId()) {
      document.body.dataset.lastCall = `${e.call.ticket.displayNumber} ${e.call.ticket.maskedName} ${e.call.roomName}`;
    }
  },
  render,
  refresh: async (hub) => {
    snapshot = await hub.invoke('Snapshot', snapshot.queueId);
    render();
  },
});
