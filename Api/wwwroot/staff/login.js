// Staff sign-in: posts the name and password, then goes back to the page that asked for it.
(function () {
  'use strict';
  var lang = localStorage.getItem('cf.lang') || 'zh';
  var text = {
    zh: { name: '用户名', password: '密码', signIn: '登录', wrong: '用户名或密码不正确。', error: '出错了，请稍后再试。' },
    en: { name: 'User name', password: 'Password', signIn: 'Sign in', wrong: 'The name or password is not right.', error: 'Something went wrong; try again.' }
  };
  function t(k) { return (text[lang] || text.zh)[k]; }
  function translate() {
    Array.prototype.forEach.call(document.querySelectorAll('[data-t]'), function (n) { n.textContent = t(n.getAttribute('data-t')); });
    document.getElementById('lang').textContent = lang === 'zh' ? 'English' : '中文';
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }
  function target() {
    var back = new URLSearchParams(location.search).get('ReturnUrl') || new URLSearchParams(location.search).get('return') || '/';
    // Only paths on this site: never send a signed-in user elsewhere.
    return back.charAt(0) === '/' && back.charAt(1) !== '/' ? back : '/';
  }
  document.getElementById('lang').onclick = function () { lang = lang === 'zh' ? 'en' : 'zh'; localStorage.setItem('cf.lang', lang); translate(); };
  document.getElementById('form').onsubmit = function (e) {
    e.preventDefault();
    var message = document.getElementById('message');
    fetch('/api/v1/staff/session', {
      method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: document.getElementById('name').value, password: document.getElementById('password').value })
    }).then(function (r) {
      if (r.ok) { document.body.setAttribute('data-state', 'signed-in'); location.href = target(); return; }
      message.textContent = r.status === 401 ? t('wrong') : t('error');
      document.body.setAttribute('data-state', 'failed');
    }, function () { message.textContent = t('error'); });
  };
  translate();
})();
