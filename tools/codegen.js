// What the code generators under tools/ share (tools/instance-types/generate.js,
// tools/update-behaviour/generate.js): laying out generated C# arrays, and the command line of a
// generator: write the generated file, or with --check only compare it with what is committed.

'use strict';

const fs = require('node:fs');
const path = require('node:path');

const repoRoot = path.resolve(__dirname, '..');

/** Lays out values as comma-separated lines of at most `width` characters, each with the given indent. */
function wrap(values, indent, width) {
  const lines = [];
  let current = '';
  for (const value of values) {
    const item = `${value},`;
    if (current && indent.length + current.length + 1 + item.length > width) {
      lines.push(indent + current);
      current = item;
    } else {
      current = current ? `${current} ${item}` : item;
    }
  }
  if (current) lines.push(indent + current);
  return lines;
}

/**
 * Reads a generator's arguments: `--check` or nothing. Returns whether to check, or null after printing
 * the usage of `script` (a path from the repository root) for an unknown argument (exit code 2).
 */
function parseCheck(argv, script) {
  const unknown = argv.filter(a => a !== '--check');
  if (unknown.length > 0) {
    console.error(`usage: node ${script} [--check]\nunknown argument: ${unknown[0]}`);
    return null;
  }
  return argv.includes('--check');
}

/**
 * Writes `text` to `outputFile`, or with `check` compares it with the file: exit code 1 and `stale(relative)`
 * when they differ, 0 and `upToDate(relative)` when they are equal. `wrote(relative)` is printed after a write.
 */
function writeOrCheck({ outputFile, text, check, stale, upToDate, wrote }) {
  const relative = path.relative(repoRoot, outputFile);
  if (check) {
    const current = fs.existsSync(outputFile) ? fs.readFileSync(outputFile, 'utf8') : null;
    if (current !== text) {
      console.error(stale(relative));
      return 1;
    }
    console.log(upToDate(relative));
    return 0;
  }
  fs.writeFileSync(outputFile, text);
  console.log(wrote(relative));
  return 0;
}

module.exports = { repoRoot, wrap, parseCheck, writeOrCheck };
