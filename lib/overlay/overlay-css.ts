// The overlay's styles, inside its shadow root: the page's CSS cannot reach them and they cannot reach the page.
export const OVERLAY_CSS = `
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
.lens, .hover {
  --bg: #ffffff; --fg: #0f172a; --muted: #475569; --line: #cbd5e1; --accent: #1d4ed8; --accent-fg: #ffffff;
  --chip: #f1f5f9; --focus: #2563eb;
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: var(--fg); letter-spacing: normal; text-align: left; text-transform: none; direction: ltr;
}
@media (prefers-color-scheme: dark) {
  .lens, .hover {
    --bg: #0b1120; --fg: #e2e8f0; --muted: #94a3b8; --line: #334155; --accent: #93c5fd; --accent-fg: #0b1120;
    --chip: #1e293b; --focus: #93c5fd;
  }
}
.lens {
  position: fixed; right: 16px; bottom: 16px; display: flex; flex-direction: column; align-items: flex-end; gap: 8px;
  pointer-events: none; max-width: calc(100vw - 32px);
}
.pill, .card { pointer-events: auto; }
.pill {
  display: inline-flex; align-items: center; gap: 8px; margin: 0; padding: 6px 12px 6px 6px; cursor: pointer;
  font: 600 13px/1.2 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg);
  background: var(--bg); border: 1px solid var(--line); border-radius: 999px;
  box-shadow: 0 2px 10px rgba(15, 23, 42, 0.18);
}
/* Narrow margin: a tab at the window's edge, its label kept for screen readers only. */
.lens.edge { right: 0; }
.lens.edge .pill {
  width: var(--edge, 16px); height: 56px; padding: 0; gap: 0; justify-content: center; overflow: hidden;
  border-right: 0; border-radius: 8px 0 0 8px;
}
.lens.edge .mark {
  width: 100%; height: 100%; border-radius: 0; font-size: 9px; writing-mode: vertical-rl; letter-spacing: .04em;
}
.lens.edge .label {
  position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap;
}
.lens.edge .card { margin-right: 8px; }
.mark {
  display: inline-grid; place-items: center; width: 24px; height: 24px; border-radius: 999px;
  background: var(--accent); color: var(--accent-fg); font-size: 10px; font-weight: 800;
}
.card {
  width: 360px; max-width: 100%; max-height: min(calc(100vh - 80px), 600px); overflow: hidden; padding: 0;
  display: flex; flex-direction: column;
  background: var(--bg); color: var(--fg); border: 1px solid var(--line); border-radius: 12px;
  box-shadow: 0 10px 30px rgba(15, 23, 42, 0.25);
}
.card:not([hidden]) { display: flex; }
/* The header and its close button stay in view; the body scrolls under it, and fades at its lower edge rather than
   showing half a line. */
.top {
  display: flex; justify-content: space-between; align-items: center; gap: 8px; flex: none;
  padding: 10px 12px 4px 16px; border-bottom: 1px solid transparent;
}
.body {
  overflow: auto; min-height: 0; padding: 0 16px 14px; overscroll-behavior: contain;
  mask-image: linear-gradient(to bottom, #000 calc(100% - 18px), transparent);
}
.body.at-end { mask-image: none; }
.eyebrow { margin: 0; font-size: 12px; font-weight: 700; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); }
h2 { margin: 4px 0 8px; font-size: 16px; line-height: 1.3; font-weight: 700; color: var(--fg); }
h3 { margin: 12px 0 4px; font-size: 12px; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); }
p { margin: 0 0 8px; }
ul { margin: 0; padding-left: 18px; }
.mentions { list-style: none; padding: 0; }
.mentions li { margin: 2px 0; }
.muted { color: var(--muted); font-size: 13px; }
button {
  font: inherit; color: var(--fg); background: var(--chip); border: 1px solid var(--line); border-radius: 6px;
  padding: 3px 10px; cursor: pointer; margin: 0;
}
button.entity { background: none; border: 0; padding: 0; color: var(--accent); text-decoration: underline dotted; }
button.icon { background: none; border: 0; font-size: 20px; line-height: 1; padding: 2px 6px; color: var(--muted); }
a { color: var(--accent); }
.links { display: flex; flex-wrap: wrap; gap: 12px; margin: 12px 0 8px; padding-top: 8px; border-top: 1px solid var(--line); }
.actions { display: flex; flex-wrap: wrap; gap: 8px; }
.entity-detail { margin: 4px 0 8px 12px; }
.others { padding-left: 16px; font-size: 13px; }
:focus-visible, h2:focus { outline: 3px solid var(--focus); outline-offset: 2px; }
h2:focus:not(:focus-visible) { outline: none; }
.hover {
  position: fixed; width: 320px; max-width: calc(100vw - 16px); padding: 10px 12px; pointer-events: none;
  background: var(--bg); border: 1px solid var(--line); border-radius: 10px; box-shadow: 0 8px 24px rgba(15, 23, 42, 0.25);
}
.hover p { margin: 0 0 6px; }
.boxes { position: fixed; inset: 0; pointer-events: none; }
.boxes div { position: fixed; border-bottom: 2px dotted #1d4ed8; background: rgba(29, 78, 216, 0.08); }
`;
