// Preloaded into benchmarked processes (`node -r bench/rss.cjs …`): reports peak RSS on exit.
process.on('exit', () => {
  process.stderr.write(`\n@@maxrss ${process.resourceUsage().maxRSS}\n`);
});
