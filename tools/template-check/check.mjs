#!/usr/bin/env node
// Template check: "the synthesized template would deploy and is secure", offline.
//
//   node tools/template-check/check.mjs [--json] <template.json | directory>...
//
// Directories are searched for *.template.json (node_modules, bin, obj and dot-folders skipped).
// Every template gets two checks, all in this one process (aws-cdk-lib, cdk-nag and the
// resource spec are loaded once):
//
//  * cdk-nag  The template is loaded into a fresh Stack with aws-cdk-lib/cloudformation-include
//             (CfnInclude, preserveLogicalIds), so each resource becomes its typed L1 construct.
//             cdk-nag's AwsSolutionsChecks is added with Aspects.of(stack).add(...), the app is
//             synthesized, and the annotations cdk-nag wrote are read back from the cloud
//             assembly. Suppressions: CfnInclude keeps each resource's Metadata, so cdk-nag 2.x
//             honours `Metadata.cdk_nag.rules_to_suppress` on resources as-is (cdk-nag 3.x no
//             longer reads it). CfnInclude does NOT carry the template-level `Metadata` into
//             stack.templateOptions.metadata, where cdk-nag looks for stack-level suppressions,
//             so we copy it there ourselves. Suppressed findings are counted via cdk-nag's
//             `logIgnores` info annotations.
//  * schema   Resource properties against @aws-cdk/aws-service-spec (the database the CDK's L1
//             classes are generated from): unknown resource types, unknown property names,
//             missing required properties and obvious type mismatches, nested where the spec
//             describes property types. Intrinsic functions (Ref, Fn::*) are not type-checked;
//             numbers/booleans written as strings are accepted, as CloudFormation does.
//
// Loading quirks handled: normalized snapshots may reference things that are absent (the
// `Rules.CheckBootstrapVersion` rule refers to a dropped `BootstrapVersion` parameter); cdk-nag
// gets a copy without the Rules section and with dangling Ref/GetAtt replaced by placeholder
// strings. Resources with schema errors are loaded "dehydrated" (opaque, unchecked by cdk-nag,
// reported as a NAG-NOT-CHECKED warning), since CfnInclude/synth would reject them anyway.
//
// Output: one line per finding, `ERROR|WARN <check> <rule> <LogicalId> (<cdk path>) <message>`,
// and a summary per template; with --json, only a JSON report on stdout:
//   { "templates": [ { "file", "errors": [{check, rule, logicalId, path, message}], "warnings": [...], "suppressed": n } ] }
// Exit code: 0 no errors, 1 errors found, 2 bad usage or an unreadable template. Warnings never fail.

import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);
// aws-cdk-lib >= 2.2xx validates every synthesized template with its own bundled CloudFormation
// engine and prints the findings; this script synthesizes only to run cdk-nag, so switch it off.
process.env.CDK_VALIDATION = 'false';
const SKIP_DIRS = new Set(['node_modules', 'bin', 'obj']);
const PSEUDO_PARAMETERS = new Set(['AWS::AccountId', 'AWS::NotificationARNs', 'AWS::NoValue', 'AWS::Partition',
  'AWS::Region', 'AWS::StackId', 'AWS::StackName', 'AWS::URLSuffix']);

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const intrinsic = (v) => { // 'Ref' / 'Fn::Xxx' if v is an intrinsic function call
  if (!isObject(v)) return undefined;
  const keys = Object.keys(v);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::')) ? keys[0] : undefined;
};
const kindOf = (v) => (v === null ? 'null' : Array.isArray(v) ? 'list' : typeof v);

// ---------------------------------------------------------------------------------------------
// Command line

function usage(msg) {
  if (msg) console.error(`check.mjs: ${msg}`);
  console.error('usage: node tools/template-check/check.mjs [--json] <template.json | directory>...');
  process.exit(2);
}

function findTemplates(dir, out) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) findTemplates(p, out);
    } else if (e.name.endsWith('.template.json')) out.push(p);
  }
}

function main() {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const inputs = args.filter((a) => a !== '--json');
  const unknownFlag = inputs.find((a) => a.startsWith('-'));
  if (unknownFlag) usage(`unknown option ${unknownFlag}`);
  if (inputs.length === 0) usage('no template or directory given');

  const files = [];
  for (const input of inputs) {
    let st;
    try { st = fs.statSync(input); } catch { usage(`no such file or directory: ${input}`); }
    if (st.isDirectory()) findTemplates(input, files); else files.push(input);
  }

  const started = Date.now();
  const spec = new SchemaChecker();
  const nag = new NagChecker();
  let unreadable = false;
  const reports = [];
  for (const file of files) {
    const t0 = Date.now();
    const report = { file, errors: [], warnings: [], suppressed: 0 };
    let template;
    try {
      template = JSON.parse(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
      if (!isObject(template)) throw new Error('the template is not a JSON object');
    } catch (e) {
      unreadable = true;
      report.errors.push({ check: 'load', rule: 'UNREADABLE', logicalId: '', path: '', message: `cannot read template: ${e.message}` });
      reports.push(report);
      continue;
    }
    const findings = spec.check(template);
    const withSchemaErrors = new Set(findings.filter((f) => f.severity === 'error').map((f) => f.logicalId));
    const nagResult = nag.check(template, withSchemaErrors);
    findings.push(...nagResult.findings);
    report.suppressed = nagResult.suppressed;
    for (const f of findings) {
      const cdkPath = template.Resources?.[f.logicalId]?.Metadata?.['aws:cdk:path'];
      const entry = { check: f.check, rule: f.rule, logicalId: f.logicalId, path: typeof cdkPath === 'string' ? cdkPath : '', message: f.message };
      (f.severity === 'error' ? report.errors : report.warnings).push(entry);
    }
    report.seconds = (Date.now() - t0) / 1000;
    reports.push(report);
  }

  if (json) {
    process.stdout.write(`${JSON.stringify({ templates: reports }, null, 2)}\n`);
  } else {
    for (const r of reports) {
      for (const [level, list] of [['ERROR', r.errors], ['WARN', r.warnings]]) {
        for (const f of list) console.log(`${level} ${f.check} ${f.rule} ${f.logicalId || '-'} (${f.path || '-'}) ${f.message}`);
      }
      console.log(`${r.file}: ${r.errors.length} error(s), ${r.warnings.length} warning(s), ${r.suppressed} suppressed` +
        (r.seconds !== undefined ? ` (${r.seconds.toFixed(2)} s)` : ''));
    }
    const errors = reports.reduce((n, r) => n + r.errors.length, 0);
    console.log(`${reports.length} template(s) checked, ${errors} error(s), in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  process.exitCode = unreadable ? 2 : reports.some((r) => r.errors.length > 0) ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------
// Check "schema": @aws-cdk/aws-service-spec

class SchemaChecker {
  constructor() {
    const { loadAwsServiceSpecSync } = require('@aws-cdk/aws-service-spec');
    this.db = loadAwsServiceSpecSync();
    this.byType = new Map(this.db.all('resource').map((r) => [r.cloudFormationType, r]));
  }

  check(template) {
    const out = [];
    for (const [id, res] of Object.entries(isObject(template.Resources) ? template.Resources : {})) {
      const add = (rule, message) => out.push({ check: 'schema', severity: 'error', rule, logicalId: id, message });
      if (!isObject(res) || typeof res.Type !== 'string') { add('SCHEMA-NO-TYPE', 'resource has no Type'); continue; }
      if (res.Type.startsWith('Custom::') || res.Type === 'AWS::CloudFormation::CustomResource') {
        if (res.Properties?.ServiceToken === undefined) add('SCHEMA-MISSING-REQUIRED', `Properties: missing required property 'ServiceToken' of custom resource ${res.Type}`);
        continue;
      }
      if (res.Type === 'AWS::CDK::Metadata') continue;
      const spec = this.byType.get(res.Type);
      if (!spec) { add('SCHEMA-UNKNOWN-TYPE', `unknown resource type '${res.Type}'`); continue; }
      const props = res.Properties ?? {};
      if (!isObject(props)) { add('SCHEMA-TYPE', `Properties: expected an object, got ${kindOf(props)}`); continue; }
      this.checkObject(props, spec.properties, res.Type, 'Properties', add);
    }
    return out;
  }

  checkObject(obj, propSpecs, typeName, where, add) {
    for (const [key, value] of Object.entries(obj)) {
      const ps = propSpecs[key];
      if (!ps) {
        const near = Object.keys(propSpecs).find((n) => n.toLowerCase() === key.toLowerCase());
        add('SCHEMA-UNKNOWN-PROPERTY', `${where}.${key}: unknown property '${key}' of ${typeName}${near ? ` (did you mean '${near}'?)` : ''}`);
        continue;
      }
      this.checkValue(value, [ps.type, ...(ps.previousTypes ?? [])], `${where}.${key}`, add);
    }
    for (const [name, ps] of Object.entries(propSpecs)) {
      if (ps.required && obj[name] === undefined) add('SCHEMA-MISSING-REQUIRED', `${where}: missing required property '${name}' of ${typeName}`);
    }
  }

  /** `value` must match one of `types` (the current type and the spec's previous types). */
  checkValue(value, types, where, add) {
    const fn = intrinsic(value);
    if (fn === 'Fn::If' && Array.isArray(value[fn])) { // check both branches
      for (const branch of value[fn].slice(1)) if (!(isObject(branch) && branch.Ref === 'AWS::NoValue')) this.checkValue(branch, types, where, add);
      return;
    }
    if (fn) return; // resolved at deploy time
    for (const t of types.slice(1)) {
      const errs = [];
      this.checkType(value, t, where, (...a) => errs.push(a));
      if (errs.length === 0) return;
    }
    this.checkType(value, types[0], where, add);
  }

  checkType(value, t, where, add) {
    const mismatch = (expected) => {
      const shown = JSON.stringify(value);
      add('SCHEMA-TYPE', `${where}: expected ${expected}, got ${kindOf(value)} ${shown.length > 60 ? `${shown.slice(0, 57)}...` : shown}`);
    };
    switch (t.type) {
      case 'string': case 'date-time': // CloudFormation turns numbers and booleans into strings
        if (Array.isArray(value) || isObject(value)) mismatch('a string');
        return;
      case 'integer': case 'number':
        if (typeof value !== 'number' && !(typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value)))) mismatch(`${t.type === 'integer' ? 'an integer' : 'a number'}`);
        return;
      case 'boolean':
        if (typeof value !== 'boolean' && !(typeof value === 'string' && /^(true|false)$/i.test(value))) mismatch('a boolean');
        return;
      case 'tag':
        if (!isObject(value)) mismatch('a tag {Key, Value}');
        else for (const k of ['Key', 'Value']) if (value[k] === undefined) add('SCHEMA-MISSING-REQUIRED', `${where}: tag is missing '${k}'`);
        return;
      case 'array':
        if (!Array.isArray(value)) mismatch('a list');
        else value.forEach((el, i) => this.checkValue(el, [t.element], `${where}.${i}`, add));
        return;
      case 'map':
        if (!isObject(value)) mismatch('an object (map)');
        else for (const [k, v] of Object.entries(value)) this.checkValue(v, [t.element], `${where}.${k}`, add);
        return;
      case 'ref': {
        if (!isObject(value)) { mismatch('an object'); return; }
        const td = this.db.get('typeDefinition', t.reference.$ref);
        if (td) this.checkObject(value, td.properties, td.name, where, add);
        return;
      }
      case 'union': {
        for (const member of t.types) {
          const errs = [];
          this.checkType(value, member, where, (...a) => errs.push(a));
          if (errs.length === 0) return;
        }
        mismatch(`one of ${t.types.map((m) => m.type).join(' | ')}`);
        return;
      }
      default: // 'json', 'null' and anything newer: free-form
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Check "cdk-nag": AwsSolutionsChecks on the template loaded with CfnInclude

class NagChecker {
  constructor() {
    this.cdk = require('aws-cdk-lib');
    this.CfnInclude = require('aws-cdk-lib/cloudformation-include').CfnInclude;
    this.nag = require('cdk-nag');
  }

  /** @returns {{findings: object[], suppressed: number}} */
  check(template, dehydrate) {
    const { App, Stack, Aspects, DefaultStackSynthesizer, CfnElement } = this.cdk;
    const findings = [];
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'template-check-'));
    try {
      const copy = loadableCopy(template);
      const stackMetadata = copy.Metadata;
      delete copy.Metadata; // handed to the stack below, where cdk-nag reads stack-level suppressions
      const includeFile = path.join(work, 'template.json');
      fs.writeFileSync(includeFile, JSON.stringify(copy));
      const dehydrated = Object.keys(copy.Resources ?? {}).filter((id) => dehydrate.has(id));
      for (const id of dehydrated) {
        findings.push({ check: 'cdk-nag', severity: 'warning', rule: 'NAG-NOT-CHECKED', logicalId: id, message: 'cdk-nag rules were not run on this resource because it has schema errors' });
      }

      const app = new App({ outdir: path.join(work, 'cdk.out') });
      const stack = new Stack(app, 'TemplateCheck', { synthesizer: new DefaultStackSynthesizer({ generateBootstrapVersionRule: false }) });
      if (isObject(stackMetadata)) stack.templateOptions.metadata = stackMetadata;
      let messages;
      try {
        new this.CfnInclude(stack, 'Template', { templateFile: includeFile, preserveLogicalIds: true, allowCyclicalReferences: true, dehydratedResources: dehydrated });
        Aspects.of(stack).add(new this.nag.AwsSolutionsChecks({ logIgnores: true, reports: false }));
        messages = app.synth().getStackArtifact(stack.artifactId).messages;
      } catch (e) {
        const msg = String(e?.message ?? e).split('\n')[0];
        findings.push({ check: 'cdk-nag', severity: 'error', rule: 'NAG-LOAD-FAILED', logicalId: '', message: `the template could not be loaded for cdk-nag, so it was not checked: ${msg}` });
        return { findings, suppressed: 0 };
      }

      // Annotations are keyed by construct path; map them back to logical ids.
      const logicalIds = new Map();
      for (const c of stack.node.findAll()) {
        if (CfnElement.isCfnElement(c)) logicalIds.set(`/${c.node.path}`, stack.resolve(c.logicalId));
      }
      let suppressed = 0;
      for (const m of messages) {
        const text = String(m.entry.data).trim();
        const match = /^([\w.-]+)(?:\[([^\]]*)\])?: ([\s\S]*)$/.exec(text);
        const rule = match ? match[1] : 'CDK';
        if (rule === 'CdkNagSuppression') { suppressed++; continue; }
        if (m.level === 'info') continue;
        const finding = match && match[2] ? `[${match[2]}] ${match[3]}` : match ? match[3] : text;
        findings.push({
          check: 'cdk-nag', severity: m.level === 'error' ? 'error' : 'warning', rule,
          logicalId: logicalIds.get(m.id) ?? m.id, message: finding.replace(/\s+/g, ' '),
        });
      }
      return { findings, suppressed };
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  }
}

/**
 * A copy of the template that CfnInclude accepts: without the Rules section (the CDK's
 * bootstrap-version rule, irrelevant to cdk-nag) and with Ref/GetAtt to absent parameters or
 * resources replaced by placeholder strings.
 */
function loadableCopy(template) {
  const t = JSON.parse(JSON.stringify(template));
  delete t.Rules;
  const has = (section, key) => isObject(t[section]) && Object.prototype.hasOwnProperty.call(t[section], key);
  const fix = (v) => {
    if (Array.isArray(v)) return v.map(fix);
    if (!isObject(v)) return v;
    const fn = intrinsic(v);
    if (fn === 'Ref' && typeof v.Ref === 'string' && !PSEUDO_PARAMETERS.has(v.Ref) && !has('Parameters', v.Ref) && !has('Resources', v.Ref)) {
      return `dangling-ref-${v.Ref}`;
    }
    if (fn === 'Fn::GetAtt') {
      const arg = v[fn];
      const target = Array.isArray(arg) ? arg[0] : typeof arg === 'string' ? arg.split('.')[0] : undefined;
      if (!has('Resources', target)) return `dangling-getatt-${target}`;
    }
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fix(x)]));
  };
  for (const section of ['Resources', 'Outputs', 'Conditions']) if (isObject(t[section])) t[section] = fix(t[section]);
  return t;
}

main();
