#!/usr/bin/env bash
# Runs a real suite twice, without and with the Outlive agent (plus the JUnit extension), and compares the outcomes
# test by test from the Surefire XML. Prints the wall times, the tests whose outcome changed (with the failure
# message under the agent), and one FINDING line per leak in the agent's JSON report, for a reader to check by hand.
# On demand only, never in CI.
#
# Usage: [SUITE=commons-pool|commons-dbcp] [FRESH_BASE=1] [MVN_EXTRA=...] realworld/compare.sh AGENT_JAR [JUNIT_JAR] [CHECKOUT]
#   SUITE      default commons-pool; names the default checkout ${TMPDIR:-/tmp}/realworld/SUITE, the run directory
#              ${TMPDIR:-/tmp}/realworld/runs-SUITE and the file of hand-checked real leaks realworld/SUITE.expected
#   FRESH_BASE=1 reruns the baseline (otherwise a baseline already in the run directory is reused)
# Exit 0 when no test's outcome changed except tests listed in SUITE.expected (real leaks in their suite, which a
# leak gate may fail); 1 when some other test changed (a false alarm of ours, or an unchecked new finding).
set -u
here=$(cd "$(dirname "$0")" && pwd)
[ $# -ge 1 ] || { sed -n '2,12p' "$0"; exit 2; }
agent=$1; junit=${2:-}; name=${SUITE:-commons-pool}; src=${3:-${TMPDIR:-/tmp}/realworld/$name}
[ -d "$src/.git" ] || { echo "no $name checkout at $src (fetch github:apache/$name and git clone the returned git directory there)"; exit 2; }
w=${TMPDIR:-/tmp}/realworld/runs-$name; mkdir -p "$w"
run() { # name, agent?
  rm -rf "$src/target/surefire-reports"
  local t0=$(date +%s)
  if [ "$2" = yes ]; then
    (cd "$src" && rm -rf target/outlive*; SUITE=$name "$here/run-suite.sh" "$src" "$agent" "$junit" "report=$src/target/outlive.json,exitCheck=leak") >"$w/$1.log" 2>&1
  else
    (cd "$src" && SUITE=$name "$here/run-suite.sh" "$src" none) >"$w/$1.log" 2>&1 || true
  fi
  echo $(( $(date +%s) - t0 )) >"$w/$1.secs"
  rm -rf "$w/$1.xml"; cp -r "$src/target/surefire-reports" "$w/$1.xml" 2>/dev/null
}
[ "${FRESH_BASE:-0}" != 1 ] && [ -f "$w/base.secs" ] && [ -d "$w/base.xml" ] || run base no
run agent yes
rm -f "$w/agent-report.json"; cp "$src/target/outlive.json" "$w/agent-report.json" 2>/dev/null
python3 - "$w" "$here/$name.expected" <<'PY'
import glob, json, os, re, sys, xml.etree.ElementTree as ET
w = sys.argv[1]
expected = {l.strip() for l in open(sys.argv[2]) if l.strip() and not l.startswith('#')} if os.path.exists(sys.argv[2]) else set()
def outcomes(d):
    r = {}
    for f in glob.glob(d + '/TEST-*.xml'):
        for tc in ET.parse(f).getroot().iter('testcase'):
            k = tc.get('classname') + '#' + tc.get('name')
            st = 'pass'
            for c in tc:
                if c.tag in ('failure', 'error'): st = 'fail'; break
                if c.tag == 'skipped': st = 'skip'
            r[k] = (st, next((c.get('message') or '' for c in tc if c.tag in ('failure', 'error')), ''))
    return r
def count(r):
    n = {s: sum(1 for v in r.values() if v[0] == s) for s in ('pass', 'fail', 'skip')}
    return '%d (%d pass, %d fail, %d skip)' % (len(r), n['pass'], n['fail'], n['skip'])
b, a = outcomes(w + '/base.xml'), outcomes(w + '/agent.xml')
changed = sorted(k for k in set(b) | set(a) if b.get(k, ('absent',))[0] != a.get(k, ('absent',))[0])
bs, as_ = int(open(w + '/base.secs').read()), int(open(w + '/agent.secs').read())
print('tests without the agent: %s' % count(b))
print('tests with the agent:    %s' % count(a))
print('wall %d s without, %d s with (%.2fx)' % (bs, as_, as_ / max(bs, 1)))
for k in changed:
    print('%s %s: %s -> %s %s' % ('REAL-LEAK' if k in expected else 'CHANGED', k, b.get(k, ('absent',))[0], a.get(k, ('absent',))[0], a.get(k, ('', ''))[1][:300].replace('\n', ' ')))
def site(stack):  # the first frame of the suite's own test code, else of a commons library, else the top frame
    stack = stack or ['?']
    return next((f for f in stack if re.search(r'\.Test\w*[.$]', f)), next((f for f in stack if 'commons' in f), stack[0]))
try:
    rep = json.load(open(w + '/agent-report.json'))
    for l in rep.get('leaks') or []:
        t = l.get('task') or {}
        print('FINDING %s %s scope=%s at %s' % (l.get('kind'), (t.get('thread') or {}).get('name', '?'), '/'.join(l['scope']['path']), site(l.get('spawnStack'))))
except Exception as e:
    print('no agent report: %s' % e)
unexpected = [k for k in changed if k not in expected]
print('%d test outcome(s) changed under the agent: %d hand-checked real leak(s) of %d known, %d not explained (false alarm or unchecked)' % (
    len(changed), len(changed) - len(unexpected), len(expected), len(unexpected)))
sys.exit(1 if unexpected else 0)
PY
