// Reconciliation for supervisors: DICOM studies that matched no registered order (or an order of another patient),
// newest first. Link one to its order, or merge it into the DICOM study it belongs to (after a confirmation: a merge
// rewrites the images). Refreshes every 30 s while no form is open. State for tests is on body[data-state].
(function () {
  'use strict';
  var lang = localStorage.getItem('cf.lang') || 'zh';
  var studies = [], open = null, busy = false, loadedAt = null;
  var text = {
    zh: { title: '影像核对', refresh: '刷新', denied: '您的账号没有影像核对权限（需要主管或管理员角色）。',
      intro: '以下 DICOM 检查未能匹配到登记的检查单（检查号不存在，或患者与检查单不符）。请关联到正确的检查单，或合并到其所属的检查。',
      matchStatus: '状态', accession: '检查号', patient: '患者号', name: '姓名', studyDate: '检查日期', description: '检查描述',
      modalities: '设备类型', counts: '序列/图像', lastArrival: '最后接收', actions: '操作', unmatched: '未匹配', patientMismatch: '患者不符',
      match: '关联到检查单', merge: '合并到检查', studyKey: '检查单号（检查号）', link: '关联', cancel: '取消',
      into: '目标检查的 Study Instance UID', correctPatient: '更正患者身份', mergeNext: '合并…', thisStudy: '本检查 UID：',
      confirmMerge: '合并会改写这些影像（Study Instance UID、检查号、患者和检查信息改为目标检查的），无法撤销。',
      confirmCorrect: '这些影像的患者身份将更正为目标检查的患者。', confirmButton: '确认合并（不可撤销）',
      required: '请先填写。', failed: '操作失败：', matched: '已关联到检查单 ', merged: '已合并到目标检查：移动 ',
      mergedTail: ' 个序列、{i} 幅图像。', none: '没有待核对的影像。', updated: '更新于 ', loadFailed: '加载失败，稍后自动重试。',
      differentPatient: '目标检查属于另一位患者。如确认这些影像的患者身份登记错误，请勾选“更正患者身份”后再合并。',
      noOrder: '没有以此检查号登记的检查单，请核对检查号。', offline: '无法连接服务器，请稍后再试。', signIn: '登录已过期，正在转到登录页…' },
    en: { title: 'Image reconciliation', refresh: 'Refresh', denied: 'Your account may not reconcile images (needs the supervisor or admin role).',
      intro: 'These DICOM studies matched no registered order (no such accession number, or the order is of another patient). Link each to the right order, or merge it into the study it belongs to.',
      matchStatus: 'Status', accession: 'Accession', patient: 'Patient id', name: 'Name', studyDate: 'Study date', description: 'Description',
      modalities: 'Modalities', counts: 'Series/images', lastArrival: 'Last arrival', actions: 'Actions', unmatched: 'Unmatched',
      patientMismatch: 'Patient mismatch', match: 'Link to order', merge: 'Merge into study', studyKey: 'Order (accession number)',
      link: 'Link', cancel: 'Cancel', into: 'Study Instance UID of the target study', correctPatient: 'Correct the patient',
      mergeNext: 'Merge…', thisStudy: 'This study\'s UID: ',
      confirmMerge: 'Merging rewrites these images (their Study Instance UID, accession, patient and study details become the target\'s). It cannot be undone.',
      confirmCorrect: 'The patient of these images will be corrected to the target study\'s patient.', confirmButton: 'Merge (cannot be undone)',
      required: 'Fill this in first.', failed: 'Failed: ', matched: 'Linked to order ', merged: 'Merged into the target study: moved ',
      mergedTail: ' series, {i} images.', none: 'Nothing is waiting.', updated: 'Updated ', loadFailed: 'Could not load; retrying shortly.',
      differentPatient: 'The target study belongs to another patient. If these images were registered under the wrong patient, tick "Correct the patient" and merge again.',
      noOrder: 'No order is registered under this accession number; check it.', offline: 'The server cannot be reached; try again shortly.', signIn: 'Your sign-in has expired; opening the sign-in page…' }
  };
  function t(key) { return (text[lang] || text.zh)[key] || key; }
  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    for (var k in (attrs || {})) { if (k === 'text') { e.textContent = attrs[k]; } else { e.setAttribute(k, attrs[k]); } }
    (children || []).forEach(function (c) { if (c) { e.appendChild(c); } });
    return e;
  }
  function translate() {
    document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
    document.title = t('title');
    document.getElementById('lang').textContent = lang === 'en' ? '中文' : 'EN';
    document.querySelectorAll('[data-t]').forEach(function (n) { n.textContent = t(n.getAttribute('data-t')); });
    showUpdated();
  }
  function two(n) { return String(n).padStart(2, '0'); }
  function dateTime(iso) {
    var d = new Date(iso);
    return d.getFullYear() + '-' + two(d.getMonth() + 1) + '-' + two(d.getDate()) + ' ' + two(d.getHours()) + ':' + two(d.getMinutes());
  }
  function showUpdated() {
    if (loadedAt) { document.getElementById('status').textContent = t('updated') + two(loadedAt.getHours()) + ':' + two(loadedAt.getMinutes()) + ':' + two(loadedAt.getSeconds()); }
  }
  // A DICOM person name: alphabetic=ideographic=phonetic groups of family^given^… components.
  function personName(pn) {
    var groups = String(pn || '').split('=');
    var alphabetic = (groups[0] || '').split('^').filter(Boolean).join(' ');
    var ideographic = (groups[1] || '').split('^').filter(Boolean).join('');
    if (!ideographic) { return alphabetic; }
    if (!alphabetic) { return ideographic; }
    return lang === 'en' ? alphabetic + ' (' + ideographic + ')' : ideographic + '（' + alphabetic + '）';
  }
  function message(s, ok) {
    var m = document.getElementById('message');
    m.textContent = s;
    m.className = ok ? 'ok' : s ? 'error' : '';
  }
  function signIn() {
    message(t('signIn'), false);
    location.href = '/login?ReturnUrl=' + encodeURIComponent(location.pathname);
  }
  // Reloads the list. An automatic refresh (auto) that returns while someone has opened a form leaves the table alone.
  function load(auto) {
    busy = true;
    return fetch('/api/v1/reconciliation?limit=500', { credentials: 'same-origin', headers: { Accept: 'application/json' } }).then(function (r) {
      if (r.status === 401) { signIn(); return; }
      if (r.status === 403) {
        document.getElementById('denied').hidden = false;
        document.getElementById('content').hidden = true;
        document.body.setAttribute('data-state', 'denied');
        return;
      }
      if (!r.ok) { throw new Error(String(r.status)); }
      return r.json().then(function (rows) {
        if (auto && open) { return; }
        studies = rows;
        open = null;
        loadedAt = new Date();
        showUpdated();
        render();
        document.body.setAttribute('data-state', 'ready');
      });
    }).catch(function () {
      document.getElementById('status').textContent = t('loadFailed');
      if (document.body.getAttribute('data-state') === 'loading') { document.body.setAttribute('data-state', 'error'); }
    }).then(function () { busy = false; });
  }
  function post(path, body) {
    return fetch('/api/v1/reconciliation/' + path, {
      method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(body)
    }).then(function (r) {
      if (r.status === 401) { signIn(); throw null; }
      var json = r.status === 202 || r.status === 204 ? Promise.resolve(null) : r.json().catch(function () { return null; });
      return json.then(function (data) { return { ok: r.ok, status: r.status, data: data }; });
    }, function () { return { ok: false, status: 0, data: { title: t('offline') } }; });
  }
  // The Api's problem: its title and detail, and the field errors of a validation problem.
  function problemText(result) {
    var p = result.data || {};
    var parts = [p.title || ('HTTP ' + result.status)];
    if (p.detail) { parts.push(p.detail); }
    if (p.errors) { Object.keys(p.errors).forEach(function (k) { parts.push(k + ': ' + [].concat(p.errors[k]).join(' ')); }); }
    return t('failed') + parts.join(' — ');
  }
  function fail(form, result, hint) {
    form.querySelector('.error').textContent = problemText(result);
    form.querySelector('.hint').textContent = hint || '';
  }
  function succeeded(uid, s) {
    studies = studies.filter(function (x) { return x.studyInstanceUid !== uid; });
    open = null;
    render();
    message(s, true);
    load();
  }
  function matchForm(study) {
    var key = el('input', { type: 'text', 'class': 'study-key', autocomplete: 'off', 'aria-label': t('studyKey') });
    var go = el('button', { type: 'submit', 'class': 'small', 'data-action': 'link', text: t('link') });
    var form = el('form', {}, [
      el('label', {}, [el('span', { text: t('studyKey') + ' ' }), key]), go, cancelButton(),
      el('p', { 'class': 'error', role: 'alert' }), el('p', { 'class': 'hint' })
    ]);
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var studyKey = key.value.trim();
      if (!studyKey) { form.querySelector('.error').textContent = t('required'); return; }
      go.disabled = true;
      post(encodeURIComponent(study.studyInstanceUid) + '/match', { studyKey: studyKey }).then(function (result) {
        go.disabled = false;
        if (result.ok) { succeeded(study.studyInstanceUid, t('matched') + studyKey); return; }
        fail(form, result, (result.data || {}).code === 'study-not-found' ? t('noOrder') : '');
      }, function () { go.disabled = false; });
    });
    setTimeout(function () { key.focus(); }, 0);
    return form;
  }
  function mergeForm(study) {
    var into = el('input', { type: 'text', 'class': 'into-uid', list: 'targets', autocomplete: 'off', spellcheck: 'false', 'aria-label': t('into') });
    var correct = el('input', { type: 'checkbox', 'class': 'correct-patient' });
    var next = el('button', { type: 'submit', 'class': 'small', 'data-action': 'merge-next', text: t('mergeNext') });
    var confirm = el('div', { 'class': 'confirm', hidden: '' });
    var form = el('form', {}, [
      el('p', { 'class': 'uid', text: t('thisStudy') + study.studyInstanceUid }),
      el('label', {}, [el('span', { text: t('into') + ' ' }), into]),
      el('label', {}, [correct, el('span', { text: ' ' + t('correctPatient') })]),
      next, cancelButton(), confirm,
      el('p', { 'class': 'error', role: 'alert' }), el('p', { 'class': 'hint' })
    ]);
    function reset() { confirm.hidden = true; confirm.replaceChildren(); next.disabled = false; }
    into.addEventListener('input', reset);
    correct.addEventListener('change', reset);
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var target = into.value.trim();
      form.querySelector('.error').textContent = '';
      form.querySelector('.hint').textContent = '';
      if (!target) { form.querySelector('.error').textContent = t('required'); return; }
      var yes = el('button', { type: 'button', 'class': 'small danger', 'data-action': 'merge', text: t('confirmButton') });
      var no = el('button', { type: 'button', 'class': 'small', text: t('cancel') });
      confirm.replaceChildren(
        el('p', { text: t('confirmMerge') }),
        correct.checked ? el('p', { text: t('confirmCorrect') }) : null,
        el('p', { 'class': 'uid', text: study.studyInstanceUid + ' → ' + target }),
        yes, no);
      confirm.hidden = false;
      next.disabled = true;
      no.addEventListener('click', reset);
      yes.addEventListener('click', function () {
        yes.disabled = true;
        post(encodeURIComponent(study.studyInstanceUid) + '/merge', { intoStudyInstanceUid: target, correctPatient: correct.checked }).then(function (result) {
          if (result.ok) {
            succeeded(study.studyInstanceUid, t('merged') + result.data.seriesMoved + t('mergedTail').replace('{i}', String(result.data.instancesMoved)));
            return;
          }
          reset();
          var differentPatient = (result.data || {}).code === 'different-patient';
          fail(form, result, differentPatient ? t('differentPatient') : '');
        }, reset);
      });
    });
    setTimeout(function () { into.focus(); }, 0);
    return form;
  }
  function cancelButton() {
    var b = el('button', { type: 'button', 'class': 'small', 'data-action': 'cancel', text: t('cancel') });
    b.addEventListener('click', function () { open = null; render(); });
    return b;
  }
  function toggle(uid, kind) {
    open = open && open.uid === uid && open.kind === kind ? null : { uid: uid, kind: kind };
    message('', false);
    render();
  }
  function render() {
    var body = document.querySelector('#studies tbody');
    body.replaceChildren();
    if (studies.length === 0) { body.appendChild(el('tr', { 'class': 'empty' }, [el('td', { colspan: '10', 'class': 'muted', text: t('none') })])); }
    studies.forEach(function (s) {
      var match = el('button', { type: 'button', 'class': 'small', 'data-action': 'match', text: t('match') });
      var merge = el('button', { type: 'button', 'class': 'small', 'data-action': 'merge-open', text: t('merge') });
      match.addEventListener('click', function () { toggle(s.studyInstanceUid, 'match'); });
      merge.addEventListener('click', function () { toggle(s.studyInstanceUid, 'merge'); });
      var mismatch = s.matchStatus === 'patient-mismatch';
      body.appendChild(el('tr', { 'data-uid': s.studyInstanceUid, 'data-status': s.matchStatus }, [
        el('td', {}, [el('span', { 'class': 'badge ' + (mismatch ? 'patient-mismatch' : 'unmatched'), text: t(mismatch ? 'patientMismatch' : 'unmatched') })]),
        el('td', { 'class': 'accession', text: s.accessionNumber }),
        el('td', { 'class': 'patient', text: s.patientId + (s.issuerOfPatientId ? '@' + s.issuerOfPatientId : '') }),
        el('td', { 'class': 'name', text: personName(s.patientName) }),
        el('td', { 'class': 'time', text: s.studyDate || '' }),
        el('td', { text: s.studyDescription }),
        el('td', { text: (s.modalities || []).join(', ') }),
        el('td', { 'class': 'num counts', text: s.seriesCount + ' / ' + s.instanceCount }),
        el('td', { 'class': 'time', text: dateTime(s.lastArrival) }),
        el('td', { 'class': 'actions' }, [match, merge])
      ]));
      if (open && open.uid === s.studyInstanceUid) {
        body.appendChild(el('tr', { 'class': 'form', 'data-form-for': s.studyInstanceUid, 'data-kind': open.kind }, [
          el('td', { colspan: '10' }, [open.kind === 'match' ? matchForm(s) : mergeForm(s)])
        ]));
      }
    });
    // Merge targets to pick from: the other waiting studies (any archived study's UID may be typed in).
    var targets = document.getElementById('targets');
    targets.replaceChildren();
    studies.forEach(function (s) {
      targets.appendChild(el('option', { value: s.studyInstanceUid, label: [s.accessionNumber, (s.modalities || []).join('/'), s.studyDate || ''].filter(Boolean).join(' · ') }));
    });
  }
  document.getElementById('lang').addEventListener('click', function () {
    lang = lang === 'en' ? 'zh' : 'en';
    localStorage.setItem('cf.lang', lang);
    translate();
    render();
  });
  document.getElementById('refresh').addEventListener('click', function () { message('', false); load(); });
  // A light refresh; never while someone is filling in a form.
  setInterval(function () { if (!open && !busy && document.body.getAttribute('data-state') !== 'denied') { load(true); } }, 30000);
  translate();
  load();
})();
