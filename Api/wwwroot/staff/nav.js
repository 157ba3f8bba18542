// Links between the staff pages, in the page header after its title. Follows the page's language: every staff page
// sets <html lang> when it switches, and this re-labels itself when that changes. The dispatch pages keep the pool
// they were opened with (?pool=), remembered for the way back from other pages.
(function () {
  'use strict';
  var pages = [
    { href: '/board', zh: '派单看板', en: 'Dispatch board', pooled: true },
    { href: '/board/manage', zh: '工位与排班', en: 'Stations & rosters', pooled: true },
    { href: '/worklist', zh: '我的工作列表', en: 'My worklist', pooled: true },
    { href: '/reconciliation', zh: '影像核对', en: 'Image reconciliation' },
  ];
  var pool = new URLSearchParams(location.search).get('pool');
  if (pool) {
    localStorage.setItem('cf.pool', pool);
  } else {
    pool = localStorage.getItem('cf.pool');
  }
  var header = document.querySelector('header');
  if (!header) {
    return;
  }
  var nav = document.createElement('nav');
  nav.className = 'staff-nav';
  var links = pages.map(function (page) {
    var a = document.createElement('a');
    a.href = page.pooled && pool ? page.href + '?pool=' + encodeURIComponent(pool) : page.href;
    if (location.pathname === page.href) {
      a.setAttribute('aria-current', 'page');
    }
    nav.appendChild(a);
    return a;
  });
  var title = header.querySelector('h1');
  header.insertBefore(nav, title ? title.nextSibling : header.firstChild);

  function label() {
    var english = document.documentElement.lang === 'en';
    nav.setAttribute('aria-label', english ? 'Staff pages' : '工作页面');
    links.forEach(function (a, i) { a.textContent = english ? pages[i].en : pages[i].zh; });
  }
  label();
  new MutationObserver(label).observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
})();
