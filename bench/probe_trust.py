"""Probes findings 1, 5, 8, 9 and 10 of issue 13 (the penetration test) against one binary.

Usage: python3 bench/probe_trust.py BINARY PORT WORKDIR. Run it on the old and the new binary in the
same session to compare them; the results of the run that closed issue 13 are in bench/README.md."""
import http.cookiejar, os, re, socket, sqlite3, subprocess, sys, time, urllib.parse, urllib.request, shutil

binary, port, work = sys.argv[1], int(sys.argv[2]), sys.argv[3]
shutil.rmtree(work, ignore_errors=True); os.makedirs(work)
db = os.path.join(work, "relais.sqlite")
env = dict(os.environ, RELAIS_DB=db, RELAIS_TRUSTED_PROXIES="127.0.0.1", RELAIS_TEMPLATES="/work/main/Templates",
           RELAIS_SEEDS="/work/main/Seeds", RELAIS_PUBLIC="/work/main/Public", LOG_LEVEL="error")
cwd = os.path.dirname(os.path.dirname(os.path.dirname(binary)))
env.update(RELAIS_TEMPLATES=cwd + "/Templates", RELAIS_SEEDS=cwd + "/Seeds", RELAIS_PUBLIC=cwd + "/Public")
server = subprocess.Popen([binary, "serve", "--demo", "--port", str(port)], env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
base = f"http://127.0.0.1:{port}"
for _ in range(900):
    try:
        urllib.request.urlopen(base + "/livez", timeout=1); break
    except Exception: time.sleep(0.2)

class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *a, **k): return None

def browser(headers=None):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    opener.addheaders = list((headers or {}).items())
    return opener

def call(opener, path, data=None):
    try:
        r = opener.open(base + path, data=urllib.parse.urlencode(data).encode() if data is not None else None, timeout=10)
        return r.status, dict(r.headers), r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read().decode("utf-8", "replace")

def csrf(html): 
    m = re.search(r'name="_csrf" value="([^"]+)"', html); return m.group(1) if m else ""

def sign_in(opener, email, password):
    _, _, page = call(opener, "/connexion")
    return call(opener, "/connexion", {"email": email, "motdepasse": password, "_csrf": csrf(page)})[0]

def raw(path):
    s = socket.create_connection(("127.0.0.1", port)); s.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
    data = b""
    while chunk := s.recv(65536): data += chunk
    s.close(); return data.decode("latin-1")

# 8: static files
r = raw("/img/relais.svg%00.html"); print("8  /img/relais.svg%00.html ->", r.split("\r\n")[0], [l for l in r.split("\r\n") if l.lower().startswith("content-type")])
r = raw("//css"); print("8  //css ->", r.split("\r\n")[0], [l for l in r.split("\r\n") if l.lower().startswith("location")])
# 9: anonymous sessions
before = sqlite3.connect(db).execute("SELECT COUNT(*) FROM session").fetchone()[0]
for _ in range(300): call(browser(), "/connexion")
after = sqlite3.connect(db).execute("SELECT COUNT(*) FROM session").fetchone()[0]
print("9  session rows written by 300 anonymous GET /connexion:", after - before)
# 5: throttling behind the proxy
for i in range(25): sign_in(browser({"X-Forwarded-For": "203.0.113.5"}), f"inconnu{i}@exemple.fr", "mauvais")
print("5  director with the right password after 25 failures from another client:",
      sign_in(browser({"X-Forwarded-For": "198.51.100.7"}), "directrice@demo.relais.example", "relais-demo-directrice"))
# 1: a reset link read in the stored outbox
o = browser(); _, _, page = call(o, "/mot-de-passe-oublie")
call(o, "/mot-de-passe-oublie", {"email": "admin@demo.relais.example", "_csrf": csrf(page)})
stored = sqlite3.connect(db).execute("SELECT raw FROM outboxMessage WHERE kind='reset' ORDER BY id DESC").fetchone()[0]
import quopri
text = quopri.decodestring(stored.encode()).decode("utf-8", "replace")
token = re.search(r"jeton=([A-Za-z0-9_-]{43})", text).group(1)
o = browser(); _, _, page = call(o, "/mot-de-passe/nouveau?jeton=" + token)
status = call(o, "/mot-de-passe/nouveau", {"jeton": token, "motdepasse": "pris par un tiers", "confirmation": "pris par un tiers", "_csrf": csrf(page)})[0]
print("1  setting the admin's password with the link read in the stored outbox:", status)
# 10: slow clients
slow = []
for _ in range(50):
    s = socket.create_connection(("127.0.0.1", port)); s.sendall(b"GET /livez HTTP/1.1\r\nHo"); slow.append(s)
t0 = time.time(); print("10 /livez during the attack:", raw("/livez").split("\r\n")[0], f"({(time.time()-t0)*1000:.0f} ms)")
for _ in range(15):
    time.sleep(1)
    for s in slow:
        try: s.send(b"s", socket.MSG_NOSIGNAL)
        except OSError: pass
still = 0
for s in slow:
    s.setblocking(False)
    try:
        still += 1 if s.recv(1) != b"" else 0
    except BlockingIOError: still += 1
    except OSError: pass
print("10 slow connections still open after 15 s of trickling:", still, "of 50")
server.terminate(); server.wait()
