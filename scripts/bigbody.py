#!/usr/bin/env python3
"""Large-body memory run: starts the server, sends N requests with ~5 MB bodies (mixed routes of the three
vendors, C at a time), samples the server's RSS (/proc/PID/status VmRSS), then stays idle and reports RSS
after. Prints idle, peak and after RSS (MB) and the status counts.

  scripts/bigbody.py [--requests 5000] [--concurrency 16] [--size-mb 5] [--after 60] [--dll PATH] [-- SERVER ARGS]

The server is the Release build (dotnet build src/Emulator.Server -c Release) unless --dll names another;
the environment is passed through (DOTNET_GCHeapHardLimit=..., DOTNET_gcServer=1, ... to compare settings).
"""
import argparse, collections, http.client, json, os, random, re, subprocess, sys, threading, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0

def bodies(size):
    """(method, path, headers, body) variants of about `size` bytes: each is refused by the emulator (too long,
    wrong shape, invalid JSON) so state does not grow; what is measured is what reading and refusing costs."""
    bp = {"authorization": "Bearer bp_pat_bigbody", "x-workspace-id": "wkspace_bigbody", "content-type": "application/json"}
    gb = {"authorization": "Bearer gb_bigbody", "content-type": "application/json"}
    mb = {"authorization": "Bearer pat-bigbody", "content-type": "application/json", "membrane-api-version": "2025-10-21"}
    big_string = "x" * size
    big_array = json.dumps(["y"] * (size // 4))
    nested = "[" * 10000 + "]" * 10000
    garbage = bytes(random.Random(1).getrandbits(8) for _ in range(1024)) * (size // 1024)
    return [
        ("POST", "/botpress/v1/admin/integrations", bp, json.dumps({"name": "big-title", "version": "1.0.0", "title": big_string}).encode()),
        ("PUT", "/botpress/v1/admin/integrations/intver_none/validate", bp, ('{"title":' + big_array + "}").encode()),
        ("POST", "/gitbook/v1/integrations/big-body", gb, json.dumps({"organization": "x", "title": big_string}).encode()),
        ("POST", "/membrane/integrations", mb, json.dumps({"key": big_string, "name": "n"}).encode()),
        ("PATCH", "/membrane/integrations/hubspot", mb, ('{"name":' + big_array + ',"x":' + nested + "}").encode()),
        ("POST", "/botpress/v1/admin/integrations", bp, garbage),
        ("POST", "/gitbook/v1/no-such-route", gb, big_string.encode()),
        ("GET", "/membrane/integrations", mb, big_string.encode()),
    ]

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--requests", type=int, default=5000)
    ap.add_argument("--concurrency", type=int, default=16)
    ap.add_argument("--size-mb", type=float, default=5)
    ap.add_argument("--after", type=int, default=60, help="idle seconds after the run before the last RSS reading")
    ap.add_argument("--dll", default=os.path.join(ROOT, "src/Emulator.Server/bin/Release/net10.0/emulator.dll"))
    ap.add_argument("--variants", default="", help="comma-separated indexes of the body variants to send (default all)")
    ap.add_argument("server_args", nargs="*")
    a = ap.parse_args()

    server = subprocess.Popen(["dotnet", a.dll, "--port", "0", "--log-level", "Warning", *a.server_args],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        port = None
        for line in server.stdout:
            m = re.match(r"control\s+http://[^:]+:(\d+)/", line)
            if m:
                port = int(m.group(1)); break
        if port is None: sys.exit("server did not start")
        threading.Thread(target=lambda: [None for _ in server.stdout], daemon=True).start()
        variants = bodies(int(a.size_mb * 1024 * 1024))
        if a.variants: variants = [variants[int(i)] for i in a.variants.split(",")]
        # warm-up: a few small requests of each vendor, then the idle reading
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        for method, path, headers, _ in variants:
            c.request("GET", path.split("/v1")[0] + ("/v1/admin/integrations" if "botpress" in path else "/v1/integrations" if "gitbook" in path else "/integrations"), headers=headers)
            c.getresponse().read()
        c.close()
        time.sleep(5)
        idle = rss_mb(server.pid)
        samples, stop = [], threading.Event()
        def sample():
            while not stop.is_set():
                samples.append((time.time(), rss_mb(server.pid))); time.sleep(0.25)
        threading.Thread(target=sample, daemon=True).start()

        counts, lock, next_i = collections.Counter(), threading.Lock(), [0]
        latencies = []
        def worker():
            conn = None
            while True:
                with lock:
                    i = next_i[0]; next_i[0] += 1
                if i >= a.requests: break
                method, path, headers, body = variants[i % len(variants)]
                started = time.time()
                try:
                    if conn is None: conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                    conn.request(method, path, body=body, headers=headers)
                    r = conn.getresponse(); r.read()
                    key = str(r.status)
                    if r.getheader("connection", "").lower() == "close": conn.close(); conn = None
                except Exception as e:
                    key = type(e).__name__
                    try: conn.close()
                    except Exception: pass
                    conn = None
                with lock:
                    counts[key] += 1; latencies.append(time.time() - started)
        t0 = time.time()
        threads = [threading.Thread(target=worker) for _ in range(a.concurrency)]
        for t in threads: t.start()
        for t in threads: t.join()
        elapsed = time.time() - t0
        end = rss_mb(server.pid)
        peak = max(s for _, s in samples)
        idle_curve = []
        for _ in range(a.after // 10):
            time.sleep(10); idle_curve.append(f"{rss_mb(server.pid):.0f}")
        time.sleep(a.after % 10)
        stop.set()
        after = rss_mb(server.pid)
        latencies.sort()
        print(f"requests {a.requests} x {a.size_mb} MB, {a.concurrency} at a time, {elapsed:.1f} s; statuses {dict(counts)}")
        print(f"latency p50 {latencies[len(latencies)//2]:.2f} s, max {latencies[-1]:.2f} s")
        print(f"RSS MB: idle {idle:.0f}, peak {peak:.0f}, end of run {end:.0f}, {a.after} s after {after:.0f} ({after/idle:.2f}x idle)")
        curve = [f"{s:.0f}" for _, s in samples[::max(1, len(samples)//20)]]
        print("RSS curve during the run (MB): " + " ".join(curve))
        print("RSS every 10 s after the run (MB): " + " ".join(idle_curve))
    finally:
        server.terminate(); server.wait(10)

if __name__ == "__main__":
    main()
