#!/usr/bin/env node
// Instance type table generator: tools/instance-types/instance-types.tsv (+ families.tsv) ->
// src/EcsConstructs.Rules/Data/InstanceTypes.g.cs, the table InstanceTypeCatalog reads.
//
//   node tools/instance-types/generate.js          write the C# file
//   node tools/instance-types/generate.js --check  exit 1 if the C# file is not what the data files give
//
// Plain Node.js, no dependencies, no network. The output is deterministic (same input, same bytes), so
// the generated file can be committed and reviewed. The data is emitted as columns (one string of names,
// and spans of numbers that the compiler stores as static data) rather than as one `new InstanceSpec(...)`
// per row: a 400-row array initializer costs 20-30 ms of JIT in a cold process, the columns about as much
// as the old 74-row table.

'use strict';

const fs = require('node:fs');
const path = require('node:path');

const here = __dirname;
const { repoRoot, wrap, parseCheck, writeOrCheck } = require('../codegen.js');
const typesFile = path.join(here, 'instance-types.tsv');
const familiesFile = path.join(here, 'families.tsv');
const outputFile = path.join(repoRoot, 'src', 'EcsConstructs.Rules', 'Data', 'InstanceTypes.g.cs');

const TYPE_COLUMNS = ['name', 'vcpus', 'memory_mib', 'max_network_interfaces', 'architecture', 'note'];
const FAMILY_COLUMNS = ['family', 'category', 'vcpus_memory_sources', 'network_interface_sources', 'read_on'];
const CATEGORIES = ['burstable', 'general purpose', 'compute optimized', 'memory optimized'];
const ARCHITECTURES = ['x86_64', 'arm64'];

class DataError extends Error {}

function fail(file, line, message) {
  throw new DataError(`${path.relative(repoRoot, file)}:${line}: ${message}`);
}

/** Reads a tab-separated file: '#' lines and blank lines are comments, the first other line is the header. */
function readTsv(file, columns, optionalTrailing = 0) {
  const rows = [];
  let header = null;
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  lines.forEach((raw, index) => {
    const lineNo = index + 1;
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '' || line.startsWith('#')) return;
    const fields = line.split('\t');
    if (header === null) {
      if (fields.join('\t') !== columns.join('\t')) fail(file, lineNo, `expected the header "${columns.join('<TAB>')}"`);
      header = fields;
      return;
    }
    if (fields.length < columns.length - optionalTrailing || fields.length > columns.length) {
      fail(file, lineNo, `expected ${columns.length - optionalTrailing} to ${columns.length} tab-separated fields, found ${fields.length}`);
    }
    const row = { lineNo };
    columns.forEach((column, i) => { row[column] = (fields[i] ?? '').trim(); });
    rows.push(row);
  });
  if (header === null) fail(file, lines.length, 'no header line');
  return rows;
}

function positiveInt(file, row, column, max) {
  const text = row[column];
  if (!/^[1-9][0-9]*$/.test(text)) fail(file, row.lineNo, `${column} "${text}" is not a positive integer`);
  const value = Number(text);
  if (value > max) fail(file, row.lineNo, `${column} ${value} is larger than ${max}`);
  return value;
}

/** Graviton families have a "g" right after the generation digits: t4g, m7g, c6gn, c7gn, x2gd. */
function isGravitonFamily(family) {
  return /^[a-z]+[0-9]+g/.test(family);
}

function familyOf(name) {
  return name.slice(0, name.indexOf('.'));
}

function load() {
  const families = new Map();
  for (const row of readTsv(familiesFile, FAMILY_COLUMNS)) {
    if (!/^[a-z][a-z0-9-]*$/.test(row.family)) fail(familiesFile, row.lineNo, `family "${row.family}" is not a family name`);
    if (families.has(row.family)) fail(familiesFile, row.lineNo, `family ${row.family} is listed twice`);
    if (!CATEGORIES.includes(row.category)) fail(familiesFile, row.lineNo, `category "${row.category}" is not one of: ${CATEGORIES.join(', ')}`);
    for (const column of ['vcpus_memory_sources', 'network_interface_sources']) {
      const urls = row[column].split(' ').filter(Boolean);
      if (urls.length === 0 || urls.some(url => !url.startsWith('https://'))) fail(familiesFile, row.lineNo, `${column} must list https:// URLs`);
    }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(row.read_on)) fail(familiesFile, row.lineNo, `read_on "${row.read_on}" is not a YYYY-MM-DD date`);
    families.set(row.family, { ...row, types: [] });
  }

  const seen = new Set();
  const types = [];
  let previousFamily = null;
  for (const row of readTsv(typesFile, TYPE_COLUMNS, 1)) {
    const name = row.name;
    if (!/^[a-z][a-z0-9-]*\.[a-z0-9-]+$/.test(name)) fail(typesFile, row.lineNo, `"${name}" is not an instance type name (family.size, lower case)`);
    if (seen.has(name)) fail(typesFile, row.lineNo, `${name} is listed twice`);
    seen.add(name);
    const family = familyOf(name);
    const familyRow = families.get(family);
    if (!familyRow) fail(typesFile, row.lineNo, `family ${family} is not in families.tsv (add its sources there)`);
    if (family !== previousFamily && familyRow.types.length > 0) fail(typesFile, row.lineNo, `the rows of family ${family} are not together`);
    previousFamily = family;
    if (!ARCHITECTURES.includes(row.architecture)) fail(typesFile, row.lineNo, `architecture "${row.architecture}" is not one of: ${ARCHITECTURES.join(', ')}`);
    const expected = isGravitonFamily(family) ? 'arm64' : 'x86_64';
    if (row.architecture !== expected) fail(typesFile, row.lineNo, `${name} is ${row.architecture}, but family ${family} is ${expected} by its name`);
    const type = {
      name,
      family,
      vcpus: positiveInt(typesFile, row, 'vcpus', 32767),
      memoryMiB: positiveInt(typesFile, row, 'memory_mib', 2147483647),
      maxNetworkInterfaces: positiveInt(typesFile, row, 'max_network_interfaces', 255),
      arm64: row.architecture === 'arm64',
      note: row.note,
    };
    familyRow.types.push(type);
    types.push(type);
  }
  for (const family of families.values()) {
    if (family.types.length === 0) fail(familiesFile, family.lineNo, `family ${family.family} has no row in instance-types.tsv`);
  }
  return { families, types };
}

function render({ families, types }) {
  const out = [];
  const emit = line => out.push(line);
  // Families in the order of the data file (their rows are together there).
  const familyList = [...new Set(types.map(t => t.family))].map(name => families.get(name));
  const column = pick => {
    for (const family of familyList) {
      wrap(family.types.map(pick), '        ', 100).forEach((line, i) => emit(i === 0 ? `${line} // ${family.family}` : line));
    }
  };

  emit('// <auto-generated>');
  emit('// Generated by `node tools/instance-types/generate.js` from tools/instance-types/instance-types.tsv');
  emit('// (where each family\'s numbers come from: tools/instance-types/families.tsv).');
  emit('// Do not edit by hand: change the data file and run the generator again.');
  emit('// </auto-generated>');
  emit('');
  emit('namespace EcsConstructs.Rules.Data;');
  emit('');
  emit('internal static partial class InstanceTypeCatalog');
  emit('{');
  emit(`    // ${types.length} instance types in ${familyList.length} families, as columns: row i of every column is one type.`);
  for (const category of CATEGORIES) {
    const names = familyList.filter(f => f.category === category).map(f => f.family);
    if (names.length > 0) emit(`    // ${category}: ${names.join(', ')}`);
  }
  emit(`    private const int GeneratedCount = ${types.length};`);
  emit('');
  emit('    // API names, separated by single spaces.');
  emit('    private const string GeneratedNames =');
  familyList.forEach((family, i) => {
    const last = i === familyList.length - 1;
    emit(`        "${family.types.map(t => t.name).join(' ')}${last ? '"' : ' " +'}${last ? ';' : ''}`);
  });
  emit('');
  emit('    // Default vCPUs.');
  emit('    private static ReadOnlySpan<short> GeneratedVcpus =>');
  emit('    [');
  column(t => t.vcpus);
  emit('    ];');
  emit('');
  emit('    // Memory in MiB.');
  emit('    private static ReadOnlySpan<int> GeneratedMemoryMiB =>');
  emit('    [');
  column(t => t.memoryMiB);
  emit('    ];');
  emit('');
  emit('    // Maximum network interfaces, the primary one included.');
  emit('    private static ReadOnlySpan<byte> GeneratedMaxNetworkInterfaces =>');
  emit('    [');
  column(t => t.maxNetworkInterfaces);
  emit('    ];');
  emit('');
  emit('    // 1 for arm64 (AWS Graviton), 0 for x86_64.');
  emit('    private static ReadOnlySpan<byte> GeneratedArm64 =>');
  emit('    [');
  column(t => (t.arm64 ? 1 : 0));
  emit('    ];');
  emit('}');
  return out.join('\n') + '\n';
}

function main(argv) {
  const check = parseCheck(argv, 'tools/instance-types/generate.js');
  if (check === null) return 2;
  let data;
  let text;
  try {
    data = load();
    text = render(data);
  } catch (error) {
    if (error instanceof DataError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
  return writeOrCheck({
    outputFile,
    text,
    check,
    stale: relative => `${relative} is not up to date with tools/instance-types/*.tsv: run node tools/instance-types/generate.js`,
    upToDate: relative => `${relative} is up to date.`,
    wrote: relative => `wrote ${relative} (${data.types.length} instance types in ${data.families.size} families)`,
  });
}

process.exitCode = main(process.argv.slice(2));
