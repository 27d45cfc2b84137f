#!/usr/bin/env bash
# Runs a real test suite nobody here wrote (an Apache Commons component's own JUnit 5 suite) once, with or without
# the Outlive agent and its JUnit extension. On demand only, never in CI. Every finding must be checked by hand:
# a real leak in their tests, or a false alarm of ours.
#
# Usage: [SUITE=commons-pool|commons-dbcp] [MVN_EXTRA=...] realworld/run-suite.sh CHECKOUT AGENT_JAR|none [JUNIT_JAR] [AGENT_OPTIONS]
#   CHECKOUT  a work tree of the suite (see README.md: fetch + git clone); nothing of it is committed anywhere
#   AGENT_JAR outlive-agent.jar, or "none" for the baseline run
#   JUNIT_JAR outlive-junit-*.jar: put on the test class path with JUnit auto-detection on, so every test gets a TEST
#             scope and fails if work it started is still running after it ends
#   AGENT_OPTIONS default report=target/outlive.json,exitCheck=leak
#   MVN_EXTRA extra Maven arguments, e.g. MVN_EXTRA=-Dtest=TestBasicDataSource
# Needs Maven >= 3.9 (commons-parent 103): Apache Maven 3.9.11 is fetched from Maven Central into $TMPDIR on first
# use. Runs on the temurin-25 JDK under /usr/lib/jvm unless JAVA_HOME is set.
set -u
[ $# -ge 2 ] || { sed -n '2,14p' "$0"; exit 2; }
src=$1; agent=$2; junit=${3:-}; opts=${4:-report=target/outlive.json,exitCheck=leak}
tmp=${TMPDIR:-/tmp}
mvn39=$tmp/mvn39/apache-maven-3.9.11/bin/mvn
if [ ! -x "$mvn39" ]; then
  mvn -q -B dependency:copy -Dartifact=org.apache.maven:apache-maven:3.9.11:tar.gz:bin -DoutputDirectory="$tmp/mvn39" &&
  tar xzf "$tmp/mvn39/apache-maven-3.9.11-bin.tar.gz" -C "$tmp/mvn39" || exit 2
fi
jdk=${JAVA_HOME:-$(ls -d /usr/lib/jvm/temurin-25* 2>/dev/null | head -1)}
cd "$src" || exit 2
# Both suites need no arguments of their own: their surefire argLine is "${argLine} ..." (commons-dbcp) or
# "${argLine}" from commons-parent, so -DargLine reaches the forked test JVM. SUITE_ARGS adds per-suite ones.
suite_args=(${SUITE_ARGS:-})
extra=""
[ -n "$junit" ] && extra="-Djunit.jupiter.extensions.autodetection.enabled=true"
# surefire's additionalClasspathElements (-Dmaven.test.additionalClasspath) puts the extension jar on the test class path
# -XX:+EnableDynamicAgentLoading: commons-parent's own argLine on JDK 21+, which -DargLine replaces; kept so both runs match
argline=(); [ "$agent" = none ] || argline=(-DargLine="-XX:+EnableDynamicAgentLoading -javaagent:$agent=$opts $extra")   # agent "none": the baseline run
JAVA_HOME=$jdk "$mvn39" -B -Drat.skip -Djapicmp.skip -Danimal.sniffer.skip -Dcheckstyle.skip -Dspotbugs.skip -Dpmd.skip \
  -Djacoco.skip -Dcyclonedx.skip ${junit:+-Dmaven.test.additionalClasspath="$junit"} \
  "${suite_args[@]}" "${argline[@]}" ${MVN_EXTRA:-} test
