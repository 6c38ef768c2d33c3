#!/usr/bin/env bash
# Sohbet load bench: builds the app jar (into target/bench/app, apart from target/classes) and the
# bench (plain javac, no dependencies), then runs the scenarios. Usage and options:
#   bash bench/run.sh --help
# Examples:
#   bash bench/run.sh                                   # all seven scenarios on SQLite, app -Xmx256m
#   bash bench/run.sh --db postgres                     # the same on a fresh PostgreSQL database
#   bash bench/run.sh streams --steps 1000,5000,10000   # one scenario, own ramp
#   bash bench/run.sh --scenarios rush --rush 10000 --rush-batch 100 --xmx 256m     # bursty arrival
#   bash bench/run.sh --scenarios tabs --tabs 100 --tabs-visitors 1000 --tabs-rate 50   # many panel tabs
#   bash bench/run.sh --scenarios throughput --latency-streams 5000 --panel-tabs 5 --rates 250,500,1000,1500,2000,2500,3000
#   bash bench/run.sh --scenarios throughput --db postgres --latency-streams 5000 --panel-tabs 5 --rates 250,500,1000,1500,2000,2500,3000
#   bash bench/run.sh latency --url http://127.0.0.1:5000 --pid 1234   # an app that already runs
# Set BENCH_SKIP_BUILD=1 to reuse target/bench/app/sohbet.jar as it is.
set -euo pipefail
cd "$(dirname "$0")/.."

find_java() {
  for home in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64 /usr/lib/jvm/java-25-openjdk-amd64 /usr/lib/jvm/java-21-openjdk-amd64; do
    if [ -n "$home" ] && [ -x "$home/bin/javac" ]; then
      v=$("$home/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/.*java.specification.version = //p')
      if [ "${v%%.*}" -ge 21 ] 2>/dev/null; then echo "$home"; return; fi
    fi
  done
  echo "bench: no JDK 21+ found; set JAVA_HOME" >&2; exit 2
}
export JAVA_HOME="$(find_java)"
export PATH="$JAVA_HOME/bin:$PATH"

# The bench holds one socket per stream: take the hard open-files limit (20,000 on the reference machine).
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

own_jar=0; external=0
for a in "$@"; do
  case "$a" in --jar) own_jar=1 ;; --url) external=1 ;; esac
done
if [ "$own_jar" = 0 ] && [ "$external" = 0 ] && [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  echo "bench: building the app into target/bench/app ..." >&2
  mvn -B -q package -DskipTests -Dsohbet.build.dir="$PWD/target/bench/app" >&2
fi

rm -rf target/bench/classes
mkdir -p target/bench/classes
javac --release 21 -encoding UTF-8 -d target/bench/classes bench/src/sohbet/bench/*.java

tuned=0; jar=target/bench/app/sohbet.jar; prev=""
for a in "$@"; do
  case "$prev" in --jar) jar="$a" ;; esac
  case "$a" in --tuned) tuned=1 ;; esac
  prev="$a"
done
if [ "$tuned" = 1 ]; then
  # the experiment launcher compiles against the app it starts
  rm -rf target/bench/tuned-classes
  javac --release 21 -encoding UTF-8 -d target/bench/tuned-classes -cp "$jar:$(dirname "$jar")/libs/*" \
    bench/tuned/sohbet/bench/tuned/TunedMain.java
fi

exec java -Xmx1g -XX:+UseSerialGC -cp target/bench/classes sohbet.bench.Bench \
  --jar target/bench/app/sohbet.jar --java-home "$JAVA_HOME" "$@"
