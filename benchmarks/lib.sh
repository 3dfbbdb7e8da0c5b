# Shared by the benchmark scripts (source it after setting `work`, the folder each run's files go to).
# Needs GNU time (/usr/bin/time) and bc.

# timed_run NAME COMMAND...: runs COMMAND with its output in WORK/NAME.log, timed by GNU time into WORK/NAME.time;
# on failure names the log, shows its last lines and exits. Sets stage_wall and stage_cpu (user + system, seconds),
# stage_rss_gb (peak RSS, GiB) and stage_load (the 1, 5 and 15 minute load averages just before it ran).
timed_run() {
  local name="$1"; shift
  stage_load=$(cut -d' ' -f1-3 /proc/loadavg)
  /usr/bin/time -f "%e %U %S %M" -o "$work/$name.time" "$@" > "$work/$name.log" 2>&1 || {
    echo "$name failed; its output: $work/$name.log" >&2; tail -5 "$work/$name.log" >&2; exit 1; }
  local user sys kb
  read -r stage_wall user sys kb < "$work/$name.time"
  stage_cpu=$(echo "$user + $sys" | bc -l)
  stage_rss_gb=$(echo "$kb / 1048576" | bc -l)
}

# stage NAME COMMAND...: timed_run, then one line: wall, CPU, peak RSS and the load before. The name column is
# stage_width wide (default 10; set it before calling to line up a script's own names).
stage() {
  timed_run "$@"
  printf "%-${stage_width:-10}s %8.1f s wall %8.1f s CPU  peak RSS %5.2f GB  (load before: %s)\n" "$1" \
    "$stage_wall" "$stage_cpu" "$stage_rss_gb" "$stage_load"
}
