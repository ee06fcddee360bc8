#!/usr/bin/env node
// Runs a C# CDK app for the CDK CLI (cdk.json "app") without `dotnet run`'s build check on every
// synthesis: `dotnet run` evaluates and builds the project each time (about 4 s on 2 cores even when
// nothing changed). This launcher builds only when an input changed since its last build, then runs
// the built assembly.
//
//   node tools/cdk-app/run.mjs <project.csproj> [--configuration Debug] [-- app arguments]
//   node tools/cdk-app/run.mjs <project.csproj> --check      prints "up to date" or "stale: <why>"; exit 0
//   node tools/cdk-app/run.mjs <project.csproj> --mark-built records the current inputs as built (after
//                                                            building it yourself, e.g. in an IDE)
//
// Inputs: every file under the project's folder and the folders of the projects it references
// (transitively), except bin/, obj/, cdk.out/ and node_modules/, and the repository-level build
// files (Directory.Build.props/.targets, Directory.Packages.props, global.json, NuGet.config) found
// from the project's folder upward. A change to any of them (a newer modification time, or a file
// added or removed) makes the next run build first. The stamp of a successful build lists the
// inputs it saw, in obj/cdk-app.stamp.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";

const SKIPPED = new Set(["bin", "obj", "cdk.out", "node_modules", ".git", "TestResults"]);
const BUILD_FILES = ["Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "global.json", "NuGet.config", "nuget.config"];

function usage(message) {
  process.stderr.write(`cdk-app: ${message}\nusage: node tools/cdk-app/run.mjs <project.csproj> [--configuration Debug] [--check] [-- args]\n`);
  process.exit(2);
}

/** The project and the projects it references, transitively (ProjectReference Include="..."). */
function projects(project, seen = new Set()) {
  const full = resolve(project);
  if (seen.has(full)) return seen;
  seen.add(full);
  const text = readFileSync(full, "utf8");
  for (const match of text.matchAll(/<ProjectReference\s+Include="([^"]+)"/g)) {
    const reference = resolve(dirname(full), match[1].replaceAll("\\", "/"));
    if (existsSync(reference)) projects(reference, seen);
  }
  return seen;
}

/** Files under a folder, without build output. */
function files(folder, out) {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIPPED.has(entry.name)) files(join(folder, entry.name), out);
    } else if (entry.isFile()) {
      out.push(join(folder, entry.name));
    }
  }
  return out;
}

function inputs(project) {
  const list = new Set();
  const folders = [...projects(project)].map(dirname);
  for (const folder of new Set(folders)) for (const file of files(folder, [])) list.add(file);
  for (let dir = dirname(resolve(project)); ; dir = dirname(dir)) {
    for (const name of BUILD_FILES) {
      const candidate = join(dir, name);
      if (existsSync(candidate)) list.add(candidate);
    }
    if (dirname(dir) === dir) break;
  }
  return [...list].sort();
}

/** Why a build is needed, or null when the last build saw exactly the current inputs, none changed since. */
function staleness(current, dll, stampFile) {
  if (!existsSync(dll)) return `${dll} does not exist`;
  if (!existsSync(stampFile)) return "no build by this launcher yet";
  const stamp = JSON.parse(readFileSync(stampFile, "utf8"));
  const before = new Set(stamp.inputs);
  const added = current.find((f) => !before.has(f));
  if (added) return `${added} is new`;
  const now = new Set(current);
  const removed = stamp.inputs.find((f) => !now.has(f));
  if (removed) return `${removed} was removed`;
  const changed = current.find((f) => statSync(f).mtimeMs > stamp.builtAt);
  return changed ? `${changed} changed` : null;
}

const args = process.argv.slice(2);
const separator = args.indexOf("--");
const own = separator < 0 ? args : args.slice(0, separator);
const appArgs = separator < 0 ? [] : args.slice(separator + 1);
const project = own.find((a) => a.endsWith(".csproj"));
if (!project || !existsSync(project)) usage(project ? `${project}: no such project` : "give the app's .csproj");
const configurationIndex = own.indexOf("--configuration");
const configuration = configurationIndex >= 0 ? own[configurationIndex + 1] : "Debug";
const check = own.includes("--check");
const markBuilt = own.includes("--mark-built");

const folder = dirname(resolve(project));
const name = basename(project, ".csproj");
const text = readFileSync(project, "utf8");
const framework = (text.match(/<TargetFramework>([^<]+)<\/TargetFramework>/) ?? [])[1] ?? "net10.0";
const assemblyName = (text.match(/<AssemblyName>([^<]+)<\/AssemblyName>/) ?? [])[1] ?? name;
const dll = join(folder, "bin", configuration, framework, `${assemblyName}.dll`);
const stampFile = join(folder, "obj", "cdk-app.stamp");

function writeStamp(builtAt, seen) {
  mkdirSync(dirname(stampFile), { recursive: true });
  // The stamp keeps the time the build started: a file saved during the build makes the next run build again.
  writeFileSync(stampFile, JSON.stringify({ builtAt, inputs: seen }));
}

// Read once: what the staleness check compares, and what a build's stamp records.
const current = inputs(project);
if (markBuilt) {
  writeStamp(Date.now(), current);
  process.exit(0);
}

const reason = staleness(current, dll, stampFile);
if (check) {
  process.stdout.write(reason ? `stale: ${reason}\n` : "up to date\n");
  process.exit(0);
}

if (reason) {
  const startedAt = Date.now();
  // One line while it builds; MSBuild's own output only when the build fails.
  process.stderr.write(`cdk-app: building ${project} (${reason})\n`);
  const build = spawnSync("dotnet", ["build", project, "-c", configuration, "-v", "q", "-nologo"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (build.status !== 0) {
    process.stderr.write(`${build.stdout ?? ""}${build.stderr ?? ""}${build.error ? String(build.error) : ""}\n`);
    process.exit(build.status ?? 1);
  }
  writeStamp(startedAt, current);
}

const run = spawnSync("dotnet", [dll, ...appArgs], { stdio: "inherit" });
process.exit(run.status ?? 1);
