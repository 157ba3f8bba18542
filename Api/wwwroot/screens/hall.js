"use strict";
// Hall screen: several queues in regions; per room the called patient; who should get ready; the missed list;
// a scrolling notice line. Draws only pushed snapshots; speaks each call with the server-provided text.
(() => {
  const text = QueueText({
    zh: { hall: "候诊大屏", connecting: "连接中", online: "在线", offline: "离线，正在重新连接…", denied: "屏幕未授权",
      room: "诊室", now: "正在呼叫", prepare: "请准备", missed: "过号", paused: "暂停", none: "—" },
    en: { hall: "Waiting hall", connecting: "Connecting", online: "Online", offline: "Offline, reconnecting…", denied: "Screen not authorised",
      room: "Room", now: "Now calling", prepare: "Please get ready", missed: "Missed", paused: "Paused", none: "—" },
  });
  const screenId = decodeURIComponent(location.pathname.split("/").pop());
  const token = screenToken(screenId);
  let screen = null;
  const snapshots = new Map();

  function setState(state) {
    document.body.dataset.state = state;
    document.getElementById("status").textContent = text.t(state);
    if (state !== "online") document.getElementById("offline").textContent = text.t(state === "denied" ? "denied" : "offline");
  }

  function applyTheme(theme) {
    const root = document.documentElement.style;
    root.setProperty("--bg", theme.background);
    root.setProperty("--fg", theme.foreground);
    root.setProperty("--accent", theme.accent);
    root.setProperty("--scale", theme.fontScale);
  }

  function render(flashRoom) {
    const main = document.getElementById("regions");
    main.replaceChildren();
    for (const region of screen.regions) {
      const snap = snapshots.get(region.queueId);
      if (!snap) continue;
      const rooms = snap.rooms.filter((r) => !region.roomIds || region.roomIds.includes(r.room.roomId));
      const table = el("table", { class: "calls" });
      for (const r of rooms) {
        const row = el("tr", { "data-room": r.room.roomId, class: r.room.roomId === flashRoom ? "flash" : "" },
          el("td", {}, r.room.name),
          el("td", { class: "number" }, r.current ? r.current.displayNumber : text.t("none")),
          el("td", { class: "name" }, r.paused ? text.t("paused") : (r.current ? r.current.maskedName : "")));
        table.append(row);
      }
      const prepare = el("ul");
      const roomIds = rooms.map((r) => r.room.roomId);
      for (const t of snap.waiting.filter((t) => !t.roomId || roomIds.includes(t.roomId))) {
        prepare.append(el("li", {}, `${t.displayNumber} ${t.maskedName}`));
      }
      const waiting = el("div", { class: "waiting" }, prepare);
      const missed = el("div", { class: "missed" }, text.t("missed") + ": " + (snap.missed.map((t) => `${t.displayNumber} ${t.maskedName}`).join("  ") || text.t("none")));
      main.append(el("section", { class: "region", "data-queue": snap.queueId },
        el("h2", {}, region.title || snap.name),
        el("h3", {}, text.t("now")), table,
        el("h3", {}, text.t("prepare")), waiting, missed));
      // Auto-scroll when more wait than fit: duplicate the list so the loop is seamless.
      if (prepare.scrollHeight > waiting.clientHeight + 4) {
        prepare.append(...[...prepare.children].map((li) => li.cloneNode(true)));
        waiting.classList.add("scrolling");
      }
    }
    document.body.dataset.revision = [...snapshots.values()].map((s) => s.revision).join(",");
  }

  function onEvent(e) {
    const current = snapshots.get(e.queueId);
    if (e.snapshot && (!current || e.snapshot.revision >= current.revision)) snapshots.set(e.queueId, e.snapshot);
    if (e.call) {
      render(e.call.roomId);
      document.body.dataset.lastCall = `${e.call.ticket.displayNumber} ${e.call.ticket.maskedName} ${e.call.roomName}`;
      if (screen.speakCalls && current) speakCall(e.call.spokenText, current.voice);
    } else if (e.snapshot) {
      render();
    } else if (current && e.revision > current.revision + 1) {
      live.invoke("Snapshot", e.queueId).then((s) => { snapshots.set(e.queueId, s); render(); });
    }
  }

  const live = new QueueLive("/hubs/queues", {
    onEvent,
    onState: setState,
    onJoin: async (link) => {
      if (!token) throw new Error("no token");
      const view = await link.invoke("JoinScreen", token);
      screen = view.screen;
      snapshots.clear();
      for (const s of view.queues) snapshots.set(s.queueId, s);
      applyTheme(screen.theme);
      document.getElementById("title").textContent = screen.title || text.t("hall");
      document.getElementById("notice").textContent = screen.notice || "";
      render();
    },
  });
  document.getElementById("lang").onclick = () => { text.toggle(); if (screen) render(); };
  text.apply();
  window.queueLive = live; // for tests and diagnostics
  if (!token) setState("denied"); else live.start();
  // Safety net for a lost push: redraw from a fresh snapshot every minute.
  setInterval(async () => {
    if (document.body.dataset.state !== "online" || !screen) return;
    for (const id of snapshots.keys()) snapshots.set(id, await live.invoke("Snapshot", id));
    render();
  }, 60000);
})();
