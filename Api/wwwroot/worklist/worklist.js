// A reader's own worklist: open tasks pushed live from the pool (start, complete, hand back with a reason) and the
// tasks they completed in the last day, from the worklist table. State for tests is on body[data-state].
import { el } from '/page/dom.js';
import { pageText } from '/page/language.js';
import { request } from '/page/api.js';
import { pool, poolApi, poolWords, showPoolState, watchPool } from '/board/pool.js';

let me = null;
let view = null;
const { t } = pageText({
  ...poolWords,
  title: ['我的工作列表', 'My worklist'], mine: ['我的任务', 'My tasks'], done: ['今日已完成', 'Completed today'], start: ['开始', 'Start'],
  complete: ['完成', 'Complete'], handBack: ['退回', 'Hand back'], reason: ['退回原因', 'Reason for handing back'], none: ['暂无任务', 'Nothing here'],
  assigned: ['待读', 'To read'], started: ['阅片中', 'Reading'],
}, { onChange: () => { showPoolState(t); render(); } });

function status(text) { document.getElementById('status').textContent = text; }
function act(taskId, action, body) {
  return request('POST', poolApi + '/tasks/' + encodeURIComponent(taskId) + '/' + action, { body })
    .catch((problem) => status(problem.message))
    .then(loadDone);
}
function button(label, onClick) {
  const b = el('button', { type: 'button', class: 'small', text: t(label), 'data-action': label });
  b.addEventListener('click', onClick);
  return b;
}
function render() {
  const mine = view && me ? view.tasks.filter((task) => task.readerId === me) : [];
  document.getElementById('mine').replaceChildren(...(mine.length === 0 ? [el('li', { class: 'muted', text: t('none') })] : mine.map((task) =>
    el('li', { class: 'task ' + task.priority, 'data-task': task.taskId, 'data-status': task.status },
      el('span', { text: t(task.priority) + ' · ' + task.subject.examItem + ' · ' + task.subject.studyKey + ' · ' + t(task.status) }),
      el('span', { class: 'actions' },
        task.status === 'assigned' && button('start', () => act(task.taskId, 'start')),
        button('complete', () => act(task.taskId, 'complete')),
        button('handBack', () => { const reason = prompt(t('reason')); if (reason) { act(task.taskId, 'hand-back', { reason }); } }))))));
}
function loadDone() {
  return request('GET', '/api/v1/dispatch/worklist?reader=me&status=completed&pool=' + encodeURIComponent(pool)).catch(() => []).then((rows) => {
    document.getElementById('done').replaceChildren(...rows.map((row) =>
      el('li', { class: 'task', 'data-task': row.taskId }, el('span', { text: row.examItem + ' · ' + row.studyKey }))));
  });
}
request('GET', '/api/v1/staff/session').then((who) => {
  me = who.name;
  loadDone();
  watchPool(t, (next) => { view = next; render(); });
}, (problem) => status(problem.message));
