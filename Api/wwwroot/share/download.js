// The download page: shows what will be downloaded, how large and until when, asks for the extraction code,
// then starts the download through a one-time link so the browser streams it straight to disk.
(function () {
  'use strict';
  var id = decodeURIComponent(location.pathname.split('/')[2] || '');
  var api = '/api/v1/downloads/' + encodeURIComponent(id);
  var main = document.getElementById('main');
  var lang = localStorage.getItem('cf.lang') || 'zh';
  var text = {
    zh: { title: '云胶片下载', loading: '正在加载…', dicom: '原始影像（DICOM，含 DICOMDIR）', jpeg: '图片（JPEG）', format: '内容',
      size: '文件大小约', until: '有效期至', code: '提取码', go: '下载', wrong: '提取码不正确，还可尝试 {n} 次', locked: '错误次数过多，请稍后再试。',
      expired: '下载已过期。', withdrawn: '分享已撤回。', unknown: '下载链接无效。', started: '下载已开始。', deid: '已去除身份信息' },
    en: { title: 'Cloud film download', loading: 'Loading…', dicom: 'Original images (DICOM, with DICOMDIR)', jpeg: 'Pictures (JPEG)', format: 'Contents',
      size: 'Size about', until: 'Valid until', code: 'Extraction code', go: 'Download', wrong: 'Wrong code; {n} attempts left', locked: 'Too many wrong codes; try again later.',
      expired: 'This download has expired.', withdrawn: 'The share was withdrawn.', unknown: 'This download link is not valid.', started: 'The download has started.', deid: 'identity removed' }
  };
  function t(k, v) { var s = (text[lang] || text.zh)[k] || k; for (var x in (v || {})) { s = s.replace('{' + x + '}', v[x]); } return s; }
  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    for (var k in (attrs || {})) { if (k === 'text') { e.textContent = attrs[k]; } else { e.setAttribute(k, attrs[k]); } }
    (children || []).forEach(function (c) { e.appendChild(c); });
    return e;
  }
  function stop(key) { document.body.setAttribute('data-state', key); main.innerHTML = ''; main.appendChild(el('div', { 'class': 'card' }, [el('p', { 'class': 'error', text: t(key) })])); }
  function start() {
    document.title = t('title');
    Array.prototype.forEach.call(document.querySelectorAll('[data-t]'), function (n) { n.textContent = t(n.getAttribute('data-t')); });
    document.getElementById('lang').textContent = lang === 'zh' ? 'EN' : '中文';
    fetch(api).then(function (r) { return r.json().then(function (b) { return { status: r.status, body: b }; }); }).then(function (r) {
      if (r.status !== 200) { stop('unknown'); return; }
      var d = r.body;
      var code = el('input', { id: 'code', maxlength: '6', autocomplete: 'off' });
      var go = el('button', { type: 'button', 'class': 'primary', id: 'go', text: t('go') });
      var message = el('p', { id: 'message', 'class': 'muted' });
      main.innerHTML = '';
      main.appendChild(el('div', { 'class': 'card' }, [
        el('dl', {}, [
          el('dt', { text: t('format') }), el('dd', { text: t(d.format) + (d.deidentified ? ' · ' + t('deid') : '') }),
          el('dt', { text: t('size') }), el('dd', { id: 'size', text: d.approximateBytes == null ? '—' : (d.approximateBytes / 1048576).toFixed(1) + ' MB' }),
          el('dt', { text: t('until') }), el('dd', { text: new Date(d.expiresAt).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en') })
        ]),
        el('label', { 'for': 'code', text: t('code') }), code, go, message
      ]));
      document.body.setAttribute('data-state', 'ready');
      go.onclick = function () {
        go.disabled = true;
        fetch(api + '/grant', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code: code.value.trim() }) })
          .then(function (r) { return r.json().then(function (b) { return { status: r.status, body: b }; }); })
          .then(function (r) {
            go.disabled = false;
            if (r.status === 200) { message.textContent = t('started'); document.body.setAttribute('data-state', 'downloading'); location.href = r.body.url; return; }
            if (r.status === 401) { message.textContent = t('wrong', { n: r.body.attemptsLeft }); message.className = 'error'; return; }
            stop(r.body && r.body.state || 'unknown');
          });
      };
    });
  }
  document.getElementById('lang').onclick = function () { lang = lang === 'zh' ? 'en' : 'zh'; localStorage.setItem('cf.lang', lang); start(); };
  start();
})();
