// Preloaded into a measured child process (node --require): reports its peak resident set on exit.
process.on('exit', () => {
  require('node:fs').writeSync(2, `\nbench-maxrss-bytes ${process.resourceUsage().maxRSS * 1024}\n`);
});
