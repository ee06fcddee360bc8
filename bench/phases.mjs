#!/usr/bin/env node
// Where the time of one C# CDK app process goes, from the jsii runtime's own request log
// (JSII_DEBUG=1, each line time-stamped as it arrives): medians over several runs.
//
//   node bench/phases.mjs [--runs 7] <label>=<dll> [<label>=<dll> ...] [--env <label> NAME=VALUE ...]
//
// --env gives one app an environment variable more (e.g. the same dll twice, one with
// EMPTY_APP_WARM_UP=1, or DOTNET_TieredPGO=1 to measure .NET's default).
//
// Phases, from the process start:
//   start-up   .NET starts, the jsii runtime starts Node.js and loads the CDK's packages
//              (until aws-cdk-lib answers its "load" request)
//   type map   .NET maps jsii type names to .NET types (reflection over the CDK's assemblies),
//              until the first "create" request
//   constructs the app's constructors and their jsii requests, until App.synth is called
//   synthesis  App.synth in Node.js
//   after      what runs after synthesis (EcsRules.Synth: the template rules) until the exit request
//   total      until the process exits
// Each app runs with CDK_OUTDIR in a temporary folder; runs alternate between the apps, so that
// a change of machine load affects all of them alike.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";

const args = process.argv.slice(2);
let runs = 7;
const apps = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--runs") runs = Number(args[++i]);
  else if (args[i] === "--env") {
    const app = apps.find((a) => a.label === args[i + 1]);
    const [name, ...value] = (args[i + 2] ?? "").split("=");
    if (!app || !name || value.length === 0) usage(`--env ${args[i + 1]} ${args[i + 2]}: give an app's label (listed before) and NAME=VALUE`);
    app.env[name] = value.join("=");
    i += 2;
  } else if (args[i].includes("=")) {
    const at = args[i].indexOf("=");
    apps.push({ label: args[i].slice(0, at), dll: args[i].slice(at + 1), env: {} });
  } else usage(`${args[i]}: unknown argument`);
}
if (apps.length === 0 || !Number.isInteger(runs) || runs < 1) usage("give at least one app and a whole number of runs");

function usage(message) {
  process.stderr.write(`phases: ${message}\nusage: node bench/phases.mjs [--runs N] <label>=<app.dll> ... [--env <label> NAME=VALUE ...]\n`);
  process.exit(2);
}

function once({ dll, env }) {
  return new Promise((resolve, reject) => {
    const scratch = mkdtempSync(join(tmpdir(), "phases-"));
    const start = performance.now();
    const marks = {};
    const child = spawn("dotnet", [dll], {
      env: { ...process.env, ...env, JSII_DEBUG: "1", CDK_OUTDIR: join(scratch, "cdk.out"), TMPDIR: scratch },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let buffer = "";
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk) => {
      const now = performance.now() - start;
      buffer += chunk;
      const lines = buffer.split("\n");
      buffer = lines.pop();
      for (const line of lines) {
        if (marks.loaded === undefined && line.startsWith('< {"ok":{"assembly":"aws-cdk-lib"')) marks.loaded = now;
        else if (marks.created === undefined && line.startsWith('> {"api":"create"')) marks.created = now;
        else if (marks.synth === undefined && line.startsWith('> {"api":"invoke"') && line.includes('"method":"synth"')) marks.synth = now;
        else if (marks.synthesized === undefined && marks.synth !== undefined && line.includes('"aws-cdk-lib.cx_api.CloudAssembly@')) marks.synthesized = now;
        else if (line.startsWith('> {"exit"')) marks.exit = now;
      }
    });
    child.on("error", reject);
    child.on("close", (code) => {
      const total = performance.now() - start;
      rmSync(scratch, { recursive: true, force: true });
      if (code !== 0) return reject(new Error(`${dll} exited ${code}`));
      const missing = ["loaded", "created", "synth", "synthesized", "exit"].filter((m) => marks[m] === undefined);
      if (missing.length > 0) return reject(new Error(`${dll}: no ${missing.join(", ")} in the jsii log`));
      resolve({
        "start-up": marks.loaded,
        "type map": marks.created - marks.loaded,
        constructs: marks.synth - marks.created,
        synthesis: marks.synthesized - marks.synth,
        after: marks.exit - marks.synthesized,
        total,
      });
    });
  });
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const results = new Map(apps.map((app) => [app.label, []]));
await once(apps[0]); // warm-up: file caches, the jsii package cache
for (let run = 0; run < runs; run++) {
  for (const app of apps) results.get(app.label).push(await once(app));
}

const phases = ["start-up", "type map", "constructs", "synthesis", "after", "total"];
console.log(`Medians of ${runs} runs, ms (JSII_DEBUG=1 adds its logging to every phase).\n`);
console.log(`| App | ${phases.join(" | ")} |`);
console.log(`| --- |${phases.map(() => " ---: |").join("")}`);
for (const app of apps) {
  const samples = results.get(app.label);
  console.log(`| ${app.label} | ${phases.map((p) => Math.round(median(samples.map((s) => s[p])))).join(" | ")} |`);
}
