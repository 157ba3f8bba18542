"use strict";
// Room-door screen: the room, its reader, the patient being called and the 2–3 pre-called patients at the door.
(() => {
  const text = QueueText({
    zh: { connecting: "连接中", online: "在线", offline: "离线，正在重新连接…", denied: "屏幕未授权", now: "正在就诊", prepare: "请在门口等候", paused: "暂停接诊" },
    en: { connecting: "Connecting", online: "Online", offline: "Offline, reconnecting…", denied: "Screen not authorised", now: "Now seeing", prepare: "Please wait at the door", paused: "Paused" },
  });
  const screenId = decodeURIComponent(location.pathname.split("/").pop());
  const token = screenToken(screenId);
  let screen = null;
  let snapshot = null;

  function setState(state) {
    document.body.dataset.state = state;
    document.getElementById("status").textContent = text.t(state);
    document.getElementById("offline").textContent = text.t(state === "denied" ? "denied" : "offline");
  }

  function render() {
    const roomId = screen.regions[0].roomIds[0];
    const room = snapshot.rooms.find((r) => r.room.roomId === roomId);
    if (!room) return;
    document.getElementById("title").textContent = screen.title || room.room.name;
    document.getElementById("reader").textContent = room.room.readerName || "";
    document.getElementById("readerTitle").textContent = room.room.readerTitle || "";
    const photo = document.getElementById("photo");
    if (room.room.readerPhotoUrl) photo.src = room.room.readerPhotoUrl; else photo.removeAttribute("src");
    document.getElementById("current").textContent = room.current ? room.current.displayNumber : "—";
    document.getElementById("currentName").textContent = room.paused ? text.t("paused") : (room.current ? room.current.maskedName : "");
    document.getElementById("next").replaceChildren(...room.next.slice(0, 3).map((t) => el("li", {}, `${t.displayNumber} ${t.maskedName}`)));
    document.getElementById("notes").textContent = room.room.notes || "";
    document.body.dataset.revision = String(snapshot.revision);
  }

  const live = new QueueLive("/hubs/queues", {
    onState: setState,
    onEvent: (e) => {
      if (e.snapshot && (!snapshot || e.snapshot.revision >= snapshot.revision)) { snapshot = e.snapshot; render(); }
      if (e.call && e.call.roomId === screen.regions[0].roomIds[0]) {
        document.body.dataset.lastCall = `${e.call.ticket.displayNumber} ${e.call.ticket.maskedName} ${e.call.roomName}`;
      }
    },
    onJoin: async (link) => {
      if (!token) throw new Error("no token");
      const view = await link.invoke("JoinScreen", token);
      screen = view.screen;
      snapshot = view.queues[0];
      const t = screen.theme, root = document.documentElement.style;
      root.setProperty("--bg", t.background); root.setProperty("--fg", t.foreground); root.setProperty("--accent", t.accent); root.setProperty("--scale", t.fontScale);
      render();
    },
  });
  document.getElementById("lang").onclick = () => { text.toggle(); if (screen) render(); };
  text.apply();
  window.queueLive = live; // for tests and diagnostics
  if (!token) setState("denied"); else live.start();
  setInterval(async () => {
    if (document.body.dataset.state !== "online" || !screen) return;
    snapshot = await live.invoke("Snapshot", snapshot.queueId);
    render();
  }, 60000);
})();
