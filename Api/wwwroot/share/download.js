// The download page: shows what will be downloaded, how large and until when, asks for the extraction code,
// then starts the download through a one-time link so the browser streams it straight to disk.
import { el, setPageState } from '/page/dom.js';
import { languageTag, pageText } from '/page/language.js';
import { request } from '/page/api.js';

const id = decodeURIComponent(location.pathname.split('/')[2] || '');
const api = '/api/v1/downloads/' + encodeURIComponent(id);
const main = document.getElementById('main');
const { t } = pageText({
  title: ['云胶片下载', 'Cloud film download'],
  loading: ['正在加载…', 'Loading…'],
  dicom: ['原始影像（DICOM，含 DICOMDIR）', 'Original images (DICOM, with DICOMDIR)'],
  jpeg: ['图片（JPEG）', 'Pictures (JPEG)'],
  format: ['内容', 'Contents'],
  size: ['文件大小约', 'Size about'],
  until: ['有效期至', 'Valid until'],
  code: ['提取码', 'Extraction code'],
  go: ['下载', 'Download'],
  wrong: ['提取码不正确，还可尝试 {n} 次', 'Wrong code; {n} attempts left'],
  locked: ['错误次数过多，请稍后再试。', 'Too many wrong codes; try again later.'],
  expired: ['下载已过期。', 'This download has expired.'],
  withdrawn: ['分享已撤回。', 'The share was withdrawn.'],
  unknown: ['下载链接无效。', 'This download link is not valid.'],
  started: ['下载已开始。', 'The download has started.'],
  deid: ['已去除身份信息', 'identity removed'],
}, { onChange: () => start() });

function stop(key) {
  setPageState(key);
  main.replaceChildren(el('div', { class: 'card' }, el('p', { class: 'error', text: t(key) })));
}
function start() {
  request('GET', api, { signIn: false }).then((d) => {
    const code = el('input', { id: 'code', maxlength: '6', autocomplete: 'off' });
    const go = el('button', { type: 'button', class: 'primary', id: 'go', text: t('go') });
    const message = el('p', { id: 'message', class: 'muted' });
    main.replaceChildren(el('div', { class: 'card' },
      el('dl', {},
        el('dt', { text: t('format') }), el('dd', { text: t(d.format) + (d.deidentified ? ' · ' + t('deid') : '') }),
        el('dt', { text: t('size') }), el('dd', { id: 'size', text: d.approximateBytes == null ? '—' : (d.approximateBytes / 1048576).toFixed(1) + ' MB' }),
        el('dt', { text: t('until') }), el('dd', { text: new Date(d.expiresAt).toLocaleString(languageTag()) })),
      el('label', { for: 'code', text: t('code') }), code, go, message));
    setPageState('ready');
    go.onclick = () => {
      go.disabled = true;
      request('POST', api + '/grant', { body: { code: code.value.trim() }, signIn: false }).then((granted) => {
        go.disabled = false;
        message.textContent = t('started');
        setPageState('downloading');
        location.href = granted.url;
      }, (problem) => {
        go.disabled = false;
        if (problem.status === 401) { message.textContent = t('wrong', { n: problem.body && problem.body.attemptsLeft }); message.className = 'error'; return; }
        stop((problem.body && problem.body.state) || 'unknown');
      });
    };
  }, () => stop('unknown'));
}
start();
