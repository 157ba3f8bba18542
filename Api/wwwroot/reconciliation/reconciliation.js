// Reconciliation for supervisors: DICOM studies that matched no registered order (or an order of another patient),
// newest first. Link one to its order, or merge it into the DICOM study it belongs to (after a confirmation: a merge
// rewrites the images). Refreshes every 30 s while no form is open. State for tests is on body[data-state].
import { el, setPageState } from '/page/dom.js';
import { language, pageText } from '/page/language.js';
import { request } from '/page/api.js';

let studies = [];
let open = null;
let busy = false;
let loadedAt = null;
const { t } = pageText({
  title: ['影像核对', 'Image reconciliation'],
  refresh: ['刷新', 'Refresh'],
  denied: ['您的账号没有影像核对权限（需要主管或管理员角色）。', 'Your account may not reconcile images (needs the supervisor or admin role).'],
  intro: ['以下 DICOM 检查未能匹配到登记的检查单（检查号不存在，或患者与检查单不符）。请关联到正确的检查单，或合并到其所属的检查。', 'These DICOM studies matched no registered order (no such accession number, or the order is of another patient). Link each to the right order, or merge it into the study it belongs to.'],
  matchStatus: ['状态', 'Status'],
  accession: ['检查号', 'Accession'],
  patient: ['患者号', 'Patient id'],
  name: ['姓名', 'Name'],
  studyDate: ['检查日期', 'Study date'],
  description: ['检查描述', 'Description'],
  modalities: ['设备类型', 'Modalities'],
  counts: ['序列/图像', 'Series/images'],
  lastArrival: ['最后接收', 'Last arrival'],
  actions: ['操作', 'Actions'],
  unmatched: ['未匹配', 'Unmatched'],
  patientMismatch: ['患者不符', 'Patient mismatch'],
  match: ['关联到检查单', 'Link to order'],
  merge: ['合并到检查', 'Merge into study'],
  studyKey: ['检查单号（检查号）', 'Order (accession number)'],
  link: ['关联', 'Link'],
  cancel: ['取消', 'Cancel'],
  into: ['目标检查的 Study Instance UID', 'Study Instance UID of the target study'],
  correctPatient: ['更正患者身份', 'Correct the patient'],
  mergeNext: ['合并…', 'Merge…'],
  thisStudy: ['本检查 UID：', 'This study\'s UID: '],
  confirmMerge: ['合并会改写这些影像（Study Instance UID、检查号、患者和检查信息改为目标检查的），无法撤销。', 'Merging rewrites these images (their Study Instance UID, accession, patient and study details become the target\'s). It cannot be undone.'],
  confirmCorrect: ['这些影像的患者身份将更正为目标检查的患者。', 'The patient of these images will be corrected to the target study\'s patient.'],
  confirmButton: ['确认合并（不可撤销）', 'Merge (cannot be undone)'],
  required: ['请先填写。', 'Fill this in first.'],
  failed: ['操作失败：', 'Failed: '],
  matched: ['已关联到检查单 ', 'Linked to order '],
  merged: ['已合并到目标检查：移动 ', 'Merged into the target study: moved '],
  mergedTail: [' 个序列、{i} 幅图像。', ' series, {i} images.'],
  none: ['没有待核对的影像。', 'Nothing is waiting.'],
  updated: ['更新于 ', 'Updated '],
  loadFailed: ['加载失败，稍后自动重试。', 'Could not load; retrying shortly.'],
  differentPatient: ['目标检查属于另一位患者。如确认这些影像的患者身份登记错误，请勾选“更正患者身份”后再合并。', 'The target study belongs to another patient. If these images were registered under the wrong patient, tick "Correct the patient" and merge again.'],
  noOrder: ['没有以此检查号登记的检查单，请核对检查号。', 'No order is registered under this accession number; check it.'],

}, { onChange: () => { showUpdated(); render(); } });

const two = (n) => String(n).padStart(2, '0');
function dateTime(iso) {
  const d = new Date(iso);
  return d.getFullYear() + '-' + two(d.getMonth() + 1) + '-' + two(d.getDate()) + ' ' + two(d.getHours()) + ':' + two(d.getMinutes());
}
function showUpdated() {
  if (loadedAt) { document.getElementById('status').textContent = t('updated') + two(loadedAt.getHours()) + ':' + two(loadedAt.getMinutes()) + ':' + two(loadedAt.getSeconds()); }
}
// A DICOM person name: alphabetic=ideographic=phonetic groups of family^given^… components.
function personName(pn) {
  const groups = String(pn || '').split('=');
  const alphabetic = (groups[0] || '').split('^').filter(Boolean).join(' ');
  const ideographic = (groups[1] || '').split('^').filter(Boolean).join('');
  if (!ideographic) { return alphabetic; }
  if (!alphabetic) { return ideographic; }
  return language() === 'en' ? alphabetic + ' (' + ideographic + ')' : ideographic + '（' + alphabetic + '）';
}
function message(s, ok) {
  const m = document.getElementById('message');
  m.textContent = s;
  m.className = ok ? 'ok' : s ? 'error' : '';
}
// Reloads the list. An automatic refresh (auto) that returns while someone has opened a form leaves the table alone.
function load(auto) {
  busy = true;
  return request('GET', '/api/v1/reconciliation?limit=500').then((rows) => {
    if (auto && open) { return; }
    studies = rows;
    open = null;
    loadedAt = new Date();
    showUpdated();
    render();
    setPageState('ready');
  }, (problem) => {
    if (problem.forbidden) {
      document.getElementById('denied').hidden = false;
      document.getElementById('content').hidden = true;
      setPageState('denied');
      return;
    }
    document.getElementById('status').textContent = t('loadFailed');
    if (document.body.dataset.state === 'loading') { setPageState('error'); }
  }).then(() => { busy = false; });
}
const post = (path, body) => request('POST', '/api/v1/reconciliation/' + path, { body });
// The Api's problem in the form, and what to do about it when the page knows more.
function fail(form, problem, hint) {
  form.querySelector('.error').textContent = t('failed') + problem.message;
  form.querySelector('.hint').textContent = hint || '';
}
function succeeded(uid, s) {
  studies = studies.filter((x) => x.studyInstanceUid !== uid);
  open = null;
  render();
  message(s, true);
  load();
}
function matchForm(study) {
  const key = el('input', { type: 'text', class: 'study-key', autocomplete: 'off', 'aria-label': t('studyKey') });
  const go = el('button', { type: 'submit', class: 'small', 'data-action': 'link', text: t('link') });
  const form = el('form', {},
    el('label', {}, el('span', { text: t('studyKey') + ' ' }), key), go, cancelButton(),
    el('p', { class: 'error', role: 'alert' }), el('p', { class: 'hint' }));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const studyKey = key.value.trim();
    if (!studyKey) { form.querySelector('.error').textContent = t('required'); return; }
    go.disabled = true;
    post(encodeURIComponent(study.studyInstanceUid) + '/match', { studyKey }).then(() => {
      go.disabled = false;
      succeeded(study.studyInstanceUid, t('matched') + studyKey);
    }, (problem) => {
      go.disabled = false;
      fail(form, problem, problem.code === 'study-not-found' ? t('noOrder') : '');
    });
  });
  setTimeout(() => key.focus(), 0);
  return form;
}
function mergeForm(study) {
  const into = el('input', { type: 'text', class: 'into-uid', list: 'targets', autocomplete: 'off', spellcheck: 'false', 'aria-label': t('into') });
  const correct = el('input', { type: 'checkbox', class: 'correct-patient' });
  const next = el('button', { type: 'submit', class: 'small', 'data-action': 'merge-next', text: t('mergeNext') });
  const confirm = el('div', { class: 'confirm', hidden: true });
  const form = el('form', {},
    el('p', { class: 'uid', text: t('thisStudy') + study.studyInstanceUid }),
    el('label', {}, el('span', { text: t('into') + ' ' }), into),
    el('label', {}, correct, el('span', { text: ' ' + t('correctPatient') })),
    next, cancelButton(), confirm,
    el('p', { class: 'error', role: 'alert' }), el('p', { class: 'hint' }));
  function reset() { confirm.hidden = true; confirm.replaceChildren(); next.disabled = false; }
  into.addEventListener('input', reset);
  correct.addEventListener('change', reset);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const target = into.value.trim();
    form.querySelector('.error').textContent = '';
    form.querySelector('.hint').textContent = '';
    if (!target) { form.querySelector('.error').textContent = t('required'); return; }
    const yes = el('button', { type: 'button', class: 'small danger', 'data-action': 'merge', text: t('confirmButton') });
    const no = el('button', { type: 'button', class: 'small', text: t('cancel') });
    confirm.replaceChildren(
      el('p', { text: t('confirmMerge') }),
      correct.checked && el('p', { text: t('confirmCorrect') }),
      el('p', { class: 'uid', text: study.studyInstanceUid + ' → ' + target }),
      yes, no);
    confirm.hidden = false;
    next.disabled = true;
    no.addEventListener('click', reset);
    yes.addEventListener('click', () => {
      yes.disabled = true;
      post(encodeURIComponent(study.studyInstanceUid) + '/merge', { intoStudyInstanceUid: target, correctPatient: correct.checked }).then((merged) => {
        succeeded(study.studyInstanceUid, t('merged') + merged.seriesMoved + t('mergedTail').replace('{i}', String(merged.instancesMoved)));
      }, (problem) => {
        reset();
        const differentPatient = problem.code === 'different-patient';
        fail(form, problem, differentPatient ? t('differentPatient') : '');
      });
    });
  });
  setTimeout(() => into.focus(), 0);
  return form;
}
function cancelButton() {
  const b = el('button', { type: 'button', class: 'small', 'data-action': 'cancel', text: t('cancel') });
  b.addEventListener('click', () => { open = null; render(); });
  return b;
}
function toggle(uid, kind) {
  open = open && open.uid === uid && open.kind === kind ? null : { uid, kind };
  message('', false);
  render();
}
function row(s) {
  const match = el('button', { type: 'button', class: 'small', 'data-action': 'match', text: t('match') });
  const merge = el('button', { type: 'button', class: 'small', 'data-action': 'merge-open', text: t('merge') });
  match.addEventListener('click', () => toggle(s.studyInstanceUid, 'match'));
  merge.addEventListener('click', () => toggle(s.studyInstanceUid, 'merge'));
  const mismatch = s.matchStatus === 'patient-mismatch';
  return el('tr', { 'data-uid': s.studyInstanceUid, 'data-status': s.matchStatus },
    el('td', {}, el('span', { class: 'badge ' + (mismatch ? 'patient-mismatch' : 'unmatched'), text: t(mismatch ? 'patientMismatch' : 'unmatched') })),
    el('td', { class: 'accession', text: s.accessionNumber }),
    el('td', { class: 'patient', text: s.patientId + (s.issuerOfPatientId ? '@' + s.issuerOfPatientId : '') }),
    el('td', { class: 'name', text: personName(s.patientName) }),
    el('td', { class: 'time', text: s.studyDate || '' }),
    el('td', { text: s.studyDescription }),
    el('td', { text: (s.modalities || []).join(', ') }),
    el('td', { class: 'num counts', text: s.seriesCount + ' / ' + s.instanceCount }),
    el('td', { class: 'time', text: dateTime(s.lastArrival) }),
    el('td', { class: 'actions' }, match, merge));
}
function render() {
  const body = document.querySelector('#studies tbody');
  body.replaceChildren();
  if (studies.length === 0) { body.appendChild(el('tr', { class: 'empty' }, el('td', { colspan: '10', class: 'muted', text: t('none') }))); }
  studies.forEach((s) => {
    body.appendChild(row(s));
    if (open && open.uid === s.studyInstanceUid) {
      body.appendChild(el('tr', { class: 'form', 'data-form-for': s.studyInstanceUid, 'data-kind': open.kind },
        el('td', { colspan: '10' }, open.kind === 'match' ? matchForm(s) : mergeForm(s))));
    }
  });
  // Merge targets to pick from: the other waiting studies (any archived study's UID may be typed in).
  document.getElementById('targets').replaceChildren(...studies.map((s) =>
    el('option', { value: s.studyInstanceUid, label: [s.accessionNumber, (s.modalities || []).join('/'), s.studyDate || ''].filter(Boolean).join(' · ') })));
}
document.getElementById('refresh').addEventListener('click', () => { message('', false); load(); });
// A light refresh; never while someone is filling in a form.
setInterval(() => { if (!open && !busy && document.body.dataset.state !== 'denied') { load(true); } }, 30000);
load();
