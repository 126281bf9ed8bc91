/**
 * The memory a browser tab holds, read from Linux's /proc: the renderer process runs the page's
 * main thread and its dedicated workers (DuckDB's worker and its WebAssembly memory) as threads,
 * so its resident set counts the JS heaps, the WASM linear memory that was touched, and the DOM.
 * VmHWM is that process's peak resident set since it started.
 */
import { readdirSync, readFileSync } from 'node:fs';

interface Proc {
  pid: number;
  ppid: number;
}

function processes(): Proc[] {
  const out: Proc[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name in field 2 may hold spaces; the fields after its closing ")" do not.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.push({ pid: Number(entry), ppid: Number(rest[1]) });
    } catch {
      // The process ended while we looked.
    }
  }
  return out;
}

/** Processes started (at any depth) by this Node process: the Chromium that Playwright launched. */
function descendants(root = process.pid): number[] {
  const all = processes();
  const found = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const p of all) {
      if (!found.has(p.pid) && found.has(p.ppid)) {
        found.add(p.pid);
        grew = true;
      }
    }
  }
  found.delete(root);
  return [...found];
}

function statusKb(pid: number, field: string): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'));
  return match ? Number(match[1]) : 0;
}

export interface RendererMemory {
  pid: number;
  peakMb: number;
  nowMb: number;
}

/** Every renderer of the launched browser, largest peak first. */
export function renderers(): RendererMemory[] {
  const out: RendererMemory[] = [];
  for (const pid of descendants()) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmdline.includes('--type=renderer')) continue;
      out.push({ pid, peakMb: statusKb(pid, 'VmHWM') / 1024, nowMb: statusKb(pid, 'VmRSS') / 1024 });
    } catch {
      // Gone.
    }
  }
  return out.sort((a, b) => b.peakMb - a.peakMb);
}
