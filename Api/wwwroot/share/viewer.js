// The cloud film image viewer: series thumbnails, one or four viewports, scroll through images (swipe, wheel,
// keys), pinch or wheel+ctrl to zoom, pan, window presets and drag-to-window, cine for multi-frame series.
// Images are JPEGs rendered by the server: a small one first, the full one right after, windowed on request.
import { el } from '/page/dom.js';
import { request } from '/page/api.js';

var presets = {
  CT: [
    { key: 'default', wc: null, ww: null },
    { key: 'lung', wc: -600, ww: 1500 },
    { key: 'mediastinum', wc: 40, ww: 400 },
    { key: 'bone', wc: 400, ww: 1800 },
    { key: 'brain', wc: 40, ww: 80 },
    { key: 'abdomen', wc: 40, ww: 350 }
  ],
  other: [{ key: 'default', wc: null, ww: null }]
};

export function CloudFilmViewer(root, options) {
  this.root = root;
  this.base = options.base;          // e.g. /api/v1/share/{token}/studies/{key}
  this.t = options.t;                // translate
  this.series = [];
  this.layout = 1;
  this.viewports = [];
  this.mode = 'scroll';
  this.cineTimer = null;
}

CloudFilmViewer.prototype.load = function () {
  var self = this;
  return request('GET', this.base + '/series', { signIn: false }).then(function (series) {
    self.series = series.filter(function (s) { return s.images.length > 0; });
    self.render();
    return self.series.length;
  });
};

CloudFilmViewer.prototype.frameUrl = function (image, quality, window) {
  var url = this.base + '/instances/' + encodeURIComponent(image.sopInstanceUid) + '/frames/' + image.frame + '?quality=' + quality;
  if (window && window.wc != null) { url += '&wc=' + window.wc + '&ww=' + window.ww; }
  return url;
};

CloudFilmViewer.prototype.render = function () {
  var self = this, t = this.t;
  this.root.innerHTML = '';
  if (this.series.length === 0) { this.root.appendChild(el('p', { class: 'muted', text: t('noImages') })); return; }

  var strip = el('div', { class: 'strip' });
  this.series.forEach(function (s, i) {
    var b = el('button', { class: 'thumb' });
    b.type = 'button';
    b.setAttribute('data-series', i);
    var img = new Image();
    img.alt = s.description || s.modality;
    img.src = self.frameUrl(s.images[Math.floor(s.images.length / 2)], 'thumb');
    b.appendChild(img);
    b.appendChild(el('span', { text: (s.modality || '') + ' ' + (s.number != null ? '#' + s.number : '') + ' · ' + s.images.length }));
    b.onclick = function () { self.show(self.active || 0, i, 0); };
    strip.appendChild(b);
  });
  this.root.appendChild(strip);

  var tools = el('div', { class: 'tools' });
  var modality = this.series[0].modality === 'CT' ? 'CT' : 'other';
  (presets[modality]).forEach(function (p) {
    var b = el('button', { class: 'tool', text: t('preset_' + p.key) });
    b.type = 'button';
    b.setAttribute('data-preset', p.key);
    b.onclick = function () { self.setWindow(p.wc == null ? null : { wc: p.wc, ww: p.ww }); };
    tools.appendChild(b);
  });
  [['scroll', 'modeScroll'], ['window', 'modeWindow'], ['pan', 'modePan']].forEach(function (m) {
    var b = el('button', { class: 'tool mode', text: t(m[1]) });
    b.type = 'button';
    b.setAttribute('data-mode', m[0]);
    b.onclick = function () { self.mode = m[0]; self.markTools(); };
    tools.appendChild(b);
  });
  var cine = el('button', { class: 'tool', text: t('cine') });
  cine.type = 'button';
  cine.id = 'cine';
  cine.onclick = function () { self.toggleCine(); };
  tools.appendChild(cine);
  if (window.matchMedia('(min-width: 700px)').matches) {
    var layout = el('button', { class: 'tool', text: '1 / 2×2' });
    layout.type = 'button';
    layout.id = 'layout';
    layout.onclick = function () { self.setLayout(self.layout === 1 ? 4 : 1); };
    tools.appendChild(layout);
  }
  this.root.appendChild(tools);

  this.grid = el('div', { class: 'grid' });
  this.root.appendChild(this.grid);
  this.setLayout(1);
  this.markTools();
};

CloudFilmViewer.prototype.markTools = function () {
  var mode = this.mode;
  Array.prototype.forEach.call(this.root.querySelectorAll('[data-mode]'), function (b) {
    b.classList.toggle('on', b.getAttribute('data-mode') === mode);
  });
};

CloudFilmViewer.prototype.setLayout = function (n) {
  var self = this;
  this.layout = n;
  this.grid.className = 'grid layout-' + n;
  this.grid.innerHTML = '';
  this.viewports = [];
  for (var i = 0; i < n; i++) {
    var vp = new Viewport(this, i);
    this.viewports.push(vp);
    this.grid.appendChild(vp.element);
    vp.show(Math.min(i, this.series.length - 1), 0);
  }
  this.active = 0;
  document.body.setAttribute('data-layout', String(n));
  setTimeout(function () { self.viewports.forEach(function (v) { v.fit(); }); }, 0);
};

CloudFilmViewer.prototype.show = function (viewport, series, index) { this.viewports[viewport].show(series, index); };

CloudFilmViewer.prototype.setWindow = function (win) {
  var vp = this.viewports[this.active || 0];
  vp.window = win;
  vp.load();
};

CloudFilmViewer.prototype.toggleCine = function () {
  var self = this, button = document.getElementById('cine');
  if (this.cineTimer) { clearInterval(this.cineTimer); this.cineTimer = null; button.classList.remove('on'); return; }
  button.classList.add('on');
  this.cineTimer = setInterval(function () { var vp = self.viewports[self.active || 0]; vp.step(1, true); }, 100);
};

function Viewport(viewer, number) {
  var self = this;
  this.viewer = viewer;
  this.number = number;
  this.element = el('div', { class: 'viewport' });
  this.element.setAttribute('data-viewport', number);
  this.image = new Image();
  this.image.className = 'frame';
  this.image.draggable = false;
  this.element.appendChild(this.image);
  this.label = el('div', { class: 'label' });
  this.element.appendChild(this.label);
  this.zoom = 1; this.panX = 0; this.panY = 0; this.window = null; this.preview = null;
  this.image.onload = function () {
    self.element.setAttribute('data-rendered', self.image.getAttribute('data-quality'));
    if (self.image.getAttribute('data-quality') === 'low') { self.loadHigh(); }
    if (!document.body.hasAttribute('data-first-image-ms')) {
      // Time from the start of navigation to the first image painted: what `./cloudfilm bench share` reads.
      document.body.setAttribute('data-first-image-ms', String(Math.round(performance.now())));
    }
    document.body.setAttribute('data-image', 'shown');
  };
  this.attachGestures();
}

Viewport.prototype.show = function (series, index) {
  this.seriesIndex = series;
  this.index = index;
  this.window = null;
  this.zoom = 1; this.panX = 0; this.panY = 0;
  this.load();
};

Viewport.prototype.current = function () { return this.viewer.series[this.seriesIndex].images[this.index]; };

Viewport.prototype.load = function () {
  var image = this.current(), s = this.viewer.series[this.seriesIndex];
  this.image.style.filter = '';
  this.image.setAttribute('data-quality', 'low');
  this.image.src = this.viewer.frameUrl(image, 'low', this.window);
  this.label.textContent = (s.description || s.modality) + '  ' + (this.index + 1) + '/' + s.images.length +
    (this.window ? '  W ' + this.window.ww + ' L ' + this.window.wc : '');
  this.element.setAttribute('data-index', this.index);
  this.prefetch();
  this.apply();
};

Viewport.prototype.loadHigh = function () {
  var url = this.viewer.frameUrl(this.current(), 'high', this.window), self = this, img = new Image();
  img.onload = function () { if (self.image.getAttribute('data-quality') === 'low') { self.image.setAttribute('data-quality', 'high'); self.image.src = url; } };
  img.src = url;
};

Viewport.prototype.prefetch = function () {
  var images = this.viewer.series[this.seriesIndex].images;
  for (var d = 1; d <= 2; d++) {
    [this.index + d, this.index - d].forEach(function (i) {
      if (i >= 0 && i < images.length) { var img = new Image(); img.src = this.viewer.frameUrl(images[i], 'low', this.window); }
    }, this);
  }
};

Viewport.prototype.step = function (delta, wrap) {
  var count = this.viewer.series[this.seriesIndex].images.length, next = this.index + delta;
  if (wrap) { next = (next + count) % count; }
  next = Math.max(0, Math.min(count - 1, next));
  if (next !== this.index) { this.index = next; this.load(); }
};

Viewport.prototype.fit = function () { this.apply(); };

Viewport.prototype.apply = function () {
  this.image.style.transform = 'translate(' + this.panX + 'px,' + this.panY + 'px) scale(' + this.zoom + ')';
};

Viewport.prototype.attachGestures = function () {
  var self = this, points = {}, start = null;
  var surface = this.element;
  surface.addEventListener('pointerdown', function (e) {
    surface.setPointerCapture(e.pointerId);
    points[e.pointerId] = { x: e.clientX, y: e.clientY };
    self.viewer.active = self.number;
    start = { x: e.clientX, y: e.clientY, zoom: self.zoom, panX: self.panX, panY: self.panY, index: self.index,
      window: self.window || { wc: 0, ww: 0 }, distance: distance(points) };
  });
  surface.addEventListener('pointermove', function (e) {
    if (!points[e.pointerId] || !start) { return; }
    points[e.pointerId] = { x: e.clientX, y: e.clientY };
    var ids = Object.keys(points);
    if (ids.length >= 2) {                       // pinch: zoom
      var d = distance(points);
      if (start.distance > 0) { self.zoom = Math.max(0.5, Math.min(8, start.zoom * d / start.distance)); self.apply(); }
      return;
    }
    var dx = e.clientX - start.x, dy = e.clientY - start.y;
    if (self.viewer.mode === 'pan' || self.zoom > 1.05 && self.viewer.mode === 'scroll' && Math.abs(dx) > Math.abs(dy) * 2) {
      self.panX = start.panX + dx; self.panY = start.panY + dy; self.apply();
    } else if (self.viewer.mode === 'window') {
      // Drag right widens the window, down raises the level; preview with CSS until the server renders it.
      var ww = Math.max(1, Math.round((start.window.ww || 400) + dx * 4));
      var wc = Math.round((start.window.wc || 40) + dy * 2);
      self.preview = { wc: wc, ww: ww };
      var base = start.window.ww || 400;
      self.image.style.filter = 'contrast(' + Math.max(0.2, base / ww).toFixed(2) + ') brightness(' + Math.max(0.2, 1 - (wc - (start.window.wc || 40)) / 400).toFixed(2) + ')';
      self.label.textContent = 'W ' + ww + ' L ' + wc;
    } else {
      var steps = Math.round(dy / 12);
      var count = self.viewer.series[self.seriesIndex].images.length;
      var next = Math.max(0, Math.min(count - 1, start.index + steps));
      if (next !== self.index) { self.index = next; self.load(); }
    }
  });
  function end(e) {
    delete points[e.pointerId];
    if (Object.keys(points).length === 0) {
      if (self.preview) { self.window = self.preview; self.preview = null; self.load(); }
      start = null;
    }
  }
  surface.addEventListener('pointerup', end);
  surface.addEventListener('pointercancel', end);
  surface.addEventListener('wheel', function (e) {
    e.preventDefault();
    if (e.ctrlKey) { self.zoom = Math.max(0.5, Math.min(8, self.zoom * (e.deltaY < 0 ? 1.1 : 0.9))); self.apply(); }
    else { self.step(e.deltaY > 0 ? 1 : -1); }
  }, { passive: false });
  surface.addEventListener('dblclick', function () { self.zoom = 1; self.panX = 0; self.panY = 0; self.apply(); });
};

function distance(points) {
  var p = Object.keys(points).map(function (k) { return points[k]; });
  return p.length < 2 ? 0 : Math.hypot(p[0].x - p[1].x, p[0].y - p[1].y);
}

document.addEventListener('keydown', function (e) {
  var v = window.cloudFilmViewer;
  if (!v || !v.viewports.length) { return; }
  var vp = v.viewports[v.active || 0];
  if (e.key === 'ArrowDown' || e.key === 'PageDown') { vp.step(1); }
  if (e.key === 'ArrowUp' || e.key === 'PageUp') { vp.step(-1); }
});
