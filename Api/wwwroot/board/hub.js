// A minimal SignalR client (JSON protocol over a WebSocket) for the dispatch hub: enough for watch() and pushed
// "pool" messages, with pings and reconnection. No library: the boards must load fast on old ward PCs.
(function () {
  'use strict';
  var RS = '\u001e';
  window.DispatchHub = function (poolId, onView, onStatus) {
    var socket = null, nextId = 1, pending = {}, pingTimer = null, closed = false, delay = 500;
    function send(message) { socket.send(JSON.stringify(message) + RS); }
    function connect() {
      var url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/hubs/dispatch';
      socket = new WebSocket(url);
      var handshaken = false;
      socket.onopen = function () { socket.send(JSON.stringify({ protocol: 'json', version: 1 }) + RS); };
      socket.onmessage = function (event) {
        String(event.data).split(RS).forEach(function (frame) {
          if (!frame) { return; }
          var message = JSON.parse(frame);
          if (!handshaken) {
            handshaken = true;
            if (message.error) { onStatus('error'); return; }
            delay = 500;
            pingTimer = setInterval(function () { send({ type: 6 }); }, 15000);
            invoke('Watch', [poolId]).then(function (json) { onView(JSON.parse(json)); onStatus('live'); }, function () { onStatus('error'); });
            return;
          }
          if (message.type === 1 && message.target === 'pool') { onView(JSON.parse(message.arguments[0])); }
          else if (message.type === 3 && pending[message.invocationId]) {
            var p = pending[message.invocationId];
            delete pending[message.invocationId];
            if (message.error) { p.reject(message.error); } else { p.resolve(message.result); }
          } else if (message.type === 7) { socket.close(); }
        });
      };
      socket.onclose = function () {
        clearInterval(pingTimer);
        if (closed) { return; }
        onStatus('reconnecting');
        setTimeout(connect, delay);
        delay = Math.min(delay * 2, 10000);
      };
    }
    function invoke(target, args) {
      var id = String(nextId++);
      return new Promise(function (resolve, reject) {
        pending[id] = { resolve: resolve, reject: reject };
        send({ type: 1, invocationId: id, target: target, arguments: args });
      });
    }
    connect();
    return { close: function () { closed = true; if (socket) { socket.close(); } } };
  };
})();
