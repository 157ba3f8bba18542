// A reader's own worklist: open tasks pushed live from the pool (start, complete, hand back with a reason) and the
// tasks they completed in the last day, from the worklist table. State for tests is on body[data-state].
(function () {
  'use strict';
  var pool = new URLSearchParams(location.search).get('pool') || 'default';
  var lang = localStorage.getItem('cf.lang') || 'zh';
  var me = null, view = null;
  var text = {
    zh: { title: '我的工作列表', mine: '我的任务', done: '今日已完成', start: '开始', complete: '完成', handBack: '退回', reason: '退回原因',
      none: '暂无任务', live: '实时', reconnecting: '重新连接中…', error: '连接失败', emergency: '急诊', vip: 'VIP', urgent: '加急', routine: '常规',
      assigned: '待读', started: '阅片中', failed: '操作失败' },
    en: { title: 'My worklist', mine: 'My tasks', done: 'Completed today', start: 'Start', complete: 'Complete', handBack: 'Hand back', reason: 'Reason for handing back',
      none: 'Nothing here', live: 'Live', reconnecting: 'Reconnecting…', error: 'Connection failed', emergency: 'Emergency', vip: 'VIP', urgent: 'Urgent',
      routine: 'Routine', assigned: 'To read', started: 'Reading', failed: 'Action failed' }
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
    document.getElementById('lang').textContent = lang === 'en' ? '中文' : 'EN';
    document.querySelectorAll('[data-t]').forEach(function (n) { n.textContent = t(n.getAttribute('data-t')); });
    var state = document.body.getAttribute('data-state');
    if (state && state !== 'loading') { document.getElementById('status').textContent = t(state); }
  }
  function act(taskId, action, body) {
    return fetch('/api/v1/dispatch/pools/' + encodeURIComponent(pool) + '/tasks/' + encodeURIComponent(taskId) + '/' + action, {
      method: 'POST', credentials: 'same-origin', headers: body ? { 'Content-Type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined
    }).then(function (r) { if (!r.ok) { document.getElementById('status').textContent = t('failed') + ' (' + r.status + ')'; } loadDone(); });
  }
  function button(label, onClick) { var b = el('button', { type: 'button', 'class': 'small', text: t(label), 'data-action': label }); b.addEventListener('click', onClick); return b; }
  function render() {
    var list = document.getElementById('mine');
    list.replaceChildren();
    var mine = view && me ? view.tasks.filter(function (task) { return task.readerId === me; }) : [];
    if (mine.length === 0) { list.appendChild(el('li', { 'class': 'muted', text: t('none') })); }
    mine.forEach(function (task) {
      list.appendChild(el('li', { 'class': 'task ' + task.priority, 'data-task': task.taskId, 'data-status': task.status }, [
        el('span', { text: t(task.priority) + ' · ' + task.subject.examItem + ' · ' + task.subject.studyKey + ' · ' + t(task.status) }),
        el('span', { 'class': 'actions' }, [
          task.status === 'assigned' ? button('start', function () { act(task.taskId, 'start'); }) : null,
          button('complete', function () { act(task.taskId, 'complete'); }),
          button('handBack', function () { var r = prompt(t('reason')); if (r) { act(task.taskId, 'hand-back', { reason: r }); } })
        ])
      ]));
    });
  }
  function loadDone() {
    fetch('/api/v1/dispatch/worklist?reader=me&status=completed&pool=' + encodeURIComponent(pool), { credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.json() : []; })
      .then(function (rows) {
        var list = document.getElementById('done');
        list.replaceChildren();
        rows.forEach(function (row) { list.appendChild(el('li', { 'class': 'task', 'data-task': row.taskId }, [el('span', { text: row.examItem + ' · ' + row.studyKey })])); });
      });
  }
  document.getElementById('lang').addEventListener('click', function () {
    lang = lang === 'en' ? 'zh' : 'en';
    localStorage.setItem('cf.lang', lang);
    translate();
    render();
  });
  translate();
  fetch('/api/v1/staff/session', { credentials: 'same-origin' }).then(function (r) { return r.json(); }).then(function (who) {
    me = who.name;
    loadDone();
    window.DispatchHub(pool, function (next) {
      if (view && next.version < view.version) { return; }
      view = next;
      document.body.setAttribute('data-version', String(view.version));
      render();
    }, function (s) {
      document.body.setAttribute('data-state', s);
      document.getElementById('status').textContent = t(s);
    });
  });
})();
