/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The network view: draws the graph around the user on a canvas from `/api/network` (positions
 * are computed on the server), coloured by tier. Hover names a person, a click opens them,
 * the wheel zooms and dragging pans. The page lists the same people as links for keyboards and
 * screen readers.
 *
 * @example
 * <canvas id="network" data-src="/api/network?limit=1500"></canvas><script type="module" src="/assets/network.js"></script>
 */
interface NetNode {
  id: number;
  name: string;
  tier: string;
  strength: number;
  x: number;
  y: number;
  me?: boolean;
}
interface Net {
  nodes: NetNode[];
  edges: [number, number, number][];
  colours: Record<string, string>;
}

const canvas = document.getElementById("network") as HTMLCanvasElement | null;
const tip = document.getElementById("tip");

async function main(): Promise<void> {
  if (!canvas) return;
  const net = (await (await fetch(canvas.dataset.src ?? "/api/network")).json()) as Net;
  const ctx = canvas.getContext("2d");
  if (!ctx) return;
  let scale = 1;
  let panX = 0;
  let panY = 0;
  const ratio = window.devicePixelRatio || 1;
  const size = () => {
    canvas.width = canvas.clientWidth * ratio;
    canvas.height = canvas.clientHeight * ratio;
  };
  const toScreen = (n: NetNode): [number, number] => {
    const r = (Math.min(canvas.width, canvas.height) / 2) * 0.92 * scale;
    return [canvas.width / 2 + panX + n.x * r, canvas.height / 2 + panY + n.y * r];
  };
  const radius = (n: NetNode) => (n.me ? 9 : 2.5 + n.strength * 6) * ratio;
  const draw = () => {
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    ctx.lineWidth = ratio * 0.6;
    for (const [a, b, w] of net.edges) {
      const na = net.nodes[a];
      const nb = net.nodes[b];
      if (!na || !nb) continue;
      const [x1, y1] = toScreen(na);
      const [x2, y2] = toScreen(nb);
      ctx.strokeStyle = `rgba(60,60,60,${Math.min(0.5, 0.06 + w * 0.4)})`;
      ctx.beginPath();
      ctx.moveTo(x1, y1);
      ctx.lineTo(x2, y2);
      ctx.stroke();
    }
    for (const n of net.nodes) {
      const [x, y] = toScreen(n);
      ctx.fillStyle = n.me ? "#1b1b1b" : (net.colours[n.tier] ?? "#6b6b6b");
      ctx.beginPath();
      ctx.arc(x, y, radius(n), 0, Math.PI * 2);
      ctx.fill();
    }
  };
  const nodeAt = (event: MouseEvent): NetNode | undefined => {
    const rect = canvas.getBoundingClientRect();
    const px = (event.clientX - rect.left) * ratio;
    const py = (event.clientY - rect.top) * ratio;
    let best: NetNode | undefined;
    let bestD = Number.POSITIVE_INFINITY;
    for (const n of net.nodes) {
      const [x, y] = toScreen(n);
      const d = (x - px) ** 2 + (y - py) ** 2;
      if (d < bestD && d <= (radius(n) + 4 * ratio) ** 2) {
        best = n;
        bestD = d;
      }
    }
    return best;
  };
  let drag: { x: number; y: number } | undefined;
  let moved = false;
  canvas.addEventListener("mousedown", (e) => {
    drag = { x: e.clientX, y: e.clientY };
    moved = false;
  });
  window.addEventListener("mouseup", () => {
    drag = undefined;
  });
  canvas.addEventListener("mousemove", (e) => {
    if (drag) {
      panX += (e.clientX - drag.x) * ratio;
      panY += (e.clientY - drag.y) * ratio;
      moved = moved || Math.abs(e.clientX - drag.x) + Math.abs(e.clientY - drag.y) > 2;
      drag = { x: e.clientX, y: e.clientY };
      draw();
      return;
    }
    const n = nodeAt(e);
    canvas.style.cursor = n && !n.me ? "pointer" : "default";
    if (tip) {
      tip.hidden = !n;
      if (n) {
        tip.textContent = n.me ? n.name : `${n.name} — ${n.tier}, ${n.strength.toFixed(2)}`;
        tip.style.left = `${e.clientX + 12}px`;
        tip.style.top = `${e.clientY + 12}px`;
      }
    }
  });
  canvas.addEventListener("click", (e) => {
    if (moved) return;
    const n = nodeAt(e);
    if (n && !n.me) window.location.href = `/people/${n.id}`;
  });
  canvas.addEventListener(
    "wheel",
    (e) => {
      e.preventDefault();
      scale = Math.min(20, Math.max(0.5, scale * (e.deltaY < 0 ? 1.15 : 1 / 1.15)));
      draw();
    },
    { passive: false },
  );
  window.addEventListener("resize", () => {
    size();
    draw();
  });
  size();
  draw();
  canvas.dataset.drawn = String(net.nodes.length);
}

void main();

export {};
