// The Socket.IO closed loop, the same as the .NET load generator's (RelayEngine.cs): the visitor
// sends, the agent receives and replies, the visitor receives and sends the next; every delivery
// counts, with its latency from send to receipt. Prints and writes the same result JSON.
// Usage: node client.js --url U --pairs N --per-agent K --warmup S --duration S [--cpu spec] --out FILE
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { io } from "socket.io-client";

const args = {};
for (let i = 2; i + 1 < process.argv.length; i += 2) args[process.argv[i].replace(/^--/, "")] = process.argv[i + 1];
const url = args.url;
const pairs = Number(args.pairs ?? 100);
const perAgent = Number(args["per-agent"] ?? 10);
const warmupS = Number(args.warmup ?? 3);
const durationS = Number(args.duration ?? 10);
const agentCount = Math.ceil(pairs / perAgent);
const stallAfterNs = 10_000_000_000n;
const now = () => process.hrtime.bigint();
const progress = (line) => console.log(`  [${new Date().toTimeString().slice(0, 8)}] relay socketio: ${line}`);
const text = (round, fromVisitor) => {
  const n = String(round).padStart(6, "0");
  return fromVisitor ? `Hello, I have a question about my order number ${n}.` : `Good afternoon! Let me check order number ${n}.`;
};

// Latency histogram: 10 µs buckets up to 100 ms, then 1 ms buckets up to 60 s, and the exact maximum.
const fine = 10_000, coarse = 60_000;
const buckets = new Float64Array(fine + coarse);
let count = 0, sumUs = 0, maxUs = 0, windowStart = -1n, windowEnd = -1n;
function record(sentAt, receivedAt) {
  if (windowStart < 0n || receivedAt < windowStart || receivedAt >= windowEnd) return;
  const us = Number(receivedAt - sentAt) / 1000;
  const index = us < fine * 10 ? Math.floor(us / 10) : fine + Math.min(coarse - 1, Math.floor((us - fine * 10) / 1000));
  buckets[index]++;
  count++;
  sumUs += us;
  if (us > maxUs) maxUs = us;
}
function percentileMs(p) {
  if (count === 0) return 0;
  const rank = Math.ceil((count * p) / 100);
  let seen = 0;
  for (let i = 0; i < buckets.length; i++) {
    seen += buckets[i];
    if (seen >= rank) return Math.min(i < fine ? (i + 1) * 10 : fine * 10 + (i - fine + 1) * 1000, maxUs) / 1000;
  }
  return maxUs / 1000;
}

// CPU of watched processes (name=pid, a trailing + adds its children) and of the machine, from /proc.
const watched = (args.cpu ?? "").split(",").filter(Boolean).map((part) => {
  const [name, pid] = part.split("=");
  return { name, pid: Number(pid.replace("+", "")), children: pid.endsWith("+") };
});
const statFields = (pid) => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  } catch {
    return null;
  }
};
const ticks = (pid) => {
  const f = statFields(pid);
  return f ? Number(f[11]) + Number(f[12]) : 0;
};
const childrenOf = (parent) =>
  readdirSync("/proc").filter((d) => /^\d+$/.test(d)).filter((d) => Number(statFields(d)?.[1]) === parent).map(Number);
const sample = () =>
  Object.fromEntries(watched.map((w) => [w.name, (ticks(w.pid) + (w.children ? childrenOf(w.pid).reduce((s, c) => s + ticks(c), 0) : 0)) / 100]));
const machine = () => {
  const f = readFileSync("/proc/stat", "utf8").split("\n")[0].split(/\s+/).slice(1, 9).map(Number);
  const total = f.reduce((a, b) => a + b, 0);
  return { busy: total - f[3] - f[4], total };
};

const visitors = new Array(pairs);
const agents = new Array(agentCount);
const state = Array.from({ length: pairs }, () => ({ sentAt: 0n, round: 0, agentAwaits: false, visitorAwaits: false, lastActivity: 0n }));
let running = false, errors = 0, stalls = 0, acked = 0;

function send(i, fromVisitor) {
  const s = state[i];
  s.sentAt = now();
  s.lastActivity = s.sentAt;
  s.agentAwaits = fromVisitor;
  s.visitorAwaits = !fromVisitor;
  if (fromVisitor) visitors[i].emit("vsend", `p${i}`, text(s.round, true));
  else agents[Math.floor(i / perAgent)].emit("asend", `p${i}`, text(s.round, false));
  acked++;
}
function visitorTurn(i) {
  state[i].round++;
  send(i, true);
}

function connect() {
  return new Promise((resolve, reject) => {
    const socket = io(url, { transports: ["websocket"], forceNew: true, reconnection: false, timeout: 20_000 });
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", reject);
  });
}
const ack = (socket, event, pairId) => new Promise((resolve) => socket.emit(event, pairId, resolve));
async function limited(n, parallel, fn) {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(parallel, n) }, async () => {
    while (next < n) await fn(next++);
  }));
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

await limited(pairs, 32, async (i) => {
  const socket = await connect();
  socket.on("relay", () => {
    const s = state[i];
    if (!s.visitorAwaits) return;
    s.visitorAwaits = false;
    record(s.sentAt, now());
    if (running) visitorTurn(i);
  });
  visitors[i] = socket;
  await ack(socket, "visitor", `p${i}`);
});
await limited(agentCount, 8, async (a) => {
  const socket = await connect();
  socket.on("relay", (pairId) => {
    const i = Number(pairId.slice(1));
    const s = state[i];
    if (!s.agentAwaits) return;
    s.agentAwaits = false;
    record(s.sentAt, now());
    if (running) send(i, false);
  });
  agents[a] = socket;
  for (let i = a * perAgent; i < Math.min(pairs, (a + 1) * perAgent); i++) await ack(socket, "agent", `p${i}`);
});
progress(`${pairs} visitors and ${agentCount} agent connections ready`);

for (const socket of [...visitors, ...agents]) socket.on("disconnect", () => errors++);
running = true;
for (let i = 0; i < pairs; i++) visitorTurn(i);
const watchdog = setInterval(() => {
  const stale = now() - stallAfterNs;
  for (let i = 0; i < pairs; i++) {
    if (state[i].lastActivity < stale) {
      stalls++;
      visitorTurn(i);
    }
  }
}, 1000);
await sleep(warmupS * 1000);
windowStart = now();
windowEnd = windowStart + BigInt(Math.round(durationS * 1e9));
const cpuStart = sample(), machineStart = machine(), selfStart = process.cpuUsage();
const seconds = Math.ceil(durationS);
for (let s = 1; s <= seconds; s++) {
  await sleep(Math.min(1, durationS - (s - 1)) * 1000);
  if (s % 5 === 0 || s === seconds) progress(`${s}/${seconds} s, ${count} delivered, p99 so far ${percentileMs(99).toFixed(1)} ms`);
}
running = false;
clearInterval(watchdog);
const wall = Number(now() - windowStart) / 1e9;
const cpuEnd = sample(), machineEnd = machine(), self = process.cpuUsage(selfStart);
await sleep(200);

const perMessage = Math.max(1, count);
const round = (v, d) => Math.round(v * 10 ** d) / 10 ** d;
const cpu = {};
for (const w of watched) {
  const used = cpuEnd[w.name] - cpuStart[w.name];
  cpu[`${w.name}UsPerMsg`] = round((used * 1e6) / perMessage, 1);
  cpu[`${w.name}Cores`] = round(used / wall, 2);
}
const selfS = (self.user + self.system) / 1e6;
cpu.loadgenUsPerMsg = round((selfS * 1e6) / perMessage, 1);
cpu.loadgenCores = round(selfS / wall, 2);
cpu.machineBusy = round((machineEnd.busy - machineStart.busy) / Math.max(1, machineEnd.total - machineStart.total), 3);

const result = {
  target: "socketio",
  pairs,
  agentConnections: agentCount,
  warmupS,
  durationS,
  delivered: count,
  msgPerSec: round(count / durationS, 1),
  p50Ms: round(percentileMs(50), 2),
  p99Ms: round(percentileMs(99), 2),
  maxMs: round(maxUs / 1000, 2),
  meanMs: round(count ? sumUs / count / 1000 : 0, 2),
  acked,
  errors,
  stalls,
  cpu,
};
for (const socket of [...visitors, ...agents]) socket.disconnect();
writeFileSync(args.out, JSON.stringify(result));
progress(JSON.stringify(result));
process.exit(0);
